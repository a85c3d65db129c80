/**
 * Reads that cost O(the data shown), never O(the chain's age): the registries keep per-book and per-owner lists in
 * state (contracts/README.md "Read indexes"); a read pins one block, reads a list with `eth_call` at that block,
 * then fetches exactly the listed blocks' logs as single-block `eth_getLogs`, all issued at once so that a batching
 * transport (viem `http(url, { batch: { batchSize: 100 } })`, the proxy's batch cap) sends them in a few HTTP
 * requests. Nothing here scans a range of blocks.
 */
import { formatLog, numberToHex, type Address, type Hex, type Log, type PublicClient } from 'viem';

/**
 * Entries per index page: a 1,000-entry page costs ~2.2 M gas, under the proxy's eth_call gas cap (5 M), and a
 * 1,000-record book needs a second page only for its creation block.
 */
export const INDEX_PAGE = 1000n;

type Page<T> = (start: bigint, count: bigint) => Promise<readonly [readonly T[], bigint]>;

/**
 * Every entry of a paged index view (`view(start, count) -> (entries, total)`): the first page, then the others at
 * once (one batch).
 */
export async function readIndex<T>(page: Page<T>, pageSize: bigint = INDEX_PAGE): Promise<T[]> {
  const [first, total] = await page(0n, pageSize);
  if (total <= pageSize) return [...first];
  const rest: Promise<readonly [readonly T[], bigint]>[] = [];
  for (let start = pageSize; start < total; start += pageSize) rest.push(page(start, pageSize));
  return [...first, ...(await Promise.all(rest)).flatMap(([entries]) => entries)];
}

/** The current block number, uncached: the block every read of one page is pinned to. */
export function pinBlock(client: PublicClient): Promise<bigint> {
  return client.getBlockNumber({ cacheTime: 0 });
}

/**
 * The logs of `address` matching `topics` in each of `blocks` (one single-block eth_getLogs per block, all in
 * flight together), as an array parallel to `blocks`. Logs a node returns from another block or contract are
 * dropped: they cannot belong to the answer.
 */
export async function logsAtBlocks(
  client: PublicClient,
  address: Address,
  topics: (Hex | Hex[] | null)[],
  blocks: readonly bigint[],
): Promise<Log[][]> {
  const wanted = address.toLowerCase();
  return Promise.all(
    blocks.map(async (block) => {
      const hex = numberToHex(block);
      const raw = (await client.request({
        method: 'eth_getLogs',
        params: [{ address, topics, fromBlock: hex, toBlock: hex }],
      })) as unknown as Parameters<typeof formatLog>[0][];
      return raw
        .map((log) => formatLog(log))
        .filter((log) => log.blockNumber === block && log.address.toLowerCase() === wanted);
    }),
  );
}

/** Chain order: block, then position in the block. */
export function byChainOrder(a: Log, b: Log): number {
  if (a.blockNumber !== b.blockNumber) return a.blockNumber! < b.blockNumber! ? -1 : 1;
  return (a.logIndex ?? 0) - (b.logIndex ?? 0);
}

/**
 * A listed block must hold at least one matching log: an index entry is written only with an event. Returns the
 * first listed block for which the node returned nothing (it withheld logs), or undefined.
 */
export function firstEmptyBlock(blocks: readonly bigint[], logs: readonly Log[][]): bigint | undefined {
  const i = logs.findIndex((l) => l.length === 0);
  return i < 0 ? undefined : blocks[i];
}

/** A block list as the contract returns it, checked: increasing, none after the pinned block. */
export function checkedBlocks(blocks: readonly bigint[], atBlock: bigint): { blocks: bigint[]; problem?: string } {
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i] > atBlock)
      return { blocks: [], problem: `the index lists block ${blocks[i]}, after block ${atBlock}` };
    if (i > 0 && blocks[i] <= blocks[i - 1])
      return { blocks: [], problem: `the index lists block ${blocks[i]} after block ${blocks[i - 1]}` };
  }
  return { blocks: [...blocks] };
}
