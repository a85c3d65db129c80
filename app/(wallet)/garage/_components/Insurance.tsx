'use client';

import { useState } from 'react';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useCover, useOrganisations } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { formatDateTime } from '@/lib/browser/format';
import { EndCover } from '../../insurer/_components/EndCover';

/** The owner asks an insurer of the consortium for cover and follows its status. */
export function Insurance({ tokenId, active }: { tokenId: bigint; active: boolean }) {
  const config = useRuntimeConfig();
  const cover = useCover(tokenId);
  const orgs = useOrganisations();
  const tx = useTransactionSteps();
  const insurers = orgs.data?.organisations.filter((org) => org.kind === 'Insurer' && org.active) ?? [];
  const [insurerId, setInsurerId] = useState('');
  const chosen = insurerId || (insurers[0] ? String(insurers[0].id) : '');
  const nameOf = (id: number) => orgs.data?.organisations.find((org) => org.id === id)?.name ?? `Organisation #${id}`;

  const c = cover.data;
  let status: React.ReactNode = <span className="muted">Not insured through the consortium.</span>;
  if (c?.status === 'Requested')
    status = (
      <>
        Cover requested from <strong>{nameOf(c.insurerOrg)}</strong>, waiting for the insurer.
      </>
    );
  if (c?.status === 'Active' && c.coveredNow)
    status = (
      <>
        Covered by <strong>{nameOf(c.insurerOrg)}</strong> since {formatDateTime(c.since)}.
      </>
    );
  if (c?.status === 'Active' && !c.coveredNow)
    status = <span className="muted">The previous owner&apos;s cover lapsed with the sale.</span>;
  if (c?.status === 'Ended') status = <span className="muted">The cover by {nameOf(c.insurerOrg)} has ended.</span>;
  const mayRequest = active && !(c?.status === 'Active' && c.coveredNow) && c?.status !== 'Requested';

  return (
    <section className="subpanel" aria-labelledby={`insurance-${tokenId}`} data-testid="insurance">
      <h3 id={`insurance-${tokenId}`}>Insurance</h3>
      <p data-testid="cover-status">{cover.isPending ? <span className="muted">Reading the cover…</span> : status}</p>
      {c?.status === 'Active' && c.coveredNow && <EndCover tokenId={tokenId} by="owner" />}
      {mayRequest && (
        <form
          className="row"
          aria-label="Ask for cover"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!chosen) return;
            const orgId = Number(chosen);
            await tx.run({
              pending: 'Sending the cover request…',
              success: `Cover requested from ${nameOf(orgId)}.`,
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
            Insurer
            <select name="insurer" value={chosen} onChange={(event) => setInsurerId(event.target.value)}>
              {insurers.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!chosen || tx.state.status === 'pending'}>
            Ask for cover
          </button>
        </form>
      )}
      {orgs.data && insurers.length === 0 && (
        <p className="muted small">No insurer is a member of the consortium yet.</p>
      )}
      <TxStatus state={tx.state} testId="cover-tx-status" />
    </section>
  );
}
