'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { fromHex } from '@/lib/browser/crypto';
import { publishHistoryFor } from '@/lib/browser/privacy';
import { readingKeyOf } from '@/lib/browser/reads';
import { usePrivateKeys } from '../../_components/privacy/PrivateKeys';
import { useRuntimeConfig } from '../../_components/Providers';
import { titleTransferCall } from '../../_components/titleTransfer';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { queryKeys } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkAddress, fieldError } from '../../_components/validation';

/** The sale: the title (and with it the right to write and grant) moves to the buyer for good. */
export function SellBook({
  tokenId,
  model,
  onDone,
}: {
  tokenId: bigint;
  model: string;
  onDone: (message: string) => void;
}) {
  const config = useRuntimeConfig();
  const { address } = useAccount();
  const tx = useTransactionSteps();
  const keys = usePrivateKeys();
  const [buyer, setBuyer] = useState('');
  const [confirming, setConfirming] = useState<Address | undefined>();
  const buyerCheck = checkAddress(buyer);
  const sameAsMe = buyerCheck.ok && buyerCheck.value === address;
  const error = sameAsMe ? 'This is your own address.' : fieldError(buyer, buyerCheck);

  return (
    <section className="subpanel" aria-labelledby={`sell-${tokenId}`} data-testid="sell">
      <h3 id={`sell-${tokenId}`}>Sell the car</h3>
      <p className="muted small">
        Transfers the car book to the buyer. You lose access to it, your workshop grants end, and your insurance cover
        lapses.
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
            let handedOver: { epochs: number } | { noKey: true } | undefined;
            const ok = await tx.run({
              pending: 'Transferring the title…',
              success: `The car book of ${model} now belongs to ${to}.`,
              invalidate: [
                queryKeys.myBooks(config.contracts.carBook),
                queryKeys.history(config.contracts.carBook, tokenId),
                queryKeys.cover(config.contracts.insurance, tokenId),
              ],
              describe: ({ index }) =>
                index === 1
                  ? '2 transactions: give the buyer the keys of the private history, then transfer the title. Transaction 1 of 2…'
                  : 'Transaction 2 of 2: transfer the title…',
              send: async (tx) => {
                const transfer = titleTransferCall(config, tx.account, to, tokenId);
                // Nothing is sent (not even the buyer's keys) unless the transfer itself would pass.
                await tx.simulate(transfer);
                if (keys.unlocked && keys.config) {
                  // The buyer reads the private history only if the seller wraps its keys for the buyer before the sale.
                  const buyerKey = await readingKeyOf(tx.client, config, to);
                  if (!buyerKey) handedOver = { noKey: true };
                  else {
                    tx.step({ index: 1, total: 2, label: 'hand-over-keys' });
                    const epochs = await publishHistoryFor(tx.wallet, tx.client, keys.config, {
                      tokenId,
                      readerPublicKey: fromHex(buyerKey, 32),
                      senderKeys: keys.viewerKeys,
                    });
                    handedOver = { epochs: epochs.length };
                    tx.step({ index: 2, total: 2, label: 'transfer' });
                  }
                }
                await tx.send(transfer);
              },
            });
            const privateNote = !handedOver
              ? ''
              : 'noKey' in handedOver
                ? ' The buyer has no reading key yet, so the private details stayed with you: send the buyer a share link next time.'
                : ' The buyer also holds the keys of its private history.';
            if (ok) onDone(`Title transferred: the car book of ${model} now belongs to ${to}.${privateNote}`);
            else setConfirming(undefined);
          }}
        >
          <p>
            The car book of <strong>{model}</strong> goes to <span className="mono">{confirming}</span>. This cannot be
            undone: only the new owner could give it back.
          </p>
          {keys.config && (
            <p className="small muted">
              {keys.unlocked
                ? 'If the buyer has a reading key, the private history goes with the car: its keys are shared with the buyer first (one more transaction).'
                : 'To hand over the private history too, unlock private details first.'}
            </p>
          )}
        </ConfirmStep>
      )}
      <TxStatus state={tx.state} testId="sell-status" />
    </section>
  );
}
