/**
 * A car's odometer over time: its records and its device-signed telematics readings on one axis, as the
 * buyer's mileage chart draws them and the insurer's CSV lists them. Pure functions over a history already
 * read and verified (`readBookHistory`): no chain access here.
 */
import type { Hex } from 'viem';
import type { BookHistory } from './read';
import type { Verdict } from './verdict';

export interface MileagePoint {
  source: 'reading' | 'record';
  /** Record kind (Service, Inspection, …) or 'Telematics'. */
  kind: string;
  mileage: number;
  /** Device time for a reading, the record's block time for a record (unix seconds). */
  time: number;
  blockNumber: bigint;
  transactionHash: Hex;
}

/** Every reading and record of a history, oldest first (chain order for equal times). */
export function mileagePointsOf(history: Pick<BookHistory, 'readings' | 'records'>): MileagePoint[] {
  return [
    ...history.readings.map((r) => ({
      source: 'reading' as const,
      kind: 'Telematics',
      mileage: r.mileage,
      time: r.timestamp,
      blockNumber: r.blockNumber,
      transactionHash: r.transactionHash,
    })),
    ...history.records.map((r) => ({
      source: 'record' as const,
      kind: r.kind,
      mileage: r.mileage,
      time: r.timestamp,
      blockNumber: r.blockNumber,
      transactionHash: r.transactionHash,
    })),
  ].sort((a, b) => a.time - b.time || (a.blockNumber < b.blockNumber ? -1 : a.blockNumber > b.blockNumber ? 1 : 0));
}

export interface ChartPoint {
  time: number;
  km: number;
  source: 'record' | 'reading';
  kind: string;
  /** The record of an odometer correction (a lower figure signed by owner and workshop). */
  correction: boolean;
  /** The end of a jump the verdict found implausible. */
  jump: boolean;
}

/** A stretch the chart shades: a long gap without any entry, or a connected car's silent device. */
export interface ChartBand {
  kind: 'gap' | 'silent';
  from: number;
  to: number;
}

/**
 * What the mileage chart shows: the odometer points (entries voided by a consortium vote and the votes' own
 * records left out, as in the verdict's mileage analysis), with corrections and implausible jumps marked, and
 * the verdict's long gaps and device silences as bands. Marks come from the verdict, so chart and verdict agree.
 */
export function mileageChartOf(
  history: Pick<BookHistory, 'readings' | 'records' | 'voidedEntries'>,
  verdict: Pick<Verdict, 'findings'>,
): { points: ChartPoint[]; bands: ChartBand[] } {
  const voided = new Set(history.voidedEntries.map((v) => v.voidedIndex));
  const records = history.records.filter((r) => r.kind !== 'EntryVoided' && !voided.has(r.index));
  const jumps = new Set(verdict.findings.flatMap((f) => (f.kind === 'implausible-jump' ? [f.at] : [])));
  const points = mileagePointsOf({ readings: history.readings, records }).map((p) => ({
    time: p.time,
    km: p.mileage,
    source: p.source,
    kind: p.kind,
    correction: p.kind === 'OdometerCorrection',
    jump: false,
  }));
  // A jump is marked once, on the first point at its time that is higher than the one before.
  for (let i = 1; i < points.length; i++) {
    if (jumps.has(points[i].time) && points[i].km > points[i - 1].km) {
      points[i].jump = true;
      jumps.delete(points[i].time);
    }
  }
  const bands = verdict.findings.flatMap((f): ChartBand[] =>
    f.kind === 'long-gap'
      ? [{ kind: 'gap', from: f.at, to: f.until }]
      : f.kind === 'device-silent'
        ? [{ kind: 'silent', from: f.at, to: f.until }]
        : [],
  );
  return { points, bands };
}
