'use client';

import { consortiumAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useProposals, type Organisation, type ProposalView } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { useDescribeProposal } from './governance';
import { ReadError } from '../../_components/ReadError';

function ProposalRow({
  proposal,
  organisations,
  needed,
  myOrg,
}: {
  proposal: ProposalView;
  organisations: Organisation[];
  needed: number;
  myOrg?: number;
}) {
  const t = useTranslations('consortium.proposals');
  const format = useFormat();
  const describeProposal = useDescribeProposal();
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  // eslint-disable-next-line react-hooks/purity -- expiry is judged at render time; the list refetches when a block arrives
  const expired = !proposal.executed && proposal.expiresAt * 1000 < Date.now();
  const proposer = organisations.find((o) => o.id === proposal.proposerOrg)?.name ?? `#${proposal.proposerOrg}`;
  const stateLabel = { Carried: t('carried'), Expired: t('expired'), Open: t('open') } as const;
  const state = proposal.executed ? 'Carried' : expired ? 'Expired' : 'Open';

  return (
    <li className="subpanel stacked" data-testid="proposal" data-proposal-id={proposal.id.toString()}>
      <div className="book-item">
        <strong>
          #{proposal.id.toString()} {describeProposal(proposal, organisations)}
        </strong>
        <span
          className={`badge ${state === 'Carried' ? 'active' : state === 'Expired' ? 'destroyed' : 'pending'}`}
          data-testid="proposal-state"
        >
          {stateLabel[state]}
        </span>
      </div>
      <span className="small muted">
        {t('proposedBy', { org: proposer })} ·{' '}
        <span data-testid="approvals">{t('approvals', { approvals: proposal.approvals, needed })}</span>
        {!proposal.executed && ` · ${t('expires', { date: format.dateTime(proposal.expiresAt) })}`}
      </span>
      <div className="meter" aria-hidden="true">
        <div style={{ width: `${Math.min(100, (proposal.approvals / needed) * 100)}%` }} />
      </div>
      {myOrg !== undefined && state === 'Open' && !proposal.approvedByMe && (
        <button
          type="button"
          disabled={tx.state.status === 'pending'}
          onClick={() =>
            tx.run({
              pending: t('approvePending'),
              success: proposal.approvals + 1 >= needed ? t('approvedCarried') : t('approved'),
              invalidate: [
                queryKeys.proposals(config.contracts.consortium),
                queryKeys.organisations(config.contracts.consortium),
                ['parameter', config.contracts.consortium],
              ],
              send: ({ send }) =>
                send({
                  address: config.contracts.consortium,
                  abi: consortiumAbi,
                  functionName: 'approve',
                  args: [proposal.id],
                }),
            })
          }
        >
          {t('approve')}
        </button>
      )}
      {myOrg !== undefined && proposal.approvedByMe && state === 'Open' && (
        <span className="small muted">{t('approvedByYou')}</span>
      )}
      <TxStatus state={tx.state} testId="approve-status" />
    </li>
  );
}

export function Proposals({
  organisations,
  memberCount,
  myOrg,
}: {
  organisations: Organisation[];
  memberCount: number;
  myOrg?: number;
}) {
  const t = useTranslations('consortium.proposals');
  const proposals = useProposals(myOrg);
  // A strict majority of the current members.
  const needed = Math.floor(memberCount / 2) + 1;
  return (
    <section className="panel" aria-labelledby="proposals">
      <h2 id="proposals">{t('title')}</h2>
      <p className="muted small">{t('rule', { members: memberCount, needed })}</p>
      <ReadError error={proposals.error} />
      {proposals.data?.length === 0 && <p className="muted">{t('none')}</p>}
      <ul className="plain-list">
        {proposals.data?.map((p) => (
          <ProposalRow key={p.id.toString()} proposal={p} organisations={organisations} needed={needed} myOrg={myOrg} />
        ))}
      </ul>
    </section>
  );
}
