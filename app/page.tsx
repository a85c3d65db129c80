'use client';

import { useTranslations } from '@/lib/browser/i18n';
import { SiteLink } from './_components/SiteLink';

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
        <SiteLink href="/verify" className="card">
          <h2>{t('buyer.title')}</h2>
          <p>{t('buyer.text')}</p>
        </SiteLink>
        {ROLES.map((role) => (
          <SiteLink key={role} href={`/${role}`} className="card">
            <h2>{t(`roles.${role}.title`)}</h2>
            <p>{t(`roles.${role}.text`)}</p>
          </SiteLink>
        ))}
      </div>
    </>
  );
}
