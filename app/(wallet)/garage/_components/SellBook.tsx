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
import { checkAddress, fieldProblem } from '../../_components/validation';
import { useTranslations } from '@/lib/browser/i18n';

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
  const t = useTranslations('garage.sell');
  const tv = useTranslations('validation');
  const config = useRuntimeConfig();
  const { address } = useAccount();
  const tx = useTransactionSteps();
  const keys = usePrivateKeys();
  const [buyer, setBuyer] = useState('');
  const [confirming, setConfirming] = useState<Address | undefined>();
  const buyerCheck = checkAddress(buyer);
  const sameAsMe = buyerCheck.ok && buyerCheck.value === address;
  const problem = fieldProblem(buyer, buyerCheck);
  const error = sameAsMe ? t('ownAddress') : problem && tv(problem.key, problem.values);

  return (
    <section className="subpanel" aria-labelledby={`sell-${tokenId}`} data-testid="sell">
      <h3 id={`sell-${tokenId}`}>{t('title')}</h3>
      <p className="muted small">{t('intro')}</p>
      {!confirming ? (
        <form
          className="row"
          aria-label={t('formLabel')}
          onSubmit={(event) => {
            event.preventDefault();
            if (buyerCheck.ok && !sameAsMe) setConfirming(buyerCheck.value);
          }}
        >
          <label>
            {t('buyerLabel')}
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
            {t('submit')}
          </button>
        </form>
      ) : (
        <ConfirmStep
          title={t('confirmTitle')}
          confirmLabel={t('confirm')}
          busy={tx.state.status === 'pending'}
          onCancel={() => setConfirming(undefined)}
          onConfirm={async () => {
            const to = confirming;
            let handedOver: { epochs: number } | { noKey: true } | undefined;
            const ok = await tx.run({
              bookId: tokenId,
              pending: t('pending'),
              success: t('success', { model, to }),
              invalidate: [
                queryKeys.myBooks(config.contracts.carBook),
                queryKeys.history(config.contracts.carBook, tokenId),
                queryKeys.cover(config.contracts.insurance, tokenId),
              ],
              describe: ({ index }) => (index === 1 ? t('step1') : t('step2')),
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
                ? ` ${t('buyerNoKey')}`
                : ` ${t('buyerHasKeys')}`;
            if (ok) onDone(`${t('done', { model, to })}${privateNote}`);
            else setConfirming(undefined);
          }}
        >
          <p>
            {t.rich('confirmBody', {
              model,
              to: confirming,
              strong: (chunks) => <strong>{chunks}</strong>,
              mono: (chunks) => <span className="mono">{chunks}</span>,
            })}
          </p>
          {keys.config && <p className="small muted">{keys.unlocked ? t('privateGoes') : t('privateUnlock')}</p>}
        </ConfirmStep>
      )}
      <TxStatus state={tx.state} testId="sell-status" />
    </section>
  );
}
