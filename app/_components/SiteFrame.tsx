'use client';

import Link from 'next/link';
import { LocaleSwitch, useTranslations } from '@/lib/browser/i18n';

/** Pages under app/(wallet): each loads wagmi and RainbowKit, so none is ever prefetched from a public page. */
const WALLET_PAGES = [
  'garage',
  'workshop',
  'insurer',
  'expert',
  'recycler',
  'archive',
  'manufacturer',
  'consortium',
] as const;

export function SiteHeader() {
  const t = useTranslations('site');
  return (
    <header className="site-header">
      <Link href="/" className="brand" prefetch={false}>
        <span aria-hidden="true">▣</span> {t('brand')}
      </Link>
      <nav aria-label={t('mainNav')}>
        <Link href="/verify" prefetch={false}>
          {t('nav.verify')}
        </Link>
        {/* No prefetch: the buyer's pages must not download wallet code. */}
        {WALLET_PAGES.map((page) => (
          <Link key={page} href={`/${page}`} prefetch={false}>
            {t(`nav.${page}`)}
          </Link>
        ))}
      </nav>
      <LocaleSwitch />
    </header>
  );
}

export function SiteFooter() {
  const t = useTranslations('site');
  return <footer className="site-footer">{t('footer')}</footer>;
}
