'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { carBookAbi } from '@/lib/contracts/generated';
import { useRuntimeConfig } from '../../_components/Providers';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { queryKeys } from '../../_components/hooks';
import { useContractWrite } from '../../_components/useContractWrite';
import { TxStatus, useTransaction } from '../../_components/useTransaction';
import { checkAddress, fieldError } from '../../_components/validation';

/** The sale: the title (and with it the right to write and grant) moves to the buyer for good. */
export function SellBook({ tokenId, model, onDone }: { tokenId: bigint; model: string; onDone: (message: string) => void }) {
  const config = useRuntimeConfig();
  const { address } = useAccount();
  const write = useContractWrite();
  const tx = useTransaction();
  const [buyer, setBuyer] = useState('');
  const [confirming, setConfirming] = useState<Address | undefined>();
  const buyerCheck = checkAddress(buyer);
  const sameAsMe = buyerCheck.ok && buyerCheck.value === address;
  const error = sameAsMe ? 'This is your own address.' : fieldError(buyer, buyerCheck);

  return (
    <section className="subpanel" aria-labelledby={`sell-${tokenId}`} data-testid="sell">
      <h3 id={`sell-${tokenId}`}>Sell the car</h3>
      <p className="muted small">
        Transfers the car book to the buyer. You lose access to it, your workshop grants end, and your insurance cover lapses.
      </p>
      {!confirming ? (
        <form
          className="row"
          aria-label="Transfer the title"
          onSubmit={(event) => {
            event.preventDefault();
            if (buyerCheck.ok && !sameAsMe) setConfirming(buyerCheck.value);
          }}
        >
          <label>
            New owner&apos;s address
            <input
              name="buyer"
              value={buyer}
              placeholder="0x…"
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => {
                setBuyer(event.target.value);
                tx.reset();
              }}
              aria-invalid={Boolean(error)}
            />
            {error && <span className="field-error">{error}</span>}
          </label>
          <button type="submit" disabled={!buyerCheck.ok || sameAsMe}>
            Transfer title…
          </button>
        </form>
      ) : (
        <ConfirmStep
          title="Transfer the title for good?"
          confirmLabel="Yes, transfer the title"
          busy={tx.state.status === 'pending'}
          onCancel={() => setConfirming(undefined)}
          onConfirm={async () => {
            const to = confirming;
            const ok = await tx.run({
              pending: 'Transferring the title…',
              success: `The car book of ${model} now belongs to ${to}.`,
              invalidate: [
                ['books', config.contracts.carBook],
                queryKeys.history(config.contracts.carBook, tokenId),
                queryKeys.cover(config.contracts.insurance, tokenId),
              ],
              send: () =>
                write({ address: config.contracts.carBook, abi: carBookAbi, functionName: 'safeTransferFrom', args: [address!, to, tokenId] }),
            });
            if (ok) onDone(`Title transferred: the car book of ${model} now belongs to ${to}.`);
            else setConfirming(undefined);
          }}
        >
          <p>
            The car book of <strong>{model}</strong> goes to <span className="mono">{confirming}</span>. This cannot be undone:
            only the new owner could give it back.
          </p>
        </ConfirmStep>
      )}
      <TxStatus state={tx.state} testId="sell-status" />
    </section>
  );
}
