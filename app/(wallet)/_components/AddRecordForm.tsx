'use client';

import { useState } from 'react';
import { zeroHash } from 'viem';
import { useAccount, usePublicClient, useWriteContract } from 'wagmi';
import { carBookAbi } from '@/lib/contracts/generated';
import { RECORD_KIND_LABELS, RecordKind } from '@/lib/contracts/roles';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys } from '../../_components/hooks';
import { TxStatus, useTransaction } from '../../_components/useTransaction';

/** Kinds an owner can add directly; diagnoses and corrections have their own flows. */
const OWNER_KINDS = ['OdometerReading', 'Service', 'Repair', 'Inspection', 'Note'] as const;

export function AddRecordForm({ tokenId, lastMileage }: { tokenId: bigint; lastMileage: number }) {
  const config = useRuntimeConfig();
  const { writeContractAsync } = useWriteContract();
  const { address } = useAccount();
  const publicClient = usePublicClient();
  const tx = useTransaction();
  const [mileage, setMileage] = useState('');
  const [kind, setKind] = useState<(typeof OWNER_KINDS)[number]>('Service');
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
          invalidate: [queryKeys.history(config.contracts.carBook, tokenId)],
          send: async () => {
            // Simulate first: a refusal is explained in words before the wallet even prompts.
            const { request } = await publicClient!.simulateContract({
              account: address,
              address: config.contracts.carBook,
              abi: carBookAbi,
              functionName: 'appendRecord',
              args: [tokenId, BigInt(trimmed), RecordKind[kind], zeroHash, '0x'],
            });
            return writeContractAsync(request);
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
            {OWNER_KINDS.map((name) => (
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
