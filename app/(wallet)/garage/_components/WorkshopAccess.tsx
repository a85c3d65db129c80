'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useWalletClient } from 'wagmi';
import { carBookAbi } from '@/lib/browser/contracts';
import { fromHex } from '@/lib/browser/crypto';
import { publishHistoryFor } from '@/lib/browser/privacy';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { useHumanize } from '@/lib/browser/errors';
import { readingKeyOf } from '@/lib/browser/reads';
import { usePrivateKeys } from '../../_components/privacy/PrivateKeys';
import { PARAMETERS } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useGrants, useParameter } from '../../_components/hooks';
import { TxStatus, useTransactionSteps, type TxContext } from '../../_components/useTransactionSteps';
import { checkAddress, checkDays, fieldProblem } from '../../_components/validation';
import { shortAddress } from '../../_components/format';

const DEFAULT_DAYS = '7';

/** The owner lets an independent workshop write to the book for a while, sees current grants, revokes. */
export function WorkshopAccess({ tokenId }: { tokenId: bigint }) {
  const t = useTranslations('garage.access');
  const tv = useTranslations('validation');
  const format = useFormat();
  const humanize = useHumanize();
  const config = useRuntimeConfig();
  const grants = useGrants(tokenId);
  const maxDuration = useParameter(PARAMETERS.MAX_GRANT_DURATION);
  const grantTx = useTransactionSteps();
  const revokeTx = useTransactionSteps();
  const [workshop, setWorkshop] = useState('');
  const [days, setDays] = useState(DEFAULT_DAYS);
  const keys = usePrivateKeys();
  const { data: walletClient } = useWalletClient();
  const shareTx = useTransactionSteps();
  const canShare = Boolean(keys.unlocked && keys.config && walletClient);

  /**
   * Wraps every key period the owner holds for the workshop's registered reading key (one transaction), so it
   * reads the private history at once instead of at the next private record.
   */
  async function shareHistoryWith(
    { wallet, client }: TxContext,
    grantee: Address,
  ): Promise<{ shared: number } | { noKey: true }> {
    if (!keys.config) throw new Error(t('noRegistry'));
    const readerKey = await readingKeyOf(client, config, grantee);
    if (!readerKey) return { noKey: true };
    const epochs = await publishHistoryFor(wallet, client, keys.config, {
      tokenId,
      readerPublicKey: fromHex(readerKey, 32),
      senderKeys: keys.viewerKeys,
    });
    return { shared: epochs.length };
  }
  // Honest about what happened: nothing is shared with a workshop that has no reading key yet.
  const sharedSentence = (result: { shared: number } | { noKey: true } | undefined, who: string) =>
    !result
      ? ''
      : 'noKey' in result
        ? t('noKeyYet', { who })
        : result.shared > 0
          ? t('sharedNow', { who, count: result.shared })
          : t('alreadyShared', { who });

  const maxDays = maxDuration.data !== undefined ? Math.floor(Number(maxDuration.data) / 86_400) : undefined;
  const workshopCheck = checkAddress(workshop);
  const daysCheck = checkDays(days, maxDays ?? Number.MAX_SAFE_INTEGER);
  const workshopError = fieldProblem(workshop, workshopCheck);
  const daysError = fieldProblem(days, daysCheck);
  const invalidate = [queryKeys.grants(config.contracts.carBook, tokenId)];
  const canSubmit = workshopCheck.ok && daysCheck.ok && maxDays !== undefined && grantTx.state.status !== 'pending';

  return (
    <section className="subpanel" aria-labelledby={`access-${tokenId}`} data-testid="workshop-access">
      <h3 id={`access-${tokenId}`}>{t('title')}</h3>
      <p className="muted small">
        {t('intro')}
        {maxDuration.data !== undefined && ` ${t('maxDuration', { duration: format.duration(maxDuration.data) })}`}
      </p>
      {grants.data && grants.data.length > 0 && (
        <ul className="plain-list" aria-label={t('current')}>
          {grants.data.map((grant) => (
            <li key={grant.grantee} data-testid="grant" data-grantee={grant.grantee}>
              <span>
                <span className="mono" title={grant.grantee}>
                  {shortAddress(grant.grantee)}
                </span>{' '}
                {t('until', { date: format.dateTime(grant.expiresAt) })}
              </span>
              {canShare && (
                <button
                  type="button"
                  className="secondary small"
                  disabled={shareTx.state.status === 'pending'}
                  onClick={() => {
                    grantTx.reset();
                    revokeTx.reset();
                    let result: Awaited<ReturnType<typeof shareHistoryWith>> | undefined;
                    void shareTx.run({
                      bookId: tokenId,
                      pending: t('sharePending'),
                      success: () => sharedSentence(result, shortAddress(grant.grantee)),
                      invalidate: [queryKeys.history(config.contracts.carBook, tokenId)],
                      send: async (tx) => {
                        result = await shareHistoryWith(tx, grant.grantee);
                      },
                    });
                  }}
                >
                  {t('share')}
                </button>
              )}
              <button
                type="button"
                className="secondary small"
                disabled={revokeTx.state.status === 'pending'}
                onClick={() => {
                  // One message at a time: the latest action's sentence replaces the earlier ones.
                  grantTx.reset();
                  shareTx.reset();
                  void revokeTx.run({
                    bookId: tokenId,
                    pending: t('revokePending'),
                    success: t('revoked', { who: shortAddress(grant.grantee) }),
                    invalidate,
                    send: ({ send }) =>
                      send({
                        address: config.contracts.carBook,
                        abi: carBookAbi,
                        functionName: 'revokeAccess',
                        args: [tokenId, grant.grantee],
                      }),
                  });
                }}
              >
                {t('revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {grants.data?.length === 0 && <p className="muted small">{t('none')}</p>}
      <TxStatus state={revokeTx.state} testId="revoke-status" />
      <TxStatus state={shareTx.state} testId="share-history-status" />
      <form
        className="stack"
        aria-label={t('formLabel')}
        onSubmit={async (event) => {
          event.preventDefault();
          if (!workshopCheck.ok || !daysCheck.ok) return;
          const grantee = workshopCheck.value;
          revokeTx.reset();
          shareTx.reset();
          let shared: Awaited<ReturnType<typeof shareHistoryWith>> | undefined;
          const ok = await grantTx.run({
            bookId: tokenId,
            pending: canShare ? t('grantPendingTwo') : t('grantPending'),
            success: () =>
              `${t('granted', { who: shortAddress(grantee), days: daysCheck.value })}${shared ? ` ${sharedSentence(shared, t('it'))}` : ''}`,
            invalidate: [...invalidate, queryKeys.history(config.contracts.carBook, tokenId)],
            describe: ({ index }) => (index === 2 ? t('grantStep2') : undefined),
            send: async (tx) => {
              // Counted from now; the chain checks it against its own clock and the governance maximum.
              const expiresAt = BigInt(Math.floor(Date.now() / 1000) + daysCheck.value * 86_400);
              const total = canShare ? 2 : 1;
              tx.step({ index: 1, total, label: 'grant' });
              await tx.send({
                address: config.contracts.carBook,
                abi: carBookAbi,
                functionName: 'grantAccess',
                args: [tokenId, grantee, expiresAt],
              });
              if (!canShare) return;
              tx.step({ index: 2, total, label: 'share-history' });
              try {
                shared = await shareHistoryWith(tx, grantee);
              } catch (error) {
                throw new Error(t('grantedShareFailed', { reason: humanize(error) }), { cause: error });
              }
            },
          });
          if (ok) setWorkshop('');
        }}
      >
        <div className="row">
          <label>
            {t('workshopLabel')}
            <input
              name="workshop"
              value={workshop}
              placeholder="0x…"
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setWorkshop(event.target.value)}
              aria-invalid={Boolean(workshopError)}
            />
            {workshopError && <span className="field-error">{tv(workshopError.key, workshopError.values)}</span>}
          </label>
          <label className="narrow">
            {t('daysLabel')}
            <input
              name="days"
              inputMode="numeric"
              value={days}
              onChange={(event) => setDays(event.target.value)}
              aria-invalid={Boolean(daysError)}
            />
            {daysError && <span className="field-error">{tv(daysError.key, daysError.values)}</span>}
          </label>
          <button type="submit" disabled={!canSubmit}>
            {t('grant')}
          </button>
        </div>
        <TxStatus state={grantTx.state} testId="grant-status" />
      </form>
    </section>
  );
}
