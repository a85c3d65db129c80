'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { zeroAddress } from 'viem';
import { carBookAbi } from '@/lib/browser/contracts';
import { useTranslations } from '@/lib/browser/i18n';
import { BookLookup } from '../../_components/BookLookup';
import { BookName } from '../../_components/BookName';
import { useBookReads } from '../../_components/hooks/readWhen';
import { queryKeys } from '../../_components/hooks';
import { ReadError } from '../../_components/ReadError';
import { useMayAct } from '../../_components/RoleGate';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkAddress, fieldProblem } from '../../_components/validation';

/**
 * A connected car's telematics unit was replaced: the maker's staff (admin, dealer, telematics operator) registers
 * the new device key, so the old unit's readings are refused from now on.
 */
export function DeviceKeyRotation() {
  const t = useTranslations('manufacturer.device');
  const may = useMayAct('Manufacturer', ['DEALER', 'TELEMATICS_OPERATOR']);
  const [tokenId, setTokenId] = useState<bigint | undefined>();
  if (may !== 'yes') return null;
  return (
    <section className="panel stack" aria-labelledby="device-key" data-testid="device-key">
      <h2 id="device-key">{t('title')}</h2>
      <p className="muted small">{t('intro')}</p>
      <BookLookup onFound={setTokenId} />
      {tokenId !== undefined && <RotateFor key={tokenId.toString()} tokenId={tokenId} />}
    </section>
  );
}

/** The rotation form for one book (also opened from the connected cars list, which passes its own query key). */
export function RotateFor({
  tokenId,
  showName = true,
  alsoInvalidate = [],
}: {
  tokenId: bigint;
  showName?: boolean;
  alsoInvalidate?: readonly (readonly unknown[])[];
}) {
  const t = useTranslations('manufacturer.device');
  const tv = useTranslations('validation');
  // The book's own chain (its shard), where its device key lives.
  const { client, config } = useBookReads(tokenId);
  const tx = useTransactionSteps();
  const [key, setKey] = useState('');
  const queryKey = [...queryKeys.history(config.contracts.carBook, tokenId), 'deviceKey'] as const;
  const current = useQuery({
    queryKey,
    queryFn: () =>
      client.readContract({
        address: config.contracts.carBook,
        abi: carBookAbi,
        functionName: 'deviceKey',
        args: [tokenId],
      }),
  });
  const checked = checkAddress(key);
  const problem = fieldProblem(key, checked);

  return (
    <div className="stack">
      {showName && (
        <p>
          <BookName tokenId={tokenId} />
        </p>
      )}
      <ReadError error={current.error} />
      {current.data !== undefined && (
        <p className="small device-key-current" data-testid="device-key-current">
          {current.data === zeroAddress ? t('noDevice') : t('current', { key: current.data })}
        </p>
      )}
      <form
        className="row"
        aria-label={t('formLabel')}
        onSubmit={async (event) => {
          event.preventDefault();
          if (!checked.ok) return;
          const ok = await tx.run({
            bookId: tokenId,
            pending: t('pending'),
            success: t('done', { key: checked.value }),
            invalidate: [queryKey, ...alsoInvalidate],
            send: ({ send }) =>
              send({
                address: config.contracts.carBook,
                abi: carBookAbi,
                functionName: 'rotateDeviceKey',
                args: [tokenId, checked.value],
              }),
          });
          if (ok) setKey('');
        }}
      >
        <label>
          {t('newKey')}
          <input
            name="deviceKey"
            value={key}
            placeholder="0x…"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setKey(event.target.value);
              tx.reset();
            }}
            aria-invalid={Boolean(problem)}
          />
          {problem && <span className="field-error">{tv(problem.key, problem.values)}</span>}
        </label>
        <button type="submit" disabled={!checked.ok || tx.state.status === 'pending'}>
          {t('submit')}
        </button>
      </form>
      <TxStatus state={tx.state} testId="device-key-status" />
    </div>
  );
}
