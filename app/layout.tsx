import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: 'CarBook ledger',
  description: 'Vehicle history you can trust without trusting any single company.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            <span aria-hidden="true">▣</span> CarBook ledger
          </Link>
          <nav aria-label="Main">
            <Link href="/verify">Verify a car</Link>
            {/* No prefetch: the buyer's pages must not download wallet code. */}
            <Link href="/garage" prefetch={false}>
              My car books
            </Link>
            <Link href="/manufacturer" prefetch={false}>
              Manufacturer
            </Link>
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
