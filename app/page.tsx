'use client';

import Link from 'next/link';
import { useTranslations } from '@/lib/browser/i18n';

/** The professional and owner pages (wallet pages: never prefetched, see app/_components/SiteFrame.tsx). */
const ROLES = ['garage', 'manufacturer', 'workshop', 'insurer', 'expert', 'recycler', 'archive', 'consortium'] as const;

export default function Home() {
  const t = useTranslations('home');
  return (
    <>
      <section className="hero">
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
      </section>
      <div className="cards">
        <Link href="/verify" className="card" prefetch={false}>
          <h2>{t('buyer.title')}</h2>
          <p>{t('buyer.text')}</p>
        </Link>
        {ROLES.map((role) => (
          <Link key={role} href={`/${role}`} className="card" prefetch={false}>
            <h2>{t(`roles.${role}.title`)}</h2>
            <p>{t(`roles.${role}.text`)}</p>
          </Link>
        ))}
      </div>
    </>
  );
}
