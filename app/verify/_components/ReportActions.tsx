'use client';

import { useEffect, useState } from 'react';
import { useFormat, useTranslations } from '@/lib/browser/i18n';

/** The public report's address: the book id only (never a VIN, never a share link's key). */
function publicReportUrl(bookId: string): string {
  // Relative to this page: /verify on a server, /ipfs/<cid>/verify.html on a gateway.
  return `${window.location.origin}${window.location.pathname}?book=${bookId}`;
}

/** The QR code of a URL, drawn by `qrcode` loaded on demand (not in the page's first load). */
function useQrCode(url: string): string | undefined {
  const [qr, setQr] = useState<{ url: string; data: string } | undefined>();
  useEffect(() => {
    let cancelled = false;
    void import('qrcode').then((mod) => {
      // A CommonJS package: its functions may sit on the namespace or on its default export.
      const toDataURL = mod.toDataURL ?? mod.default.toDataURL;
      return toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 256 }).then((data) => {
        if (!cancelled) setQr({ url, data });
      });
    });
    return () => {
      cancelled = true;
    };
  }, [url]);
  return qr?.url === url ? qr.data : undefined;
}

/** Print / save as PDF, share the public report, and its QR code (on screen and on paper). */
export function ReportActions({ bookId }: { bookId: string }) {
  const t = useTranslations('report');
  const [url, setUrl] = useState<string>();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the origin is known only in the browser.
    setUrl(publicReportUrl(bookId));
  }, [bookId]);
  const qr = useQrCode(url ?? '');

  async function share() {
    if (!url) return;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: t('shareTitle'), url });
        return;
      } catch {
        // dismissed or refused: fall back to copying
      }
    }
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setCopied(true);
  }

  return (
    <div className="report-actions no-print">
      <button type="button" onClick={() => window.print()} data-testid="print-report">
        {t('print')}
      </button>
      <button type="button" className="secondary" onClick={() => void share()} data-testid="share-report">
        {t('share')}
      </button>
      {copied && (
        <span role="status" className="muted">
          {t('copied')}
        </span>
      )}
      {url && qr && (
        <details className="share-qr-details">
          <summary>{t('showQr')}</summary>
          <div className="share-qr">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser; nothing to optimise */}
            <img src={qr} alt={t('qrAlt')} data-testid="report-qr" />
            <span className="mono">{url}</span>
          </div>
        </details>
      )}
    </div>
  );
}

/** The printed report's head: where and when it was verified, and the QR code of the live report. */
export function PrintHeader({ bookId, block, at }: { bookId: string; block: bigint; at: number }) {
  const t = useTranslations('report');
  const f = useFormat();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the origin is known only in the browser.
    setUrl(publicReportUrl(bookId));
  }, [bookId]);
  const qr = useQrCode(url ?? '');
  return (
    <div className="print-only print-header" data-testid="print-header">
      <div>
        <strong>{t('printTitle')}</strong>
        <p>{t('printVerified', { block: f.number(block), date: f.dateTime(at) })}</p>
        <p>
          {t('printLive')} <span className="mono">{url}</span>
        </p>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser; nothing to optimise */}
      {qr && <img src={qr} alt={t('qrAlt')} width={110} height={110} />}
    </div>
  );
}
