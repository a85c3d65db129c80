'use client';

import { useState } from 'react';
import { bytesToHex, zeroHash, type Hex, type PublicClient } from 'viem';
import { documentAnchorAbi } from '@/lib/browser/contracts';
import type { RuntimeConfig } from '@/lib/browser/config';
import type { BookHistory } from '@/lib/browser/history';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { useHumanize } from '@/lib/browser/errors';
import { FilePicker } from '@/app/_components/FilePicker';

type Result =
  | { status: 'idle' }
  | { status: 'working' }
  | {
      status: 'done';
      name: string;
      hash: Hex;
      recordIndex?: number;
      anchored?: { org?: string; orgId: number; at: number };
    }
  | { status: 'error'; error: unknown };

/** A buyer drops the paper invoice's scan or PDF: its sha256 is compared with the book's records and the archive. */
export function DocumentCheck({
  history,
  config,
  client,
  orgNames,
}: {
  history: BookHistory;
  config: RuntimeConfig;
  client: PublicClient;
  orgNames: Record<number, string>;
}) {
  const t = useTranslations('documentCheck');
  const f = useFormat();
  const humanize = useHumanize();
  const [result, setResult] = useState<Result>({ status: 'idle' });
  const [active, setActive] = useState(false);

  async function check(file: File) {
    setResult({ status: 'working' });
    try {
      // The document never leaves the browser: only its hash is compared.
      const hash = bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())));
      const record = history.records.find((r) => r.documentHash !== zeroHash && r.documentHash === hash);
      const anchor = await client.readContract({
        address: config.contracts.documentAnchor,
        abi: documentAnchorAbi,
        functionName: 'anchorOf',
        args: [hash],
      });
      setResult({
        status: 'done',
        name: file.name,
        hash,
        recordIndex: record?.index,
        anchored:
          anchor.anchoredAt > 0
            ? { org: orgNames[anchor.orgId], orgId: anchor.orgId, at: Number(anchor.anchoredAt) }
            : undefined,
      });
    } catch (error) {
      setResult({ status: 'error', error });
    }
  }

  return (
    <section className="panel no-print" aria-labelledby="document-check-title">
      <h2 id="document-check-title">{t('title')}</h2>
      <label
        className={`dropzone${active ? ' active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setActive(true);
        }}
        onDragLeave={() => setActive(false)}
        onDrop={(event) => {
          event.preventDefault();
          setActive(false);
          const file = event.dataTransfer.files[0];
          if (file) void check(file);
        }}
      >
        {t('drop')}
        <FilePicker
          data-testid="document-input"
          className="file-picker-centred"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void check(file);
          }}
        />
      </label>
      {result.status === 'working' && <p role="status">{t('hashing')}</p>}
      {result.status === 'error' && (
        <div className="alert error" role="alert">
          {t('failed')} {humanize(result.error)}
        </div>
      )}
      {result.status === 'done' && (
        <div
          className={`alert ${result.recordIndex !== undefined || result.anchored ? 'success' : 'error'}`}
          data-testid="document-result"
        >
          <strong>{result.name}</strong>:{' '}
          {result.recordIndex !== undefined ? t('matches', { number: result.recordIndex + 1 }) : t('notReferenced')}{' '}
          {result.anchored
            ? t('anchored', {
                org: result.anchored.org ?? t('organisation', { id: result.anchored.orgId }),
                date: f.dateTime(result.anchored.at),
              })
            : t('notAnchored')}
          <div className="mono muted">sha256 {result.hash}</div>
        </div>
      )}
    </section>
  );
}
