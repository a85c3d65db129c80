'use client';

import { useState } from 'react';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { queryKeys } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';

/**
 * Ends a book's cover (or withdraws a request): the owner from the garage, a claims handler from the insurer's
 * desk (`Insurance.endCover`). Claims opened under the cover lapse with it, so it asks once more.
 */
export function EndCover({ tokenId, by }: { tokenId: bigint; by: 'owner' | 'insurer' }) {
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [confirming, setConfirming] = useState(false);

  return (
    <div className="stack" data-testid="end-cover">
      {confirming ? (
        <ConfirmStep
          title="End the cover?"
          confirmLabel="Yes, end the cover"
          busy={tx.state.status === 'pending'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await tx.run({
              bookId: tokenId,
              pending: 'Ending the cover…',
              success: 'Cover ended: its open claims can no longer get an expert or a diagnosis.',
              invalidate: [
                queryKeys.cover(config.contracts.insurance, tokenId),
                queryKeys.insurerDesk(config.contracts.insurance),
                queryKeys.expertClaims(config.contracts.insurance),
              ],
              send: ({ send }) =>
                send({
                  address: config.contracts.insurance,
                  abi: insuranceAbi,
                  functionName: 'endCover',
                  args: [tokenId],
                }),
            });
            setConfirming(false);
          }}
        >
          <p>
            {by === 'owner'
              ? 'The insurer stops covering this car and no longer reads its book once the next record is written.'
              : 'Your organisation stops covering this car and no longer reads its book once the next record is written.'}{' '}
            Claims opened under this cover can no longer get an expert or a diagnosis.
          </p>
        </ConfirmStep>
      ) : (
        <button
          type="button"
          className="secondary"
          disabled={tx.state.status === 'pending'}
          onClick={() => {
            tx.reset();
            setConfirming(true);
          }}
        >
          End cover…
        </button>
      )}
      <TxStatus state={tx.state} testId="end-cover-status" />
    </div>
  );
}
