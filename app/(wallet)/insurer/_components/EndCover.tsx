'use client';

import { useState } from 'react';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useTranslations } from '@/lib/browser/i18n';
import { useRuntimeConfig } from '../../_components/Providers';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { queryKeys } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';

/**
 * Ends a book's cover (or withdraws a request): the owner from the garage, a claims handler from the insurer's
 * desk (`Insurance.endCover`). Claims opened under the cover lapse with it, so it asks once more.
 */
export function EndCover({ tokenId, by }: { tokenId: bigint; by: 'owner' | 'insurer' }) {
  const t = useTranslations('endCover');
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [confirming, setConfirming] = useState(false);

  return (
    <div className="stack" data-testid="end-cover">
      {confirming ? (
        <ConfirmStep
          title={t('title')}
          confirmLabel={t('confirm')}
          busy={tx.state.status === 'pending'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await tx.run({
              bookId: tokenId,
              pending: t('pending'),
              success: t('done'),
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
            {t(by === 'owner' ? 'whatOwner' : 'whatInsurer')} {t('claims')}
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
          {t('button')}
        </button>
      )}
      <TxStatus state={tx.state} testId="end-cover-status" />
    </div>
  );
}
