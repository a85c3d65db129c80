'use client';

import { consortiumAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useProposals, type Organisation, type ProposalView } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { formatDateTime } from '@/lib/browser/format';
import { describeProposal } from './governance';
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
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  // eslint-disable-next-line react-hooks/purity -- expiry is judged at render time; the list refetches when a block arrives
  const expired = !proposal.executed && proposal.expiresAt * 1000 < Date.now();
  const proposer = organisations.find((o) => o.id === proposal.proposerOrg)?.name ?? `#${proposal.proposerOrg}`;
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
          {state}
        </span>
      </div>
      <span className="small muted">
        Proposed by {proposer} ·{' '}
        <span data-testid="approvals">
          {proposal.approvals} of {needed} approvals needed
        </span>
        {!proposal.executed && ` · expires ${formatDateTime(proposal.expiresAt)}`}
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
              pending: 'Approving…',
              success:
                proposal.approvals + 1 >= needed
                  ? 'Approved: the majority is reached and the proposal was carried out.'
                  : 'Approved.',
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
          Approve
        </button>
      )}
      {myOrg !== undefined && proposal.approvedByMe && state === 'Open' && (
        <span className="small muted">Your organisation approved.</span>
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
  const proposals = useProposals(myOrg);
  // A strict majority of the current members.
  const needed = Math.floor(memberCount / 2) + 1;
  return (
    <section className="panel" aria-labelledby="proposals">
      <h2 id="proposals">Proposals</h2>
      <p className="muted small">
        A proposal is carried out as soon as more than half of the {memberCount} members approved it ({needed}{' '}
        approvals).
      </p>
      <ReadError error={proposals.error} />
      {proposals.data?.length === 0 && <p className="muted">No proposal yet.</p>}
      <ul className="plain-list">
        {proposals.data?.map((p) => (
          <ProposalRow key={p.id.toString()} proposal={p} organisations={organisations} needed={needed} myOrg={myOrg} />
        ))}
      </ul>
    </section>
  );
}
