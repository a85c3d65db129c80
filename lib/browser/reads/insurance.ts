/** Insurance: a book's cover, an insurer's desk (requests, covered books, claims), an expert's mandates. */
import type { Address, PublicClient } from 'viem';
import { carBookAbi, insuranceAbi } from '../contracts/generated';
import { COVER_STATUSES, VERDICTS } from '../contracts/roles';
import { pinBlock, readIndex } from '../history/indexed';
import { readIndexAt, unique, type ReadConfig } from './config';

export type Cover = {
  status: (typeof COVER_STATUSES)[number] | 'None';
  insurerOrg: number;
  since: number;
  holder: Address;
  /** An insurer covers the book now (the holder still owns it). */
  coveredNow: boolean;
};

/** A book's insurance cover as the owner sees it. */
export async function coverOf(client: PublicClient, config: ReadConfig, tokenId: bigint): Promise<Cover> {
  const insurance = { address: config.contracts.insurance, abi: insuranceAbi } as const;
  const [cover, [covered]] = await Promise.all([
    client.readContract({ ...insurance, functionName: 'coverOf', args: [tokenId] }),
    client.readContract({ ...insurance, functionName: 'activeInsurer', args: [tokenId] }),
  ]);
  return {
    status: COVER_STATUSES[cover.status] ?? 'None',
    insurerOrg: cover.insurerOrg,
    since: Number(cover.since),
    holder: cover.holder,
    coveredNow: covered,
  };
}

export interface ClaimView {
  claimId: bigint;
  tokenId: bigint;
  insurerOrg: number;
  verdict: (typeof VERDICTS)[number];
  openedAt: number;
  expert: Address;
  /** Undecided and still workable: its cover is in force and its lifetime not over (`Insurance.claimLive`). */
  live: boolean;
}

export async function readClaims(
  client: PublicClient,
  config: ReadConfig,
  claimIds: bigint[],
  blockNumber: bigint,
): Promise<ClaimView[]> {
  const insurance = { address: config.contracts.insurance, abi: insuranceAbi, blockNumber } as const;
  const [claims, live] = await Promise.all([
    Promise.all(
      claimIds.map((claimId) => client.readContract({ ...insurance, functionName: 'claim', args: [claimId] })),
    ),
    Promise.all(
      claimIds.map((claimId) => client.readContract({ ...insurance, functionName: 'claimLive', args: [claimId] })),
    ),
  ]);
  return claims.map((c, i) => ({
    claimId: claimIds[i],
    tokenId: c.tokenId,
    insurerOrg: c.insurerOrg,
    verdict: VERDICTS[c.verdict] ?? 'None',
    openedAt: Number(c.openedAt),
    expert: c.expert,
    live: live[i],
  }));
}

export type InsurerDesk = {
  /** Cover requests waiting for this insurer, made by the book's current owner. */
  pending: { tokenId: bigint; holder: Address }[];
  /** Books this insurer covers now. */
  covered: { tokenId: bigint; holder: Address; since: number }[];
  /** Its claims, newest first. */
  claims: ClaimView[];
};

/**
 * An insurer's desk: cover requests waiting for it (requests whose cover is still a request to this insurer by
 * the current owner), the books it covers now, and its claims with their verdicts.
 */
export async function insurerDesk(client: PublicClient, config: ReadConfig, orgId: number): Promise<InsurerDesk> {
  const { insurance: address, carBook } = config.contracts;
  const insurance = { address, abi: insuranceAbi } as const;
  const blockNumber = await pinBlock(client);
  const at = { blockNumber } as const;
  const [tokenIds, claimIds] = await Promise.all([
    readIndex((start, count) =>
      client.readContract({ ...insurance, functionName: 'coversOf', args: [orgId, start, count], ...at }),
    ),
    readIndex((start, count) =>
      client.readContract({ ...insurance, functionName: 'claimsOf', args: [orgId, start, count], ...at }),
    ),
  ]);
  const [covers, claims] = await Promise.all([
    Promise.all(
      unique(tokenIds).map(async (tokenId) => {
        const [cover, [covered, insurer], owner] = await Promise.all([
          client.readContract({ ...insurance, functionName: 'coverOf', args: [tokenId], ...at }),
          client.readContract({ ...insurance, functionName: 'activeInsurer', args: [tokenId], ...at }),
          client
            .readContract({ address: carBook, abi: carBookAbi, functionName: 'ownerOf', args: [tokenId], ...at })
            .catch(() => undefined),
        ]);
        return { tokenId, cover, covered: covered && insurer === orgId, owner };
      }),
    ),
    readClaims(client, config, [...claimIds], blockNumber),
  ]);
  const pending = covers
    .filter(
      ({ cover, owner }) =>
        COVER_STATUSES[cover.status] === 'Requested' && cover.insurerOrg === orgId && owner === cover.holder,
    )
    .map(({ tokenId, cover }) => ({ tokenId, holder: cover.holder }));
  const covered = covers
    .filter((c) => c.covered)
    .map(({ tokenId, cover }) => ({ tokenId, holder: cover.holder, since: Number(cover.since) }));
  return { pending, covered, claims: claims.reverse() };
}

/**
 * One desk for an insurer whose cars live on several chains (shards): each chain's desk read where its books live,
 * requests and covers side by side, claims newest first by opening time (claim ids are per chain).
 */
export function mergeInsurerDesks(desks: readonly InsurerDesk[]): InsurerDesk {
  return {
    pending: desks.flatMap((desk) => desk.pending),
    covered: desks.flatMap((desk) => desk.covered),
    claims: desks.flatMap((desk) => desk.claims).sort((a, b) => b.openedAt - a.openedAt),
  };
}

/** Claims an expert is mandated for now (`Insurance.mandatesOf`, still their claim), newest first. */
export async function expertClaims(client: PublicClient, config: ReadConfig, expert: Address): Promise<ClaimView[]> {
  const { entries, blockNumber } = await readIndexAt(client, (start, count, blockNumber) =>
    client.readContract({
      address: config.contracts.insurance,
      abi: insuranceAbi,
      functionName: 'mandatesOf',
      args: [expert, start, count],
      blockNumber,
    }),
  );
  const claims = await readClaims(client, config, unique(entries), blockNumber);
  return claims.filter((claim) => claim.expert === expert).reverse();
}
