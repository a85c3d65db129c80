/**
 * One page of a role's list, newest first: the recycler's yard (`CarBook.booksOf`) and the expert's mandates
 * (`Insurance.mandatesOf`). Each page costs a fixed number of calls whatever the list's length or the chain's age:
 * the index's total and the page's slice at one pinned block, then the page's entries' state at that block. The
 * role lists span every chain (shard) of the consortium: lib/browser/reads/merged.ts merges their pages.
 */
import type { Address, PublicClient } from 'viem';
import { carBookAbi, insuranceAbi } from '../contracts/generated';
import { readClaims, type ClaimView } from './insurance';
import type { ReadConfig } from './config';
import { mergedNewestFirstPage, type MergedPage } from './merged';

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
