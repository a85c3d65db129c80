'use client';

import { useState } from 'react';
import { zeroHash } from 'viem';
import { carBookAbi } from '@/lib/contracts/generated';
import { RECORD_KIND_LABELS, RecordKind } from '@/lib/contracts/roles';
import { useRuntimeConfig } from './Providers';
import { queryKeys } from './hooks';
import { recordPayload } from './recordPayload';
import { useContractWrite } from './useContractWrite';
import { TxStatus, useTransaction } from './useTransaction';

/** Kinds written with a plain append; diagnoses and corrections have their own flows. */
const PLAIN_KINDS = ['OdometerReading', 'Service', 'Repair', 'Inspection', 'Note'] as const;
type PlainKind = (typeof PLAIN_KINDS)[number];

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
  const write = useContractWrite();
  const tx = useTransaction();
  const [mileage, setMileage] = useState('');
  const [kind, setKind] = useState<PlainKind>(defaultKind);
  const trimmed = mileage.replace(/[\s,._]/g, '');
  const mileageError = trimmed === '' ? undefined : /^\d{1,8}$/.test(trimmed) ? undefined : 'Enter whole kilometres, e.g. 48200.';

  return (
    <form
      className="stack"
      style={{ marginTop: '1.2rem' }}
      aria-label="Add a record"
      onSubmit={async (event) => {
        event.preventDefault();
        if (mileageError || trimmed === '') return;
        const ok = await tx.run({
          pending: 'Waiting for your wallet and the chain…',
          success: `Record added: ${Number(trimmed).toLocaleString('en-US')} km.`,
          invalidate: [queryKeys.history(config.contracts.carBook, tokenId), ...invalidate],
          send: async () => {
            const mileage = BigInt(trimmed);
            const payload = await recordPayload({ tokenId, kind, mileage });
            return write({
              address: config.contracts.carBook,
              abi: carBookAbi,
              functionName: 'appendRecord',
              args: [tokenId, mileage, RecordKind[kind], zeroHash, payload],
            });
          },
        });
        if (ok) setMileage('');
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
            placeholder={`at least ${lastMileage.toLocaleString('en-US')}`}
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
        <button type="submit" disabled={tx.state.status === 'pending' || trimmed === '' || Boolean(mileageError)}>
          Add record
        </button>
      </div>
      {mileageError && (
        <span id="mileage-error" className="field-error">
          {mileageError}
        </span>
      )}
      <TxStatus state={tx.state} />
    </form>
  );
}
