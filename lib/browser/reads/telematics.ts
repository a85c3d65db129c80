/**
 * Telematics reads: a car's verified mileage series (pay-as-you-drive, the insurer's CSV export) and a
 * connected car's status (the maker's page). Both start from `readBookHistory`, which recomputes the records'
 * chain against `historyHead` and the readings' chain against `readingsHead` at one pinned block: a series is
 * only as complete as that verdict says, and it says so.
 */
import type { Address, Hex, PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { readBookHistory } from '../history/read';
import type { ChainVerdict } from '../history/read';
import { mileagePointsOf, type MileagePoint } from '../history/series';
import { unique, type ReadConfig } from './config';
import type { ListPage } from './lists';
import { newestFirstMergedPage } from './merged-pages';
import type { ReadingSkipReasonName } from '../history/read';

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
  return (
    rows
      .map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','))
      .join('\r\n') + '\r\n'
  );
}

export interface ConnectedCar {
  tokenId: bigint;
  /** The book's device key now (null: no device). */
  deviceKey: Address | null;
  lastReading?: { mileage: number; timestamp: number; blockNumber: bigint; transactionHash: Hex };
  /** Readings with a device time in the 24 hours before `now`. */
  readingsToday: number;
  /** Whether the readings returned are all of them (the readings' chain against `readingsHead`). */
  chain: ChainVerdict;
  /** Readings the registry skipped that the maker's staff relayed (`TelematicsReadingSkipped`), by reason. */
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

/** A page of connected cars; `shard` is the position of the chain the car lives on. */
export type ConnectedCarsPage = ListPage<ConnectedCar & { shard: number }>;

/**
 * Page `page` (0 = the newest) of a maker's connected cars (`CarBook.connectedBooksOf`) on every chain of the
 * consortium (`chains`, in shard order; one for a single chain), each with its `connectedCars` status. Per page:
 * per chain a pinned block, the list's total and one slice; per car its verified history (a fixed number of calls
 * plus one single-block log read per block its indexes list) and at most `DATED_SKIPS` block reads. Nothing
 * depends on the chains' ages.
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
      return ids.length === 0 ? [] : connectedCars(client, config, ids, now);
    }),
  );
  const byChain = statuses.map((cars) => [...cars]);
  const items = merged.entries.map((entry) => ({ ...byChain[entry.chain].shift()!, shard: entry.chain }));
  return { items, total: merged.total, page: merged.page, pages: merged.pages };
}
