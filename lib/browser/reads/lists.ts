/**
 * One page of a role's list, newest first: the recycler's yard (`CarBook.booksOf`) and the expert's mandates
 * (`Insurance.mandatesOf`). Each page costs a fixed number of calls whatever the list's length or the chain's age:
 * the index's total and the page's slice at one pinned block, then the page's entries' state at that block. The
 * role lists span every chain (shard) of the consortium: lib/browser/reads/merged.ts merges their pages.
 */
import type { Address, PublicClient } from 'viem';
import { carBookAbi, insuranceAbi } from '../contracts/generated';
import { pinBlock } from '../history/indexed';
import { readClaims, type ClaimView } from './insurance';
import type { ReadConfig } from './config';
import { mergedNewestFirstPage, type IndexView, type MergedPage } from './merged';

export type ListPage<T> = {
  items: T[];
  /** Entries of the whole index (the page count follows from it). */
  total: number;
  /** The page read, clamped to the last one. */
  page: number;
  pages: number;
};

/**
 * Page `page` (0 = the newest entries) of an append-ordered index, newest first: the total comes with the first
 * call (a zero-length slice), the page's slice with the second.
 */
export async function newestFirstPage(
  client: PublicClient,
  view: IndexView,
  page: number,
  size: number,
): Promise<{ ids: bigint[]; total: number; page: number; pages: number; blockNumber: bigint }> {
  const blockNumber = await pinBlock(client);
  const [, totalBig] = await view(0n, 0n, blockNumber);
  const total = Number(totalBig);
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const end = total - current * size;
  const start = Math.max(0, end - size);
  if (end <= 0) return { ids: [], total, page: current, pages, blockNumber };
  const [ids] = await view(BigInt(start), BigInt(end - start), blockNumber);
  return { ids: [...ids].reverse(), total, page: current, pages, blockNumber };
}

/** One chain as a list read needs it: its index in `config.shards`, its read client and its addresses. */
export type ChainReads = { shard: number; client: PublicClient; config: ReadConfig };

/**
 * A page of the books `holder` holds (a recycler's yard) on every chain of `chains`, newest first within each chain,
 * the chains interleaved (lib/browser/reads/merged.ts), each book tagged with its chain.
 */
export function heldBooksPage(
  chains: readonly ChainReads[],
  holder: Address,
  page: number,
  size: number,
): Promise<MergedPage<bigint>> {
  return mergedNewestFirstPage(
    chains.map(({ shard, client, config }) => ({
      shard,
      client,
      view: (start, count, blockNumber) =>
        client.readContract({
          address: config.contracts.carBook,
          abi: carBookAbi,
          functionName: 'booksOf',
          args: [holder, start, count],
          blockNumber,
        }),
      load: async (ids) => ids,
    })),
    page,
    size,
  );
}

/**
 * A page of the claims `expert` was mandated for on every chain of `chains`, newest first within each chain, each
 * claim tagged with its chain (claim ids are per chain). A mandate another expert later took over stays in the index
 * and is dropped from its page, so a page may hold fewer than `size` claims.
 */
export async function expertMandatesPage(
  chains: readonly ChainReads[],
  expert: Address,
  page: number,
  size: number,
): Promise<MergedPage<ClaimView>> {
  const merged = await mergedNewestFirstPage(
    chains.map(({ shard, client, config }) => ({
      shard,
      client,
      view: (start, count, blockNumber) =>
        client.readContract({
          address: config.contracts.insurance,
          abi: insuranceAbi,
          functionName: 'mandatesOf',
          args: [expert, start, count],
          blockNumber,
        }),
      load: (ids, blockNumber) => readClaims(client, config, ids, blockNumber),
    })),
    page,
    size,
  );
  return { ...merged, items: merged.items.filter(({ entry }) => entry.expert === expert) };
}
