'use client';

import { useState } from 'react';
import type { DocumentRef } from '@/lib/browser/crypto';
import type { IpfsClient } from '@/lib/browser/ipfs';
import type { PrivatePart } from '@/lib/browser/privacy';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { useHumanize } from '@/lib/browser/errors';
import { LockIcon } from './LockIcon';

/** A record's private part: its label, details and documents when opened, "🔒 private" when the viewer has no key. */
export function PrivateDetails({ part, ipfs }: { part: PrivatePart; ipfs: () => Promise<IpfsClient> }) {
  const t = useTranslations('privateDetails');
  if (part.locked) {
    return (
      <span
        className="private locked"
        data-testid="private-locked"
        title={part.reason === 'no-key' ? t('noKeyTitle') : t('undecryptableTitle')}
      >
        <LockIcon /> {part.reason === 'no-key' ? t('locked') : t('undecryptable')}
      </span>
    );
  }
  const { label, details, documents } = part.payload;
  return (
    <div className="private open" data-testid="private-details">
      {label && <strong data-testid="private-label">{label}</strong>}
      {details && (
        <p className="private-text" data-testid="private-text">
          {details}
        </p>
      )}
      {documents.length > 0 && (
        <ul className="private-docs" aria-label={t('documents')}>
          {documents.map((doc) => (
            <li key={doc.cid}>
              <DocumentDownload doc={doc} ipfs={ipfs} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Fetches the encrypted document, checks its CID and sha256, decrypts it and saves it under its original name. */
function DocumentDownload({ doc, ipfs }: { doc: DocumentRef; ipfs: () => Promise<IpfsClient> }) {
  const t = useTranslations('privateDetails');
  const f = useFormat();
  const humanize = useHumanize();
  const [state, setState] = useState<{ status: 'idle' | 'working' } | { status: 'error'; error: unknown }>({
    status: 'idle',
  });
  return (
    <>
      <button
        type="button"
        className="secondary small"
        disabled={state.status === 'working'}
        onClick={async () => {
          setState({ status: 'working' });
          try {
            // Loaded on demand: the public page carries no decryption code unless a share link needs it.
            const { openDocument } = await import('@/lib/browser/privacy');
            const bytes = await openDocument(doc, await ipfs());
            const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: doc.mime }));
            const link = document.createElement('a');
            link.href = url;
            link.download = doc.name;
            document.body.append(link);
            link.click();
            link.remove();
            // The browser has taken the bytes once the click is handled; keep the URL briefly for slow handlers.
            setTimeout(() => URL.revokeObjectURL(url), 60_000);
            setState({ status: 'idle' });
          } catch (error) {
            setState({ status: 'error', error });
          }
        }}
      >
        {state.status === 'working' ? t('decrypting') : `⬇ ${doc.name}`}{' '}
        <span className="muted">({f.bytes(doc.size)})</span>
      </button>
      {state.status === 'error' && (
        <span className="field-error" role="alert">
          {t('openFailed', { name: doc.name })} {humanize(state.error)}
        </span>
      )}
    </>
  );
}
