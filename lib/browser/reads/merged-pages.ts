/**
 * One page, newest first, of an append-ordered index that every chain (shard) of the consortium keeps separately
 * (a maker's connected cars live on every chain). The chains' lists are laid end to end, chain 0's newest first,
 * then chain 1's, …: no timestamp orders entries across chains, so the order within a page is per chain. A page
 * costs, per chain, one pinned block, one total and at most one slice, whatever the lists' lengths or the chains'
 * ages. (Written for the connected cars; a shared helper for the other lists may replace it.)
 */
import type { PublicClient } from 'viem';
import { pinBlock } from '../history/indexed';

type IndexView = (start: bigint, count: bigint, blockNumber: bigint) => Promise<readonly [readonly bigint[], bigint]>;

export interface MergedEntry {
  id: bigint;
  /** Position of the chain the entry came from (its shard). */
  chain: number;
}

export async function newestFirstMergedPage(
  chains: readonly { client: PublicClient; view: IndexView }[],
  page: number,
  size: number,
): Promise<{ entries: MergedEntry[]; total: number; page: number; pages: number; blockNumbers: bigint[] }> {
  const pinned = await Promise.all(
    chains.map(async ({ client, view }) => {
      const blockNumber = await pinBlock(client);
      const [, total] = await view(0n, 0n, blockNumber);
      return { blockNumber, total: Number(total) };
    }),
  );
  const total = pinned.reduce((sum, chain) => sum + chain.total, 0);
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const from = current * size;
  const to = Math.min(total, from + size);
  let offset = 0;
  const slices = pinned.map(({ total: chainTotal }, chain) => {
    // Global positions [offset, offset + chainTotal) are this chain's entries, newest first.
    const first = Math.max(from, offset) - offset;
    const last = Math.min(to, offset + chainTotal) - offset;
    offset += chainTotal;
    if (last <= first) return undefined;
    // Newest-first positions first … last - 1 are append positions chainTotal - last … chainTotal - first - 1.
    return { chain, start: chainTotal - last, count: last - first };
  });
  const read = await Promise.all(
    slices.map(async (slice) => {
      if (!slice) return [];
      const [ids] = await chains[slice.chain].view(
        BigInt(slice.start),
        BigInt(slice.count),
        pinned[slice.chain].blockNumber,
      );
      return [...ids].reverse().map((id) => ({ id, chain: slice.chain }));
    }),
  );
  return {
    entries: read.flat(),
    total,
    page: current,
    pages,
    blockNumbers: pinned.map((chain) => chain.blockNumber),
  };
}
