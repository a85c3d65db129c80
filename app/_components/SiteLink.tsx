'use client';

import Link from 'next/link';
import { useSyncExternalStore, type ComponentProps } from 'react';
import { pageHref } from '@/lib/browser/gateway';

const noSubscription = () => () => {};

/** The page's path in the browser; null while the static HTML is rendered (no location then). */
function useBrowserPathname(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.pathname,
    () => null,
  );
}

/**
 * A link to one of the dApp's pages (`/verify`, `/garage?…`). At a domain's root it is Next's `Link` (client-side
 * navigation, never prefetched: the buyer's pages must not download wallet code). Under an IPFS path gateway
 * (`/ipfs/<cid>/…`) it is a plain link to the page's file inside the CID (`/ipfs/<cid>/verify.html`): the gateway's
 * root is not the dApp's, and it serves files, not Next's routes.
 */
export function SiteLink({
  href,
  fullLoad = false,
  ...props
}: Omit<ComponentProps<'a'>, 'href'> & {
  href: string;
  /** A plain link (the whole page loads) wherever the page is served: leaving the wallet pages for a public one. */
  fullLoad?: boolean;
}) {
  const pathname = useBrowserPathname();
  const resolved = pathname === null ? href : pageHref(href, pathname);
  if (fullLoad || resolved !== href) return <a href={resolved} {...props} />;
  return <Link href={href} prefetch={false} {...props} />;
}

/** `pageHref` for code that builds a URL (share links): the page's address from the current one. */
export function sitePageUrl(route: string): string {
  return `${window.location.origin}${pageHref(route, window.location.pathname)}`;
}
