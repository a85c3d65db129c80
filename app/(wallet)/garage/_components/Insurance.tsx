'use client';

import { useState } from 'react';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useCover, useOrganisations } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { EndCover } from '../../insurer/_components/EndCover';

/** The owner asks an insurer of the consortium for cover and follows its status. */
export function Insurance({ tokenId, active }: { tokenId: bigint; active: boolean }) {
  const t = useTranslations('garage.insurance');
  const format = useFormat();
  const config = useRuntimeConfig();
  const cover = useCover(tokenId);
  const orgs = useOrganisations();
  const tx = useTransactionSteps();
  const insurers = orgs.data?.organisations.filter((org) => org.kind === 'Insurer' && org.active) ?? [];
  const [insurerId, setInsurerId] = useState('');
  const chosen = insurerId || (insurers[0] ? String(insurers[0].id) : '');
  const nameOf = (id: number) => orgs.data?.organisations.find((org) => org.id === id)?.name ?? t('orgNumber', { id });

  const c = cover.data;
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  let status: React.ReactNode = <span className="muted">{t('none')}</span>;
  if (c?.status === 'Requested') status = t.rich('requested', { insurer: nameOf(c.insurerOrg), strong });
  if (c?.status === 'Active' && c.coveredNow)
    status = t.rich('covered', { insurer: nameOf(c.insurerOrg), since: format.dateTime(c.since), strong });
  if (c?.status === 'Active' && !c.coveredNow) status = <span className="muted">{t('lapsed')}</span>;
  if (c?.status === 'Ended') status = <span className="muted">{t('ended', { insurer: nameOf(c.insurerOrg) })}</span>;
  const mayRequest = active && !(c?.status === 'Active' && c.coveredNow) && c?.status !== 'Requested';

  return (
    <section className="subpanel" aria-labelledby={`insurance-${tokenId}`} data-testid="insurance">
      <h3 id={`insurance-${tokenId}`}>{t('title')}</h3>
      <p data-testid="cover-status">{cover.isPending ? <span className="muted">{t('reading')}</span> : status}</p>
      {c?.status === 'Active' && c.coveredNow && <EndCover tokenId={tokenId} by="owner" />}
      {mayRequest && (
        <form
          className="row"
          aria-label={t('ask')}
          onSubmit={async (event) => {
            event.preventDefault();
            if (!chosen) return;
            const orgId = Number(chosen);
            await tx.run({
              bookId: tokenId,
              pending: t('askPending'),
              success: t('asked', { insurer: nameOf(orgId) }),
              invalidate: [
                queryKeys.cover(config.contracts.insurance, tokenId),
                queryKeys.insurerDesk(config.contracts.insurance),
              ],
              send: ({ send }) =>
                send({
                  address: config.contracts.insurance,
                  abi: insuranceAbi,
                  functionName: 'requestCover',
                  args: [tokenId, orgId],
                }),
            });
          }}
        >
          <label>
            {t('insurerLabel')}
            <select name="insurer" value={chosen} onChange={(event) => setInsurerId(event.target.value)}>
              {insurers.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!chosen || tx.state.status === 'pending'}>
            {t('ask')}
          </button>
        </form>
      )}
      {orgs.data && insurers.length === 0 && <p className="muted small">{t('noInsurer')}</p>}
      <TxStatus state={tx.state} testId="cover-tx-status" />
    </section>
  );
}
