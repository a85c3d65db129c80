'use client';

import { useEffect, useState } from 'react';
import type { Hex } from 'viem';
import { useWalletClient } from 'wagmi';
import { createBuyerShare, revokeBuyerShare } from '@/lib/browser/privacy';
import { usePrivateKeys } from '../../_components/privacy/PrivateKeys';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useShareKeys } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { shortHash } from '../../_components/format';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { sitePageUrl } from '@/app/_components/SiteLink';

/**
 * The owner shares the full history, private details included, with a buyer who has no wallet: a link whose
 * fragment carries a reading key (shown once, as text and QR code). Live links are listed and can be revoked:
 * a revoked link reads nothing written after the next private record.
 */
export function BuyerShare({ tokenId }: { tokenId: bigint }) {
  const t = useTranslations('garage.share');
  const format = useFormat();
  const keys = usePrivateKeys();
  const config = useRuntimeConfig();
  const { data: walletClient } = useWalletClient();
  const createTx = useTransactionSteps();
  const revokeTx = useTransactionSteps();
  const [link, setLink] = useState<{ url: string; shareKey: Hex } | undefined>();
  const sharesKey = queryKeys.shareKeys(config.contracts.keyRegistry ?? '0x', tokenId);
  const shares = useShareKeys(tokenId);

  if (!keys.config) return null;
  const privacy = keys.config;
  const ready = Boolean(keys.unlocked && walletClient);

  return (
    <section className="subpanel" aria-labelledby={`share-${tokenId}`} data-testid="buyer-share">
      <h3 id={`share-${tokenId}`}>{t('title')}</h3>
      <p className="muted small">{t('intro')}</p>
      {!keys.unlocked && <p className="small alert info">{t('unlockFirst')}</p>}
      <button
        type="button"
        disabled={!ready || createTx.state.status === 'pending'}
        onClick={() => {
          setLink(undefined);
          revokeTx.reset();
          void createTx.run({
            pending: t('createPending'),
            success: t('created'),
            invalidate: [sharesKey],
            send: async ({ wallet, client }) => {
              const made = await createBuyerShare(wallet, client, privacy, {
                tokenId,
                baseUrl: sitePageUrl('/verify'),
                ownerKeys: keys.viewerKeys,
              });
              setLink({ url: made.url, shareKey: made.shareKey });
            },
          });
        }}
      >
        {t('create')}
      </button>
      <TxStatus state={createTx.state} testId="share-status" />
      {link && <ShareLinkCard url={link.url} />}
      {shares.data && shares.data.length > 0 && (
        <ul className="plain-list" aria-label={t('live')}>
          {shares.data.map((share) => (
            <li key={share.shareKey} data-testid="share-link" data-share-key={share.shareKey}>
              <span className="small">
                {t('link')} <span className="mono">{shortHash(share.shareKey)}</span> ·{' '}
                {t('since', { date: format.dateTime(share.createdAt) })}
              </span>
              <button
                type="button"
                className="secondary small"
                disabled={!walletClient || revokeTx.state.status === 'pending'}
                onClick={() => {
                  createTx.reset();
                  void revokeTx.run({
                    pending: t('revokePending'),
                    success: t('revoked'),
                    // Every key-registry read: the book's readers changed.
                    invalidate: [queryKeys.privacy()],
                    send: async ({ wallet, client }) => {
                      await revokeBuyerShare(wallet, client, privacy, {
                        tokenId,
                        shareKey: share.shareKey,
                      });
                      if (link?.shareKey === share.shareKey) setLink(undefined);
                    },
                  });
                }}
              >
                {t('revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {shares.data?.length === 0 && <p className="muted small">{t('none')}</p>}
      <TxStatus state={revokeTx.state} testId="share-revoke-status" />
    </section>
  );
}

function ShareLinkCard({ url }: { url: string }) {
  const t = useTranslations('garage.share');
  const [qr, setQr] = useState<string | undefined>();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void import('qrcode').then((mod) => {
      // A CommonJS package: its functions may sit on the namespace or on its default export.
      const toDataURL = mod.toDataURL ?? mod.default.toDataURL;
      return toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 220 }).then((data) => {
        if (!cancelled) setQr(data);
      });
    });
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    <div className="share-card" data-testid="share-card">
      <label>
        {t('linkForBuyer')}
        <input readOnly value={url} data-testid="share-url" onFocus={(event) => event.currentTarget.select()} />
      </label>
      <div className="row">
        <button
          type="button"
          className="secondary small"
          onClick={async () => {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser; nothing to optimise */}
      {qr && <img src={qr} alt={t('qrAlt')} width={220} height={220} data-testid="share-qr" />}
      <p className="small muted" style={{ margin: 0 }}>
        {t('anyone')}
      </p>
    </div>
  );
}
