/**
 * Telematics reads: a car's verified mileage series (pay-as-you-drive, the insurer's CSV export) and a
 * connected car's status (the maker's page). Both start from `readBookHistory`, which recomputes the records'
 * chain against `historyHead` and the readings' chain against `readingsHead` at one pinned block: a series is
 * only as complete as that verdict says, and it says so.
 */
import {
  numberToHex,
  parseEventLogs,
  toEventSelector,
  zeroHash,
  type AbiEvent,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { carBookAbi } from '../contracts/generated';
import { readBookHistory } from '../history/read';
import type { ChainVerdict } from '../history/read';
import { mileagePointsOf, type MileagePoint } from '../history/series';
import { unique, type ReadConfig } from './config';
import { newestFirstMergedPage } from './merged-pages';
import { nextReadingHead, READING_SKIP_REASONS, type ReadingSkipReasonName } from '../history/read';
import { byChainOrder, checkedBlocks, firstEmptyBlock, logsAtBlocks } from '../history/indexed';

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
      const last = history.readings.at(-1);
      const skips = history.skippedReadings;
      const byReason: ConnectedCar['skipped']['byReason'] = {};
      for (const skip of skips) byReason[skip.reason] = (byReason[skip.reason] ?? 0) + 1;
      const newest = skips.slice(-DATED_SKIPS).reverse();
      const times = new Map<bigint, number>();
      await Promise.all(
        unique(newest.map((skip) => skip.blockNumber)).map(async (blockNumber) => {
          const block = await client.getBlock({ blockNumber });
          times.set(blockNumber, Number(block.timestamp));
        }),
      );
      return {
        tokenId,
        deviceKey: /^0x0{40}$/.test(deviceKey) ? null : deviceKey,
        lastReading: last && {
          mileage: last.mileage,
          timestamp: last.timestamp,
          blockNumber: last.blockNumber,
          transactionHash: last.transactionHash,
        },
        readingsToday: history.readings.filter((r) => r.timestamp > now - 86_400 && r.timestamp <= now).length,
        chain: history.chain,
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
    }),
  );
}

/** Newest reading blocks a connected car's status reads (its tail window): about two days of hourly readings. */
export const STATUS_WINDOW = 48;

const RECORDED_TOPIC = toEventSelector(
  carBookAbi.find((item) => item.type === 'event' && item.name === 'TelematicsReadingRecorded') as AbiEvent,
);
const SKIPPED_TOPIC = toEventSelector(
  carBookAbi.find((item) => item.type === 'event' && item.name === 'TelematicsReadingSkipped') as AbiEvent,
);

/**
 * `connectedCars` for a status page that must not grow with a car's age: only the newest `window` entries of each
 * car's `readingBlocks` are read, at `blockNumber`. The readings found are checked as a suffix of the readings'
 * hash chain (each step from the one before, the newest reaching `readingsHead`), so none was withheld after the
 * window's first and the last reading is the last; `readingsToday` is exact when the window reaches back more than
 * 24 hours (or holds the whole list), else a lower bound (`readingsTodayAtLeast`); skipped readings are the
 * window's. Calls per car: 4 views, one single-block `eth_getLogs` per window block, at most `DATED_SKIPS` blocks.
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
      const [deviceKey, head, [, total]] = await Promise.all([
        client.readContract({ ...at, functionName: 'deviceKey', args: [tokenId] }),
        client.readContract({ ...at, functionName: 'readingsHead', args: [tokenId] }),
        client.readContract({ ...at, functionName: 'readingBlocks', args: [tokenId, 0n, 0n] }),
      ]);
      const start = total > BigInt(window) ? total - BigInt(window) : 0n;
      const [listed] =
        total === 0n
          ? [[] as readonly bigint[]]
          : await client.readContract({ ...at, functionName: 'readingBlocks', args: [tokenId, start, total - start] });
      const checked = checkedBlocks(listed, blockNumber);
      const problems = checked.problem ? [checked.problem] : [];
      const logs = await logsAtBlocks(
        client,
        config.contracts.carBook,
        [[RECORDED_TOPIC, SKIPPED_TOPIC], numberToHex(tokenId, { size: 32 })],
        checked.blocks,
      );
      const empty = firstEmptyBlock(checked.blocks, logs);
      if (empty !== undefined)
        problems.push(`the node returned no reading or skip of block ${empty}, which the index lists`);
      const flat = logs.flat();
      const readings = parseEventLogs({ abi: carBookAbi, eventName: 'TelematicsReadingRecorded', logs: flat })
        .sort(byChainOrder)
        .map((log) => ({
          mileage: Number(log.args.mileage),
          timestamp: Number(log.args.timestamp),
          head: log.args.head,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        }));
      // The suffix: each head follows from the one before; the newest is the book's head (none withheld after).
      for (let i = 1; i < readings.length && problems.length === 0; i++) {
        const r = readings[i];
        if (nextReadingHead(readings[i - 1].head, tokenId, r.mileage, r.timestamp) !== r.head)
          problems.push(`the reading of block ${r.blockNumber} does not follow the one before it`);
      }
      const newestHead = readings.at(-1)?.head ?? zeroHash;
      if (problems.length === 0 && newestHead !== head && !(readings.length === 0 && start > 0n))
        problems.push("the newest reading returned is not the book's newest");
      const skips = parseEventLogs({ abi: carBookAbi, eventName: 'TelematicsReadingSkipped', logs: flat })
        .sort(byChainOrder)
        .map((log) => ({
          reason: READING_SKIP_REASONS[log.args.reason] ?? 'None',
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        }));
      const byReason: ConnectedCar['skipped']['byReason'] = {};
      for (const skip of skips) byReason[skip.reason] = (byReason[skip.reason] ?? 0) + 1;
      const newest = skips.slice(-DATED_SKIPS).reverse();
      const times = new Map<bigint, number>();
      await Promise.all(
        unique(newest.map((skip) => skip.blockNumber)).map(async (number) => {
          times.set(number, Number((await client.getBlock({ blockNumber: number })).timestamp));
        }),
      );
      const inDay = (time: number) => time > now - 86_400 && time <= now;
      const last = readings.at(-1);
      const partial = start > 0n && (readings.length === 0 || inDay(readings[0].timestamp));
      return {
        tokenId,
        deviceKey: /^0x0{40}$/.test(deviceKey) ? null : deviceKey,
        lastReading: last && {
          mileage: last.mileage,
          timestamp: last.timestamp,
          blockNumber: last.blockNumber,
          transactionHash: last.transactionHash,
        },
        readingsToday: readings.filter((r) => inDay(r.timestamp)).length,
        readingsTodayAtLeast: partial,
        chain:
          problems.length === 0
            ? { ok: true as const }
            : { ok: false as const, problem: 'missing' as const, detail: problems[0] },
        skipped: {
          total: skips.length,
          byReason,
          latest: newest.map(({ reason, blockNumber: number, transactionHash }) => ({
            reason,
            timestamp: times.get(number) ?? 0,
            blockNumber: number,
            transactionHash,
          })),
        },
      };
    }),
  );
}

/** A page of connected cars; `shard` is the position of the chain the car lives on. */
export type ConnectedCarsPage = {
  items: (ConnectedCar & { shard: number })[];
  /** Entries of the whole index (the page count follows from it). */
  total: number;
  /** The page read, clamped to the last one. */
  page: number;
  pages: number;
};

/**
 * Page `page` (0 = the newest) of a maker's connected cars (`CarBook.connectedBooksOf`) on every chain of the
 * consortium (`chains`, in shard order; one for a single chain), each with its `connectedCars` status. Per page:
 * per chain a pinned block, the list's total and one slice; per car `connectedCarsAt`'s tail read (4 views, at
 * most `STATUS_WINDOW` single-block log reads, at most `DATED_SKIPS` block reads). Nothing depends on the chains'
 * ages nor on how many readings a car has.
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
          functionName: 'connectedBooksOf',
          args: [manufacturerOrg, start, count],
          blockNumber,
        }),
    })),
    page,
    size,
  );
  const statuses = await Promise.all(
    chains.map(({ client, config }, chain) => {
      const ids = merged.entries.filter((entry) => entry.chain === chain).map((entry) => entry.id);
      return ids.length === 0
        ? Promise.resolve([])
        : connectedCarsAt(client, config, ids, merged.blockNumbers[chain], now);
    }),
  );
  const byChain = statuses.map((cars) => [...cars]);
  const items = merged.entries.map((entry) => ({ ...byChain[entry.chain].shift()!, shard: entry.chain }));
  return { items, total: merged.total, page: merged.page, pages: merged.pages };
}
