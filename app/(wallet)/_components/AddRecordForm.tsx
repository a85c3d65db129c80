'use client';

import { useRef, useState } from 'react';
import { RECORD_KIND_LABELS, RecordKind } from '@/lib/browser/contracts';
import { formatKm, formatNumber } from '@/lib/browser/format';
import { ipfsClientFor } from '@/app/_components/ipfs';
import { useRuntimeConfig } from './Providers';
import { queryKeys } from './hooks';
import { hasPrivatePart, newDocument, writeRecordWithDocuments, type WrittenRecord } from '@/lib/browser/privacy';
import { usePrivateKeys } from './privacy/PrivateKeys';
import { UnlockPrivate } from './privacy/UnlockPrivate';
import { TxStatus, useTransactionSteps } from './useTransactionSteps';

/** Kinds written with a plain append; diagnoses and corrections have their own flows. */
const PLAIN_KINDS = ['OdometerReading', 'Service', 'Repair', 'Inspection', 'Note'] as const;
type PlainKind = (typeof PLAIN_KINDS)[number];

type Upload = { index: number; count: number; name: string; sent: number; total: number };

/** A record by whoever may write it now: the owner, the maker's network, a workshop with a grant. */
export function AddRecordForm({
  tokenId,
  lastMileage,
  kinds = PLAIN_KINDS,
  defaultKind = 'Service',
  invalidate = [],
}: {
  tokenId: bigint;
  lastMileage: number;
  kinds?: readonly PlainKind[];
  defaultKind?: PlainKind;
  /** Queries besides the book's history that this writer's page shows (e.g. its grant). */
  invalidate?: readonly (readonly unknown[])[];
}) {
  const config = useRuntimeConfig();
  const keys = usePrivateKeys();
  const tx = useTransactionSteps();
  const [mileage, setMileage] = useState('');
  const [kind, setKind] = useState<PlainKind>(defaultKind);
  const [label, setLabel] = useState('');
  const [details, setDetails] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [upload, setUpload] = useState<Upload | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);
  const trimmed = mileage.replace(/[\s,._]/g, '');
  const mileageError =
    trimmed === '' ? undefined : /^\d{1,8}$/.test(trimmed) ? undefined : 'Enter whole kilometres, e.g. 48200.';
  const isPrivate = hasPrivatePart({ label, details, documents: files });
  const needsUnlock = isPrivate && !keys.unlocked;
  const id = `record-${tokenId.toString(16).slice(0, 8)}`;

  return (
    <form
      className="stack"
      style={{ marginTop: '1.2rem' }}
      aria-label="Add a record"
      onSubmit={async (event) => {
        event.preventDefault();
        if (mileageError || trimmed === '' || needsUnlock) return;
        let written: WrittenRecord | undefined;
        const ok = await tx.run({
          pending: isPrivate ? 'Encrypting the private details…' : 'Waiting for your wallet and the chain…',
          success: () =>
            `Record added: ${formatKm(Number(trimmed))}${isPrivate ? ', its private details encrypted for the book’s readers' : ''}` +
            (written?.wrapsPublished
              ? ` (2 transactions: ${written.rotated ? 'the new key shared with the book’s readers' : 'the book’s key shared with its new readers'}, then the record).`
              : '.'),
          invalidate: [queryKeys.history(config.contracts.carBook, tokenId), ...invalidate],
          describe: ({ index, total, label }) =>
            total < 2
              ? undefined
              : index === 1
                ? `2 transactions: ${label === 'rotate-key' ? 'share the new key with the book’s readers' : 'share the book’s key with its new readers'}, then write the record. Transaction 1 of 2: confirm it in your wallet…`
                : '2 transactions: key shared. Transaction 2 of 2: write the record, confirm it in your wallet…',
          send: async ({ wallet, client, progress, step }) => {
            const documents = await Promise.all(files.map(newDocument));
            written = await writeRecordWithDocuments(
              wallet,
              client,
              keys.config ?? { contracts: { carBook: config.contracts.carBook } },
              () => ipfsClientFor(config),
              {
                tokenId,
                mileage: BigInt(trimmed),
                kind: RecordKind[kind],
                label,
                details,
                documents,
                writerKeys: keys.viewerKeys,
                onProgress: (index, sent, total) => {
                  setUpload({ index, count: files.length, name: files[index]?.name ?? '', sent, total });
                  progress(
                    `Uploading ${files.length > 1 ? `document ${index + 1} of ${files.length}` : 'the document'} (encrypted)…`,
                  );
                },
                onStep: (next) => {
                  setUpload(undefined);
                  step(next);
                },
              },
            );
          },
        });
        setUpload(undefined);
        if (ok) {
          setMileage('');
          setLabel('');
          setDetails('');
          setFiles([]);
          if (fileInput.current) fileInput.current.value = '';
        }
      }}
    >
      <h3 style={{ margin: 0 }}>Add a record</h3>
      <div className="row">
        <label>
          Mileage (km)
          <input
            name="mileage"
            inputMode="numeric"
            value={mileage}
            onChange={(event) => {
              setMileage(event.target.value);
              tx.reset();
            }}
            placeholder={`at least ${formatNumber(lastMileage)}`}
            aria-invalid={Boolean(mileageError)}
            aria-describedby="mileage-error"
          />
        </label>
        <label>
          Kind
          <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
            {kinds.map((name) => (
              <option key={name} value={name}>
                {RECORD_KIND_LABELS[name]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {mileageError && (
        <span id="mileage-error" className="field-error">
          {mileageError}
        </span>
      )}
      {keys.config && (
        <fieldset className="private-fields" aria-describedby={`${id}-private-hint`}>
          <legend>Private details (optional)</legend>
          <p id={`${id}-private-hint`} className="small muted" style={{ margin: 0 }}>
            Encrypted in your browser: only the book&apos;s readers (its owner, the maker&apos;s network, granted
            workshops, the covering insurer, the owner&apos;s share links) can open them. Mileage, kind and date stay
            public.
          </p>
          <label>
            Label
            <input
              name="label"
              value={label}
              maxLength={120}
              placeholder="e.g. Timing belt replaced"
              onChange={(event) => setLabel(event.target.value)}
            />
          </label>
          <label>
            Details
            <textarea
              name="details"
              value={details}
              rows={3}
              maxLength={3000}
              onChange={(event) => setDetails(event.target.value)}
            />
          </label>
          <label>
            Documents
            <input
              ref={fileInput}
              type="file"
              name="documents"
              multiple
              onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
            />
            <span className="hint">
              Invoices, photos, PDFs: encrypted before they are stored on the consortium&apos;s IPFS node.
            </span>
          </label>
          {upload && (
            <div
              role="progressbar"
              aria-label={`Uploading ${upload.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round((upload.sent / Math.max(upload.total, 1)) * 100)}
              className="progress"
            >
              <div style={{ width: `${Math.round((upload.sent / Math.max(upload.total, 1)) * 100)}%` }} />
            </div>
          )}
          {needsUnlock && (
            <div className="alert info small" data-testid="private-needs-unlock" style={{ margin: 0 }}>
              Unlock private details to encrypt these fields for the book&apos;s readers.
              <UnlockPrivate compact />
            </div>
          )}
        </fieldset>
      )}
      <button
        type="submit"
        disabled={tx.state.status === 'pending' || trimmed === '' || Boolean(mileageError) || needsUnlock}
      >
        Add record
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}
