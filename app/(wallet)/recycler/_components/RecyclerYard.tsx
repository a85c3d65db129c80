'use client';

import { useState } from 'react';
import { useAccount } from 'wagmi';
import { carBookAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { BookName } from '../../_components/BookName';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { RoleGate } from '../../_components/RoleGate';
import { WalletBar } from '../../_components/WalletBar';
import { queryKeys, useBookSummary, useMembership, useMyBooks } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { ReadError } from '../../_components/ReadError';
import { useTranslations } from '@/lib/browser/i18n';

function HeldWreck({ tokenId }: { tokenId: bigint }) {
  const config = useRuntimeConfig();
  const summary = useBookSummary(tokenId);
  const tx = useTransactionSteps();
  const [confirming, setConfirming] = useState(false);
  const status = summary.data?.status;

  return (
    <li data-testid="recycler-book" className="stacked">
      <BookName tokenId={tokenId} />
      {status === 'Destroyed' && <span className="muted small">Declared destroyed: its title never moves again.</span>}
      {status === 'Wrecked' &&
        (!confirming ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Declare destroyed…
          </button>
        ) : (
          <ConfirmStep
            title="Declare this car destroyed?"
            confirmLabel="Yes, declare destroyed"
            busy={tx.state.status === 'pending'}
            onCancel={() => setConfirming(false)}
            onConfirm={async () => {
              await tx.run({
                bookId: tokenId,
                pending: 'Declaring the car destroyed…',
                success: 'Declared destroyed: the car book is closed for good.',
                invalidate: [queryKeys.history(config.contracts.carBook, tokenId)],
                send: ({ send }) =>
                  send({
                    address: config.contracts.carBook,
                    abi: carBookAbi,
                    functionName: 'declareDestroyed',
                    args: [tokenId],
                  }),
              });
              setConfirming(false);
            }}
          >
            <p>Only once the car is dismantled: the car book is closed for good and its title can never move again.</p>
          </ConfirmStep>
        ))}
      <TxStatus state={tx.state} testId="destroy-status" />
    </li>
  );
}

/** A recycler's yard: wrecks whose title it holds, to be declared destroyed once dismantled. */
export function RecyclerYard() {
  const tp = useTranslations('pageTitles');
  const { address } = useAccount();
  const membership = useMembership(address);
  const isRecycler = membership.data?.kindName === 'Recycler';
  const books = useMyBooks(isRecycler ? address : undefined);

  return (
    <>
      <WalletBar title={tp('recycler')} />
      <RoleGate kind="Recycler" what={tp('recyclerWhat')} />
      <ReadError error={books.error} />
      {isRecycler && books.data && (
        <section className="panel" aria-labelledby="yard">
          <h2 id="yard">Wrecks you hold</h2>
          {books.data.length === 0 && (
            <p className="muted">No wreck yet. Insurers transfer them to you after a total loss.</p>
          )}
          <ul className="plain-list">
            {books.data.map((tokenId) => (
              <HeldWreck key={tokenId.toString()} tokenId={tokenId} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
