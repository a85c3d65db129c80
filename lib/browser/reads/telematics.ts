/**
 * Telematics reads: a car's verified mileage series (pay-as-you-drive, the insurer's CSV export) and a
 * connected car's status (the maker's page). Both start from `readBookHistory`, which recomputes the records'
 * chain against `historyHead` and the readings' chain against `readingsHead` at one pinned block: a series is
 * only as complete as that verdict says, and it says so.
 */
import { parseEventLogs, toEventSelector, type AbiEvent, type Address, type Hex, type PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { readBookHistory } from '../history/read';
import type { ChainVerdict } from '../history/read';
import { mileagePointsOf, type MileagePoint } from '../history/series';
import { unique, type ReadConfig } from './config';
import { newestFirstMergedPage } from './merged-pages';
import type { ReadingSkipReasonName } from '../history/read';
import { byChainOrder, checkedBlocks, firstEmptyBlock, logsAtBlocks } from '../history/indexed';
import { readReadingChain } from './reading-chain';

export type { MileagePoint } from '../history/series';

export interface MileageSeries {
  tokenId: bigint;
  from: number;
  to: number;
  /** The block every figure was read at. */
  atBlock: bigint;
  /** Whether the readings and records returned are all of them (hash chains against the on-chain heads). */
  chain: ChainVerdict;
  points: MileagePoint[];
}

/**
 * The car's readings and records with `from ≤ time ≤ to` (unix seconds), oldest first, each with the block and
 * transaction that recorded it. Corrections (lower odometers signed by owner and workshop) are records too.
 */
export async function mileageSeries(
  client: PublicClient,
  config: ReadConfig,
  tokenId: bigint,
  period: { from: number; to: number },
): Promise<MileageSeries> {
  const history = await readBookHistory(client, config.contracts.carBook, tokenId);
  const points = mileagePointsOf(history).filter((p) => p.time >= period.from && p.time <= period.to);
  return { tokenId, from: period.from, to: period.to, atBlock: history.atBlock, chain: history.chain, points };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The series as CSV (RFC 4180, header first): what the insurer's "Export mileage (CSV)" downloads. */
export function mileageSeriesCsv(series: MileageSeries): string {
  const rows = [
    ['time_utc', 'unix_time', 'source', 'kind', 'mileage_km', 'block', 'transaction'],
    ...series.points.map((p) => [
      iso(p.time),
      String(p.time),
      p.source,
      p.kind,
      String(p.mileage),
      p.blockNumber.toString(),
      p.transactionHash,
    ]),
  ];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One RFC 4180 cell that a spreadsheet opens as text: a cell starting with = + - @ tab or CR would be a formula
 * (CSV injection), so it gets a leading apostrophe and quotes. Today every cell is a figure, a hash or a fixed
 * record kind; this keeps the file inert if a string ever reaches it.
 */
function csvCell(cell: string): string {
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return text !== cell || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface ConnectedCar {
  tokenId: bigint;
  /** The book's device key now (null: no device). */
  deviceKey: Address | null;
  lastReading?: { mileage: number; timestamp: number; blockNumber: bigint; transactionHash: Hex };
  /** Readings with a device time in the 24 hours before `now`. */
  readingsToday: number;
  /** Set when `readingsToday` is a lower bound (the status read a window of the newest readings only). */
  readingsTodayAtLeast?: boolean;
  /** Whether the readings returned are all of them (the readings' chain against `readingsHead`). */
  chain: ChainVerdict;
  /**
   * Readings the registry skipped that the maker's staff relayed (`TelematicsReadingSkipped`), by reason: the whole
   * history's for `connectedCars`, the window's for `connectedCarsAt`.
   */
  skipped: { total: number; byReason: Partial<Record<ReadingSkipReasonName, number>>; latest: SkippedOnChain[] };
}

/** A skipped reading with the time of the block that skipped it. */
export interface SkippedOnChain {
  reason: ReadingSkipReasonName;
  /** Block time, unix seconds. */
  timestamp: number;
  blockNumber: bigint;
  transactionHash: Hex;
}

/** Skipped readings dated per car (newest first): the others are counted, not dated (one block read each). */
export const DATED_SKIPS = 3;

/**
 * The status of connected cars a maker lists (it knows its fleet's token ids): device key, last reading and
 * readings of the last 24 hours, each verified against the book's hash chains.
 */
export async function connectedCars(
  client: PublicClient,
  config: ReadConfig,
  tokenIds: readonly bigint[],
  now = Math.floor(Date.now() / 1000),
): Promise<ConnectedCar[]> {
  return Promise.all(
    tokenIds.map(async (tokenId) => {
      const [history, deviceKey] = await Promise.all([
        readBookHistory(client, config.contracts.carBook, tokenId),
        client.readContract({
          address: config.contracts.carBook,
          abi: carBookAbi,
          functionName: 'deviceKey',
          args: [tokenId],
        }),
      ]);
      return carStatus(client, tokenId, deviceKey, history.readings, history.skippedReadings, history.chain, now);
    }),
  );
}

/**
 * A car's status from its readings and the skipped readings found (oldest first): the last reading, the readings of
 * the 24 hours before `now`, the skips by reason with the newest `DATED_SKIPS` dated (one block read each).
 */
async function carStatus(
  client: PublicClient,
  tokenId: bigint,
  deviceKey: Address,
  readings: readonly { mileage: number; timestamp: number; blockNumber: bigint; transactionHash: Hex }[],
  skips: readonly { reason: ReadingSkipReasonName; blockNumber: bigint; transactionHash: Hex }[],
  chain: ChainVerdict,
  now: number,
): Promise<ConnectedCar> {
  const byReason: ConnectedCar['skipped']['byReason'] = {};
  for (const skip of skips) byReason[skip.reason] = (byReason[skip.reason] ?? 0) + 1;
  const newest = skips.slice(-DATED_SKIPS).reverse();
  const times = new Map<bigint, number>();
  await Promise.all(
    unique(newest.map((skip) => skip.blockNumber)).map(async (blockNumber) => {
      times.set(blockNumber, Number((await client.getBlock({ blockNumber })).timestamp));
    }),
  );
  const last = readings.at(-1);
  return {
    tokenId,
    deviceKey: /^0x0{40}$/.test(deviceKey) ? null : deviceKey,
    lastReading: last && {
      mileage: last.mileage,
      timestamp: last.timestamp,
      blockNumber: last.blockNumber,
      transactionHash: last.transactionHash,
    },
    readingsToday: readings.filter((r) => r.timestamp > now - 86_400 && r.timestamp <= now).length,
    chain,
    skipped: {
      total: skips.length,
      byReason,
      latest: newest.map(({ reason, blockNumber, transactionHash }) => ({
        reason,
        timestamp: times.get(blockNumber) ?? 0,
        blockNumber,
        transactionHash,
      })),
    },
  };
}

/** Newest readings a connected car's status reads (its tail window): about two days of hourly readings. */
export const STATUS_WINDOW = 48;

/**
 * `connectedCars` for a status page that must not grow with a car's age: only the newest `window` readings of each
 * car are read, at `blockNumber` (`readReadingChain`'s window: the walks from the checkpoints that cover them, and
 * the newest `window` entries of `readingBlocks` for readings from before the reading-chain upgrade and for the
 * skips). The readings found are checked as a suffix of the readings' hash chain (each step from the one before,
 * the newest reaching `readingsHead`), so none was withheld after the window's first and the last reading is the
 * last; `readingsToday` is exact when the window reaches back more than 24 hours (or holds every reading), else a
 * lower bound (`readingsTodayAtLeast`); skipped readings are the window's. Calls per car: 4 views, then 2, then one
 * single-block `eth_getLogs` per block of the window's readings and skips (at most eight rounds), at most
 * `DATED_SKIPS` blocks.
 */
export async function connectedCarsAt(
  client: PublicClient,
  config: ReadConfig,
  tokenIds: readonly bigint[],
  blockNumber: bigint,
  now = Math.floor(Date.now() / 1000),
  window = STATUS_WINDOW,
): Promise<ConnectedCar[]> {
  const at = { address: config.contracts.carBook, abi: carBookAbi, blockNumber } as const;
  return Promise.all(
    tokenIds.map(async (tokenId) => {
      const [deviceKey, found] = await Promise.all([
        client.readContract({ ...at, functionName: 'deviceKey', args: [tokenId] }),
        readReadingChain(client, config.contracts.carBook, tokenId, blockNumber, { newest: window }),
      ]);
      const inDay = (time: number) => time > now - 86_400 && time <= now;
      return {
        ...(await carStatus(client, tokenId, deviceKey, found.readings, found.skips, found.chain, now)),
        readingsTodayAtLeast: !found.whole && (found.readings.length === 0 || inDay(found.readings[0].timestamp)),
      };
    }),
  );
}

/**
 * A page of connected cars; `shard` is the position of the chain the car lives on. `total` and `pages` count the
 * makers' key-change blocks (`CarBook.connectedBlocksOf`), not cars: a page lists the cars found in its blocks.
 */
export type ConnectedCarsPage = {
  items: (ConnectedCar & { shard: number })[];
  /** Key-change blocks of the whole list, on every chain (the page count follows from it). */
  total: number;
  /** The page read, clamped to the last one. */
  page: number;
  pages: number;
};

const CREATED_TOPIC = toEventSelector(
  carBookAbi.find((item) => item.type === 'event' && item.name === 'CarBookCreated') as AbiEvent,
);
const ROTATED_TOPIC = toEventSelector(
  carBookAbi.find((item) => item.type === 'event' && item.name === 'DeviceKeyRotated') as AbiEvent,
);
const REASSIGNED_TOPIC = toEventSelector(
  carBookAbi.find((item) => item.type === 'event' && item.name === 'BookReassigned') as AbiEvent,
);
const NO_KEY = /^0x0{40}$/;

/**
 * The books whose device key changed in `blocks` (newest first) of a maker's connected blocks on one chain, each
 * once at its newest key change, newest first: a book is kept in block B when its current maker is `maker` and B
 * holds its newest key change (`deviceKeyBlockOf`; for a book not rotated since the index, the change that set its
 * current key). A reassignment's key removal is not a change by the new maker. Calls: one single-block
 * `eth_getLogs` per block, one view per book found.
 */
export async function connectedBooksInBlocks(
  client: PublicClient,
  config: ReadConfig,
  maker: number,
  blocks: readonly bigint[],
  blockNumber: bigint,
): Promise<bigint[]> {
  const ascending = [...blocks].reverse();
  const checked = checkedBlocks(ascending, blockNumber);
  if (checked.problem) throw new Error(`The maker's list of connected cars is inconsistent: ${checked.problem}.`);
  const logs = await logsAtBlocks(
    client,
    config.contracts.carBook,
    [[CREATED_TOPIC, ROTATED_TOPIC, REASSIGNED_TOPIC]],
    checked.blocks,
  );
  const empty = firstEmptyBlock(checked.blocks, logs);
  if (empty !== undefined)
    throw new Error(`The node returned no device key change for block ${empty}, which the maker's list holds.`);
  // Per book, its last key change in each block (block order): the key it set.
  const changes: { tokenId: bigint; block: bigint; newKey: string }[] = [];
  for (const blockLogs of logs) {
    const flat = [...blockLogs].sort(byChainOrder);
    const reassigned = new Set(
      parseEventLogs({ abi: carBookAbi, eventName: 'BookReassigned', logs: flat }).map(
        (log) => `${log.transactionHash}:${log.args.tokenId}`,
      ),
    );
    const last = new Map<bigint, { block: bigint; newKey: string }>();
    for (const log of parseEventLogs({ abi: carBookAbi, logs: flat })) {
      if (log.eventName === 'CarBookCreated' && !NO_KEY.test(log.args.deviceKey))
        last.set(log.args.tokenId, { block: log.blockNumber, newKey: log.args.deviceKey });
      else if (log.eventName === 'DeviceKeyRotated' && !reassigned.has(`${log.transactionHash}:${log.args.tokenId}`))
        last.set(log.args.tokenId, { block: log.blockNumber, newKey: log.args.newKey });
    }
    for (const [tokenId, change] of last) changes.push({ tokenId, ...change });
  }
  const ids = unique(changes.map((change) => change.tokenId));
  const states = new Map(
    await Promise.all(
      ids.map(
        async (tokenId) =>
          [
            tokenId,
            await client.readContract({
              address: config.contracts.carBook,
              abi: carBookAbi,
              functionName: 'deviceKeyBlockOf',
              args: [tokenId],
              blockNumber,
            }),
          ] as const,
      ),
    ),
  );
  const kept = new Set<bigint>();
  const out: bigint[] = [];
  // Newest block first; within a block, the latest change first.
  for (const change of changes.reverse()) {
    const [bookMaker, deviceKey, keyBlock] = states.get(change.tokenId)!;
    if (bookMaker !== maker || kept.has(change.tokenId)) continue;
    const newest =
      keyBlock !== 0n ? change.block === keyBlock : change.newKey.toLowerCase() === deviceKey.toLowerCase();
    if (!newest) continue;
    kept.add(change.tokenId);
    out.push(change.tokenId);
  }
  return out;
}

/**
 * Page `page` (0 = the newest) of a maker's connected cars on every chain of the consortium (`chains`, in shard
 * order; one for a single chain), each with its `connectedCars` status. The page is `size` of the maker's
 * key-change blocks (`CarBook.connectedBlocksOf`, newest first, merged across chains), and lists each car found
 * in them once, at its newest key change (`connectedBooksInBlocks`): a car appears on one page only. Per page: per
 * chain a pinned block, the list's total and one slice; one single-block log read per block and one view per book
 * found; per car `connectedCarsAt`'s tail read (4 views, at most `STATUS_WINDOW` single-block log reads, at most
 * `DATED_SKIPS` block reads). Nothing depends on the chains' ages nor on how many readings a car has.
 */
export async function connectedCarsPage(
  chains: readonly { client: PublicClient; config: ReadConfig }[],
  manufacturerOrg: number,
  page: number,
  size: number,
  now = Math.floor(Date.now() / 1000),
): Promise<ConnectedCarsPage> {
  const merged = await newestFirstMergedPage(
    chains.map(({ client, config }) => ({
      client,
      view: (start, count, blockNumber) =>
        client.readContract({
          address: config.contracts.carBook,
          abi: carBookAbi,
          functionName: 'connectedBlocksOf',
          args: [manufacturerOrg, start, count],
          blockNumber,
        }),
    })),
    page,
    size,
  );
  const statuses = await Promise.all(
    chains.map(async ({ client, config }, chain): Promise<ConnectedCarsPage['items']> => {
      const blocks = merged.entries.filter((entry) => entry.chain === chain).map((entry) => entry.id);
      if (blocks.length === 0) return [];
      const ids = await connectedBooksInBlocks(client, config, manufacturerOrg, blocks, merged.blockNumbers[chain]);
      if (ids.length === 0) return [];
      const cars = await connectedCarsAt(client, config, ids, merged.blockNumbers[chain], now);
      return cars.map((car) => ({ ...car, shard: chain }));
    }),
  );
  return { items: statuses.flat(), total: merged.total, page: merged.page, pages: merged.pages };
}
