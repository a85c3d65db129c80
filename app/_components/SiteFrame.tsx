'use client';

import { LocaleSwitch, useTranslations } from '@/lib/browser/i18n';
import { PublishedCid } from './PublishedCid';
import { SiteLink } from './SiteLink';

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
      <SiteLink href="/" className="brand">
        <span aria-hidden="true">▣</span> {t('brand')}
      </SiteLink>
      <nav aria-label={t('mainNav')}>
        <SiteLink href="/verify">{t('nav.verify')}</SiteLink>
        {/* No prefetch: the buyer's pages must not download wallet code. */}
        {WALLET_PAGES.map((page) => (
          <SiteLink key={page} href={`/${page}`}>
            {t(`nav.${page}`)}
          </SiteLink>
        ))}
      </nav>
      <LocaleSwitch />
    </header>
  );
}

export function SiteFooter() {
  const t = useTranslations('site');
  return (
    <footer className="site-footer">
      <p>{t('footer')}</p>
      <PublishedCid />
    </footer>
  );
}
