import type { Metadata } from 'next';
import { LocaleProvider } from '@/lib/browser/i18n';
import { DocumentTitle } from './_components/DocumentTitle';
import { SiteFooter, SiteHeader } from './_components/SiteFrame';
import './globals.css';

// Each page's static title is English (crawlers, first paint); DocumentTitle puts it in the page's language.
export const metadata: Metadata = {
  title: 'CarBook ledger',
  description: 'Vehicle history you can trust without trusting any single company.',
  // Relative, like the assets (next.config.js): every page is a top-level file, so it works under /ipfs/<cid>/ too.
  icons: { icon: './icon.svg' },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The static HTML is English; LocaleProvider switches to the browser's language (and sets lang) on load.
    <html lang="en" suppressHydrationWarning>
      <body>
        <LocaleProvider>
          <DocumentTitle />
          <SiteHeader />
          <main className="page">{children}</main>
          <SiteFooter />
        </LocaleProvider>
      </body>
    </html>
  );
}
