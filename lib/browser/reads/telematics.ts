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
import type { ReadConfig } from './config';

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
  /** Whether the readings returned are all of them (the readings' chain against `readingsHead`). */
  chain: ChainVerdict;
}

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
      };
    }),
  );
}
