'use client';

import { useRef, useState } from 'react';
import { PARAMETERS, RecordKind } from '@/lib/browser/contracts';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { isImplausibleJump, parseWholeKm, plausibleKmPerDay, type ParsedMileage } from '@/lib/browser/mileage';
import { ipfsClientFor } from '@/app/_components/ipfs';
import { useRuntimeConfig } from './Providers';
import { queryKeys, useParameter } from './hooks';
import { hasPrivatePart, newDocument, writeRecordWithDocuments, type WrittenRecord } from '@/lib/browser/privacy';
import { usePrivateKeys } from './privacy/PrivateKeys';
import { UnlockPrivate } from './privacy/UnlockPrivate';
import { ConfirmStep } from './ConfirmStep';
import { TxStatus, useTransactionSteps } from './useTransactionSteps';
import { FilePicker } from '@/app/_components/FilePicker';

/** Kinds written with a plain append; diagnoses and corrections have their own flows. */
const PLAIN_KINDS = ['OdometerReading', 'Service', 'Repair', 'Inspection', 'Note'] as const;
type PlainKind = (typeof PLAIN_KINDS)[number];

type Upload = { index: number; count: number; name: string; sent: number; total: number };

/** The sentence under the mileage field, in the page's language (undefined while the field is empty or valid). */
export function useMileageError(): (parsed: ParsedMileage, atLeast?: number) => string | undefined {
  const t = useTranslations('recordForm.mileage');
  const format = useFormat();
  return (parsed, atLeast) => {
    if (!parsed.ok) return parsed.problem === 'empty' ? undefined : t(parsed.problem);
    if (atLeast !== undefined && parsed.km < atLeast) return t('down', { last: format.km(atLeast) });
    return undefined;
  };
}

/**
 * A record by whoever may write it now: the owner, the maker's network, a workshop with a grant. Mileage is whole
 * kilometres in the page's language (lib/browser/mileage); a jump above a plausible daily distance asks for
 * confirmation first; the record is simulated on chain before any upload, key wrap or transaction.
 */
export function AddRecordForm({
  tokenId,
  lastMileage,
  lastMileageAt,
  kinds = PLAIN_KINDS,
  defaultKind = 'Service',
  invalidate = [],
}: {
  tokenId: bigint;
  lastMileage: number;
  /** When the book's mileage was last stated (unix seconds): the plausibility check's starting point. */
  lastMileageAt?: number;
  kinds?: readonly PlainKind[];
  defaultKind?: PlainKind;
  /** Queries besides the book's history that this writer's page shows (e.g. its grant). */
  invalidate?: readonly (readonly unknown[])[];
}) {
  const t = useTranslations('recordForm');
  const tk = useTranslations('recordKinds');
  const format = useFormat();
  const config = useRuntimeConfig();
  const keys = usePrivateKeys();
  const tx = useTransactionSteps();
  // The consortium's `carbook.maxKmPerDay` (0 while governance has not set it): the confirmation's threshold.
  const perDay = plausibleKmPerDay(useParameter(PARAMETERS.MAX_KM_PER_DAY).data);
  const mileageErrorOf = useMileageError();
  const [mileage, setMileage] = useState('');
  const [kind, setKind] = useState<PlainKind>(defaultKind);
  const [label, setLabel] = useState('');
  const [details, setDetails] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [upload, setUpload] = useState<Upload | undefined>();
  const [confirming, setConfirming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const parsed = parseWholeKm(mileage, format.locale);
  const mileageError = mileageErrorOf(parsed, lastMileage);
  const km = parsed.ok ? parsed.km : undefined;
  const isPrivate = hasPrivatePart({ label, details, documents: files });
  const needsUnlock = isPrivate && !keys.unlocked;
  const id = `record-${tokenId.toString(16).slice(0, 8)}`;
  // Checked when the writer submits (against the clock then): a jump above a plausible daily distance.
  const implausibleNow = (value: number) =>
    lastMileageAt !== undefined &&
    isImplausibleJump(
      { km: lastMileage, timestamp: lastMileageAt },
      // eslint-disable-next-line react-hooks/purity -- called from the submit handler only, against the clock then.
      { km: value, timestamp: Math.floor(Date.now() / 1000) },
      perDay,
    );

  async function write(value: number) {
    let written: WrittenRecord | undefined;
    const ok = await tx.run({
      bookId: tokenId,
      pending: isPrivate ? t('pendingPrivate') : t('pending'),
      success: () =>
        written?.wrapsPublished
          ? t(written.rotated ? 'successRotated' : 'successShared', { km: format.km(value) })
          : t(isPrivate ? 'successPrivate' : 'success', { km: format.km(value) }),
      invalidate: [queryKeys.history(config.contracts.carBook, tokenId), ...invalidate],
      describe: ({ index, total, label }) =>
        total < 2 ? undefined : index === 1 ? t(label === 'rotate-key' ? 'step1Rotate' : 'step1Share') : t('step2'),
      send: async ({ wallet, client, progress, step }) => {
        const documents = await Promise.all(files.map(newDocument));
        written = await writeRecordWithDocuments(
          wallet,
          client,
          keys.config ?? { contracts: { carBook: config.contracts.carBook } },
          () => ipfsClientFor(config),
          {
            tokenId,
            mileage: BigInt(value),
            kind: RecordKind[kind],
            label,
            details,
            documents,
            writerKeys: keys.viewerKeys,
            onProgress: (index, sent, total) => {
              setUpload({ index, count: files.length, name: files[index]?.name ?? '', sent, total });
              progress(t('uploading', { index: index + 1, count: files.length }));
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
  }

  return (
    <form
      className="stack"
      style={{ marginTop: '1.2rem' }}
      aria-label={t('title')}
      onSubmit={async (event) => {
        event.preventDefault();
        if (km === undefined || mileageError || needsUnlock) return;
        // A jump above a plausible daily distance is written only once the writer confirmed it.
        if (!confirming && implausibleNow(km)) return setConfirming(true);
        setConfirming(false);
        await write(km);
      }}
    >
      <h3 style={{ margin: 0 }}>{t('title')}</h3>
      <div className="row">
        <label>
          {t('mileageLabel')}
          <input
            name="mileage"
            inputMode="numeric"
            value={mileage}
            onChange={(event) => {
              setMileage(event.target.value);
              setConfirming(false);
              tx.reset();
            }}
            placeholder={t('atLeast', { km: format.number(lastMileage) })}
            aria-invalid={Boolean(mileageError)}
            aria-describedby="mileage-error"
          />
        </label>
        <label>
          {t('kindLabel')}
          <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
            {kinds.map((name) => (
              <option key={name} value={name}>
                {tk(name)}
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
          <legend>{t('privateLegend')}</legend>
          <p id={`${id}-private-hint`} className="small muted" style={{ margin: 0 }}>
            {t('privateHint')}
          </p>
          <label>
            {t('labelLabel')}
            <input
              name="label"
              value={label}
              maxLength={120}
              placeholder={t('labelPlaceholder')}
              onChange={(event) => setLabel(event.target.value)}
            />
          </label>
          <label>
            {t('detailsLabel')}
            <textarea
              name="details"
              value={details}
              rows={3}
              maxLength={3000}
              onChange={(event) => setDetails(event.target.value)}
            />
          </label>
          <label>
            {t('documentsLabel')}
            <FilePicker
              ref={fileInput}
              name="documents"
              multiple
              chosen={files.map((file) => file.name)}
              onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
            />
            <span className="hint">{t('documentsHint')}</span>
          </label>
          {upload && (
            <div
              role="progressbar"
              aria-label={t('uploadingFile', { name: upload.name })}
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
              {t('needsUnlock')}
              <UnlockPrivate compact />
            </div>
          )}
        </fieldset>
      )}
      {confirming && km !== undefined && (
        <ConfirmStep
          title={t('implausible.title')}
          confirmLabel={t('implausible.confirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void write(km);
          }}
        >
          <p data-testid="implausible-jump">
            {t('implausible.body', {
              from: format.km(lastMileage),
              to: format.km(km),
              perDay: format.km(perDay),
            })}
          </p>
        </ConfirmStep>
      )}
      {!confirming && (
        <button
          type="submit"
          disabled={tx.state.status === 'pending' || km === undefined || Boolean(mileageError) || needsUnlock}
        >
          {t('submit')}
        </button>
      )}
      <TxStatus state={tx.state} />
    </form>
  );
}
