import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: 'CarBook ledger',
  description: 'Vehicle history you can trust without trusting any single company.',
  icons: { icon: '/icon.svg' },
};

/** Pages under app/(wallet): each loads wagmi and RainbowKit, so none is ever prefetched from a public page. */
const WALLET_PAGES = [
  { href: '/garage', label: 'My car books' },
  { href: '/workshop', label: 'Workshop' },
  { href: '/insurer', label: 'Insurer' },
  { href: '/expert', label: 'Expert' },
  { href: '/recycler', label: 'Recycler' },
  { href: '/archive', label: 'Documents' },
  { href: '/manufacturer', label: 'Manufacturer' },
  { href: '/consortium', label: 'Consortium' },
] as const;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand" prefetch={false}>
            <span aria-hidden="true">▣</span> CarBook ledger
          </Link>
          <nav aria-label="Main">
            {/* No prefetch: a page loads only its own code (the buyer's pages never download wallet code). */}
            <Link href="/verify" prefetch={false}>
              Verify a car
            </Link>
            {WALLET_PAGES.map(({ href, label }) => (
              <Link key={href} href={href} prefetch={false}>
                {label}
              </Link>
            ))}
          </nav>
        </header>
        <main className="page">{children}</main>
        <footer className="site-footer">
          Records live on the consortium&apos;s permissioned chain; private details are encrypted in your browser.
        </footer>
      </body>
    </html>
  );
}
