'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { useLocale } from 'use-intl';
import { useTranslations } from '@/lib/browser/i18n';

/** Each route's catalogue key in public.json's pageTitle namespace (routes absent here keep their static title). */
const TITLE_KEYS = {
  '/': 'home',
  '/verify': 'verify',
  '/garage': 'garage',
  '/workshop': 'workshop',
  '/insurer': 'insurer',
  '/expert': 'expert',
  '/recycler': 'recycler',
  '/archive': 'archive',
  '/manufacturer': 'manufacturer',
  '/consortium': 'consortium',
} as const;

type Route = keyof typeof TITLE_KEYS;
const isRoute = (path: string): path is Route => Object.hasOwn(TITLE_KEYS, path);

/**
 * The tab's title in the page's language. The static export's <title> (each page's metadata) is English, for
 * crawlers and the first paint; the language is chosen in the browser, so the title follows it here, once for
 * every route (mounted by app/layout.tsx).
 */
export function DocumentTitle() {
  const t = useTranslations('pageTitle');
  const locale = useLocale();
  const pathname = usePathname();
  // "/verify", "/verify.html" or "/verify/" depending on the static host: the same route.
  const route = pathname.replace(/\.html$/, '').replace(/(.)\/$/, '$1');
  const title = isRoute(route) ? t(TITLE_KEYS[route]) : undefined;
  useEffect(() => {
    if (title === undefined) return;
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    // Next renders each page's (English) metadata <title> too, possibly after this effect (a wallet page's layout
    // loads its words first): whenever the head's title changes, the page's language wins again.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [title, locale]);
  return null;
}
