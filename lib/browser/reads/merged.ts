/**
 * One page of a list that spans chains (shards): the recycler's yard, the expert's mandates, the maker's connected
 * cars. Each chain keeps its own append-ordered index (`booksOf`, `mandatesOf`…); the page is read in a fixed number
 * of calls whatever the lists' lengths and the chains' ages:
 *
 * 1. on every chain at once, its block number (pinned) and its index's total at that block (2 calls a chain);
 * 2. the global page is mapped onto one contiguous slice per chain (arithmetic only), read at each chain's pinned
 *    block, and each chain's entries are loaded there too (the page's entries' state), every chain at once.
 *
 * Order (stable, whatever the page): newest first within each chain, the chains interleaved round-robin in
 * configuration order: every chain's newest entry, then every chain's second newest, and so on (a chain whose list
 * is exhausted drops out). So the first page shows the newest entries of every chain, and an entry keeps its place
 * until a chain appends to its list.
 *
 * Each entry comes tagged with its chain (the index in `config.shards`), so an action on it goes to that chain. A
 * chain that cannot be read is left out and named in `unread`; the page still shows the others. When no chain can be
 * read (the one chain of a single-chain consortium, say) the read fails with the error of the first chain in configuration order.
 */
import type { PublicClient } from 'viem';
import { pinBlock } from '../history/indexed';

/**
 * An index view at a pinned block: `(start, count, blockNumber) => [slice, total]` (the registries' list views).
 * @public
 */
export type IndexView = (
  start: bigint,
  count: bigint,
  blockNumber: bigint,
) => Promise<readonly [readonly bigint[], bigint]>;

/**
 * One chain's index: its read client, its position in the configuration, and how to read and load its entries.
 * @public
 */
export type ChainIndex<T> = {
  /** The chain's index in `config.shards`. */
  shard: number;
  client: PublicClient;
  view: IndexView;
  /** The page's entries of this chain, read at its pinned block, one value per id in order. */
  load: (ids: bigint[], blockNumber: bigint) => Promise<readonly T[]>;
};

/** An entry and the chain it lives on. */
export type OnChain<T> = { shard: number; entry: T };

/** @public */
export type MergedPage<T> = {
  /** The page's entries, in the merged order (see the module comment). */
  items: OnChain<T>[];
  /** Entries of every chain read (a chain in `unread` counts for none). */
  total: number;
  /** The page read, clamped to the last one. */
  page: number;
  pages: number;
  /** The chains that could not be read (indexes in `config.shards`, ascending): their entries are missing. */
  unread: number[];
};

/**
 * Where a global page falls in each chain's list, for the round-robin order: for each chain, the newest-first ranks
 * `[from, to)` of its entries on the page (empty when `from === to`). `totals[i]` is chain i's list length.
 */
export function placePage(totals: readonly number[], page: number, size: number): { from: number; to: number }[] {
  if (!Number.isInteger(size) || size < 1) throw new Error('A page holds at least one entry.');
  const start = page * size;
  const end = start + size;
  // The global position of chain c's entry of rank r: every chain's entries of lower rank, then the chains before c
  // that still have an entry of rank r.
  const position = (c: number, r: number) =>
    totals.reduce((sum, total, i) => sum + Math.min(total, r) + (i < c && total > r ? 1 : 0), 0);
  // The first rank of chain c at or after global position `at` (its total when none): positions grow with rank.
  const firstAt = (c: number, at: number) => {
    let lo = 0;
    let hi = totals[c];
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (position(c, mid) >= at) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return totals.map((_, c) => ({ from: firstAt(c, start), to: firstAt(c, end) }));
}

/**
 * One page (0 = the newest entries) of the lists of `chains`, merged as the module comment says.
 * @public (the maker's connected-cars list reuses it)
 */
export async function mergedNewestFirstPage<T>(
  chains: readonly ChainIndex<T>[],
  page: number,
  size: number,
): Promise<MergedPage<T>> {
  // Each chain that failed, with its error.
  const unread = new Map<number, unknown>();
  const failed = (shard: number, error: unknown) => {
    if (!unread.has(shard)) unread.set(shard, error);
  };
  // Step 1: each chain's pinned block and its list's total there.
  const heads = await Promise.all(
    chains.map(async (chain) => {
      try {
        const blockNumber = await pinBlock(chain.client);
        const [, total] = await chain.view(0n, 0n, blockNumber);
        return { chain, blockNumber, total: Number(total) };
      } catch (error) {
        failed(chain.shard, error);
        return undefined;
      }
    }),
  );
  const read = heads.filter((head) => head !== undefined);
  const totals = read.map((head) => head.total);
  const total = totals.reduce((sum, n) => sum + n, 0);
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(Math.floor(page), 0), pages - 1);
  const places = placePage(totals, current, size);
  // Step 2: each chain's slice of the page, newest first, and its entries' state, at its pinned block.
  const slices = await Promise.all(
    read.map(async ({ chain, blockNumber, total: length }, i) => {
      const { from, to } = places[i];
      if (from === to) return [];
      try {
        const [ids] = await chain.view(BigInt(length - to), BigInt(to - from), blockNumber);
        const newestFirst = [...ids].reverse();
        const entries = await chain.load(newestFirst, blockNumber);
        return entries.map((entry, k) => ({ rank: from + k, item: { shard: chain.shard, entry } }));
      } catch (error) {
        failed(chain.shard, error);
        return [];
      }
    }),
  );
  // No chain answered: the read failed as a whole (one sentence about the node, as for any read).
  const shards = [...unread.keys()].sort((a, b) => a - b);
  if (chains.length > 0 && unread.size === chains.length) throw unread.get(shards[0]);
  // Round-robin: by rank, then by the chain's place in the configuration.
  const items = slices
    .flat()
    .sort((a, b) => a.rank - b.rank || a.item.shard - b.item.shard)
    .map(({ item }) => item);
  return { items, total, page: current, pages, unread: shards };
}
