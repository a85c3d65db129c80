'use client';

import type { Address } from 'viem';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { BookName } from '../../_components/BookName';
import { queryKeys } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { shortAddress } from '../../_components/format';

export function CoverRequests({ requests }: { requests: { tokenId: bigint; holder: Address }[] }) {
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();

  return (
    <section className="panel" aria-labelledby="cover-requests">
      <h2 id="cover-requests">Cover requests</h2>
      {requests.length === 0 && <p className="muted">No request is waiting.</p>}
      <ul className="plain-list">
        {requests.map(({ tokenId, holder }) => (
          <li key={tokenId.toString()} data-testid="cover-request">
            <span>
              <BookName tokenId={tokenId} /> <span className="muted small">asked by {shortAddress(holder)}</span>
            </span>
            <button
              type="button"
              disabled={tx.state.status === 'pending'}
              onClick={() =>
                tx.run({
                  pending: 'Accepting the cover…',
                  success: 'Cover accepted: the car is insured from now on.',
                  invalidate: [
                    queryKeys.insurerDesk(config.contracts.insurance),
                    queryKeys.cover(config.contracts.insurance, tokenId),
                  ],
                  send: ({ send }) =>
                    send({
                      address: config.contracts.insurance,
                      abi: insuranceAbi,
                      functionName: 'acceptCover',
                      args: [tokenId],
                    }),
                })
              }
            >
              Accept cover
            </button>
          </li>
        ))}
      </ul>
      <TxStatus state={tx.state} testId="accept-status" />
    </section>
  );
}
