'use client';

import { useQuery } from '@tanstack/react-query';
import {
  encodeEventTopics,
  parseEventLogs,
  type Abi,
  type Address,
  type ContractEventName,
  type Hex,
  type PublicClient,
} from 'viem';
import { carBookAbi, consortiumAbi, documentAnchorAbi, insuranceAbi } from '@/lib/browser/contracts/generated';
import {
  BOOK_STATUSES,
  COVER_STATUSES,
  ORG_KINDS,
  PROPOSAL_ACTIONS,
  VERDICTS,
  roleName,
} from '@/lib/browser/contracts/roles';
import * as reads from '@/lib/browser/reads';
import { useReadClient, useRuntimeConfig } from './Providers';

/**
 * Query keys in one place, so a write invalidates exactly what it touched. Keys are prefixes of each other
 * where one write touches a family (e.g. `grants(carBook, id)` also covers one grantee's grant).
 */
export const queryKeys = {
  myBooks: (carBook: Address, owner?: Address) => ['books', carBook, owner] as const,
  history: (carBook: Address, tokenId: bigint) => ['history', carBook, tokenId.toString()] as const,
  membership: (consortium: Address, account?: Address) => ['membership', consortium, account] as const,
  grants: (carBook: Address, tokenId: bigint, grantee?: Address) =>
    grantee
      ? (['grants', carBook, tokenId.toString(), grantee] as const)
      : (['grants', carBook, tokenId.toString()] as const),
  cover: (insurance: Address, tokenId: bigint) => ['cover', insurance, tokenId.toString()] as const,
  insurerDesk: (insurance: Address) => ['insurer', insurance] as const,
  expertClaims: (insurance: Address, expert?: Address) => ['expertClaims', insurance, expert] as const,
  organisations: (consortium: Address) => ['organisations', consortium] as const,
  parameter: (consortium: Address, key: Hex) => ['parameter', consortium, key] as const,
  proposals: (consortium: Address) => ['proposals', consortium] as const,
  staff: (consortium: Address, orgId: number) => ['staff', consortium, orgId] as const,
  anchor: (documentAnchor: Address, documentHash: Hex) => ['anchor', documentAnchor, documentHash] as const,
};

const unique = <T>(values: T[]) => [...new Set(values)];

export function useMyBooks(owner?: Address) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.myBooks(config.contracts.carBook, owner),
    enabled: Boolean(owner && client),
    queryFn: () => reads.booksOf(client!, config, owner!),
  });
}

export function useBookHistory(tokenId: bigint) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.history(config.contracts.carBook, tokenId),
    enabled: Boolean(client),
    queryFn: () => reads.bookHistory(client!, config, tokenId),
  });
}

/** A book's hot state, owner and model, for lists (the insurer's, the expert's, the recycler's). */
export function useBookSummary(tokenId: bigint) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    // Under the history key: whatever invalidates a book's history refreshes its summary too.
    queryKey: [...queryKeys.history(config.contracts.carBook, tokenId), 'summary'] as const,
    enabled: Boolean(client),
    queryFn: () => reads.bookSummary(client!, config, tokenId),
  });
}

export function useMembership(account?: Address) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.membership(config.contracts.consortium, account),
    enabled: Boolean(account && client),
    queryFn: async () => {
      const [orgId, kind, role] = await client!.readContract({
        address: config.contracts.consortium,
        abi: consortiumAbi,
        functionName: 'membershipOf',
        args: [account!],
      });
      const org =
        orgId > 0
          ? await client!.readContract({
              address: config.contracts.consortium,
              abi: consortiumAbi,
              functionName: 'organisation',
              args: [orgId],
            })
          : undefined;
      return { orgId, kind, kindName: ORG_KINDS[kind] ?? 'None', role, roleName: roleName(role), orgName: org?.name };
    },
  });
}

export interface Organisation {
  id: number;
  name: string;
  kind: (typeof ORG_KINDS)[number];
  admin: Address;
  active: boolean;
}

/** Every organisation ever admitted (ids 1..orgCount) and the current member count. */
export function useOrganisations() {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.organisations(config.contracts.consortium),
    enabled: Boolean(client),
    queryFn: async () => {
      const consortium = { address: config.contracts.consortium, abi: consortiumAbi } as const;
      const [count, memberCount] = await Promise.all([
        client!.readContract({ ...consortium, functionName: 'orgCount' }),
        client!.readContract({ ...consortium, functionName: 'memberCount' }),
      ]);
      const ids = Array.from({ length: count }, (_, i) => i + 1);
      const orgs = await Promise.all(
        ids.map((id) => client!.readContract({ ...consortium, functionName: 'organisation', args: [id] })),
      );
      const organisations: Organisation[] = orgs.map((org, i) => ({
        id: ids[i]!,
        name: org.name,
        kind: ORG_KINDS[org.kind] ?? 'None',
        admin: org.admin,
        active: org.active,
      }));
      return { organisations, memberCount };
    },
  });
}

/** Names of organisations by id, for record tables. */
export function useOrgNames(): Record<number, string> | undefined {
  const orgs = useOrganisations();
  return orgs.data ? Object.fromEntries(orgs.data.organisations.map((org) => [org.id, org.name])) : undefined;
}

export function useParameter(key: Hex) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.parameter(config.contracts.consortium, key),
    enabled: Boolean(client),
    queryFn: () =>
      client!.readContract({
        address: config.contracts.consortium,
        abi: consortiumAbi,
        functionName: 'parameter',
        args: [key],
      }),
  });
}

/** Current (valid) workshop grants of a book: grantees seen in AccessGranted events, checked against `grantOf`. */
export function useGrants(tokenId: bigint) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.grants(config.contracts.carBook, tokenId),
    enabled: Boolean(client),
    queryFn: () => reads.grantsOf(client!, config, tokenId),
  });
}

/** What `account` may do on a book now: its own grant (if any) and whether it may write at all. */
export function useAccessOf(tokenId: bigint | undefined, account: Address | undefined) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.grants(config.contracts.carBook, tokenId ?? 0n, account),
    enabled: Boolean(client && tokenId !== undefined && account),
    queryFn: async () => {
      const carBook = { address: config.contracts.carBook, abi: carBookAbi } as const;
      const [[grant, valid], canWrite] = await Promise.all([
        client!.readContract({ ...carBook, functionName: 'grantOf', args: [tokenId!, account!] }),
        client!.readContract({ ...carBook, functionName: 'canWrite', args: [tokenId!, account!] }),
      ]);
      return { expiresAt: Number(grant.expiresAt), grantValid: valid, canWrite };
    },
  });
}

/** A book's insurance cover as the owner sees it. */
export function useCover(tokenId: bigint) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.cover(config.contracts.insurance, tokenId),
    enabled: Boolean(client),
    queryFn: async () => {
      const insurance = { address: config.contracts.insurance, abi: insuranceAbi } as const;
      const [cover, [covered]] = await Promise.all([
        client!.readContract({ ...insurance, functionName: 'coverOf', args: [tokenId] }),
        client!.readContract({ ...insurance, functionName: 'activeInsurer', args: [tokenId] }),
      ]);
      return {
        status: COVER_STATUSES[cover.status] ?? 'None',
        insurerOrg: cover.insurerOrg,
        since: Number(cover.since),
        holder: cover.holder,
        coveredNow: covered,
      };
    },
  });
}

export interface ClaimView {
  claimId: bigint;
  tokenId: bigint;
  insurerOrg: number;
  verdict: (typeof VERDICTS)[number];
  openedAt: number;
  expert: Address;
}

async function readClaims(client: PublicClient, insurance: Address, claimIds: bigint[]): Promise<ClaimView[]> {
  const claims = await Promise.all(
    claimIds.map((claimId) =>
      client.readContract({ address: insurance, abi: insuranceAbi, functionName: 'claim', args: [claimId] }),
    ),
  );
  return claims.map((c, i) => ({
    claimId: claimIds[i]!,
    tokenId: c.tokenId,
    insurerOrg: c.insurerOrg,
    verdict: VERDICTS[c.verdict] ?? 'None',
    openedAt: Number(c.openedAt),
    expert: c.expert,
  }));
}

/**
 * An insurer's desk: cover requests waiting for it (CoverRequested events whose cover is still a request to
 * this insurer by the current owner), the books it covers now, and its claims with their verdicts.
 */
export function useInsurerDesk(orgId: number | undefined) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: [...queryKeys.insurerDesk(config.contracts.insurance), orgId] as const,
    enabled: Boolean(client && orgId),
    queryFn: () => reads.insurerDesk(client!, config, orgId!),
  });
}

/** Claims an expert is mandated for now (ExpertMandated with their address, still their claim). */
export function useExpertClaims(expert: Address | undefined) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.expertClaims(config.contracts.insurance, expert),
    enabled: Boolean(client && expert),
    queryFn: () => reads.expertClaims(client!, config, expert!),
  });
}

export interface ProposalView {
  id: bigint;
  action: (typeof PROPOSAL_ACTIONS)[number];
  proposerOrg: number;
  approvals: number;
  expiresAt: number;
  executed: boolean;
  data: Hex;
  approvedByMe: boolean;
}

/** Every proposal (ids 1..proposalCount), newest first, with whether `orgId` approved it. */
export function useProposals(orgId: number | undefined) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: [...queryKeys.proposals(config.contracts.consortium), orgId] as const,
    enabled: Boolean(client),
    queryFn: async () => {
      const consortium = { address: config.contracts.consortium, abi: consortiumAbi } as const;
      const count = await client!.readContract({ ...consortium, functionName: 'proposalCount' });
      const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1)).reverse();
      return Promise.all(
        ids.map(async (id): Promise<ProposalView> => {
          const [p, approvedByMe] = await Promise.all([
            client!.readContract({ ...consortium, functionName: 'proposal', args: [id] }),
            orgId
              ? client!.readContract({ ...consortium, functionName: 'hasApproved', args: [id, orgId] })
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
    },
  });
}

/** An organisation's current staff: StaffSet/StaffRemoved replayed, then checked against `membershipOf`. */
export function useStaff(orgId: number | undefined) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.staff(config.contracts.consortium, orgId ?? 0),
    enabled: Boolean(client && orgId),
    queryFn: () => reads.staffOf(client!, config, orgId!),
  });
}

/** Whether, when and by whom a document hash was anchored. */
export function useAnchor(documentHash: Hex | undefined) {
  const config = useRuntimeConfig();
  const client = useReadClient();
  return useQuery({
    queryKey: queryKeys.anchor(config.contracts.documentAnchor, documentHash ?? '0x'),
    enabled: Boolean(client && documentHash),
    queryFn: async () => {
      const anchor = await client!.readContract({
        address: config.contracts.documentAnchor,
        abi: documentAnchorAbi,
        functionName: 'anchorOf',
        args: [documentHash!],
      });
      // null, not undefined: react-query treats undefined data as a failed query.
      return anchor.orgId === 0
        ? null
        : { orgId: anchor.orgId, anchoredAt: Number(anchor.anchoredAt), anchoredBy: anchor.anchoredBy };
    },
  });
}
