'use client';

import type { Address } from 'viem';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { BookName } from '../../_components/BookName';
import { queryKeys, type ClaimView } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { formatDateTime } from '@/lib/browser/format';
import { EndCover } from './EndCover';

export function CoveredBooks({
  covered,
  claims,
}: {
  covered: { tokenId: bigint; holder: Address; since: number }[];
  claims: ClaimView[];
}) {
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();

  return (
    <section className="panel" aria-labelledby="covered-books">
      <h2 id="covered-books">Covered cars</h2>
      {covered.length === 0 && <p className="muted">No car is covered now.</p>}
      <ul className="plain-list">
        {covered.map(({ tokenId, since }) => {
          const open = claims.find((c) => c.tokenId === tokenId && c.live);
          return (
            <li key={tokenId.toString()} data-testid="covered-book">
              <span>
                <BookName tokenId={tokenId} /> <span className="muted small">since {formatDateTime(since)}</span>
              </span>
              {open ? (
                <span className="muted small">Claim #{open.claimId.toString()} open</span>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  disabled={tx.state.status === 'pending'}
                  onClick={() =>
                    tx.run({
                      pending: 'Opening a claim…',
                      success: 'Claim opened: mandate an expert below.',
                      invalidate: [queryKeys.insurerDesk(config.contracts.insurance)],
                      send: ({ send }) =>
                        send({
                          address: config.contracts.insurance,
                          abi: insuranceAbi,
                          functionName: 'openClaim',
                          args: [tokenId],
                        }),
                    })
                  }
                >
                  Open a claim
                </button>
              )}
              <EndCover tokenId={tokenId} by="insurer" />
            </li>
          );
        })}
      </ul>
      <TxStatus state={tx.state} testId="claim-open-status" />
    </section>
  );
}
