/** Governance proposals of the consortium. */
import type { Hex, PublicClient } from 'viem';
import { consortiumAbi } from '../contracts/generated';
import { PROPOSAL_ACTIONS } from '../contracts/roles';
import type { ReadConfig } from './config';

export interface ProposalView {
  id: bigint;
  action: (typeof PROPOSAL_ACTIONS)[number];
  proposerOrg: number;
  approvals: number;
  expiresAt: number;
  executed: boolean;
  data: Hex;
  /** Whether the organisation asked about (`orgId`) approved it; false without one. */
  approvedByMe: boolean;
}

/** Every proposal (ids 1..proposalCount), newest first, with whether `orgId` approved it. */
export async function proposals(
  client: PublicClient,
  config: ReadConfig,
  orgId: number | undefined,
): Promise<ProposalView[]> {
  const consortium = { address: config.contracts.consortium, abi: consortiumAbi } as const;
  const count = await client.readContract({ ...consortium, functionName: 'proposalCount' });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1)).reverse();
  return Promise.all(
    ids.map(async (id): Promise<ProposalView> => {
      const [p, approvedByMe] = await Promise.all([
        client.readContract({ ...consortium, functionName: 'proposal', args: [id] }),
        orgId
          ? client.readContract({ ...consortium, functionName: 'hasApproved', args: [id, orgId] })
          : Promise.resolve(false),
      ]);
      return {
        id,
        action: PROPOSAL_ACTIONS[p.action] ?? 'None',
        proposerOrg: p.proposerOrg,
        approvals: p.approvals,
        expiresAt: Number(p.expiresAt),
        executed: p.executed,
        data: p.data,
        approvedByMe,
      };
    }),
  );
}
