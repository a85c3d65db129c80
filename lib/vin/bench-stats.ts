/** Small statistics shared by the VIN benchmarks (Node and Chromium), so both report alike. */
import { withCheckDigit } from './check-digit';

export type Metric = { metric: string; value: number; unit: string };

export const ENUMERATED_CANDIDATES = 1e6;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** CPU-days to commit `ENUMERATED_CANDIDATES` VINs on one core at `msPerCommitment`. */
export function enumerationCpuDays(msPerCommitment: number): number {
  return (ENUMERATED_CANDIDATES * msPerCommitment) / MS_PER_DAY;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Distinct, valid North American VINs, as an enumeration would try them (nothing can be cached). */
export function benchmarkVin(index: number): string {
  return withCheckDigit(`1HGCM826X3A${String(index).padStart(6, '0')}`);
}
