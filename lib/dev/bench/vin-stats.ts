/** Small statistics shared by the VIN benchmarks (Node and Chromium), so both report alike. */
import { withCheckDigit } from '../../browser/vin/check-digit';
import { DEV_VIN_COMMITMENT_PARAMS, vinCommitment } from '../../browser/vin/commitment';

export { median, type Metric } from './measure';

export const ENUMERATED_CANDIDATES = 1e6;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

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

/** Times `runs` commitments of distinct VINs at the development parameters, after one warm-up. */
export async function timeCommitments(runs: number): Promise<number[]> {
  await vinCommitment(benchmarkVin(999_999), DEV_VIN_COMMITMENT_PARAMS); // warm-up: JIT, allocation
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await vinCommitment(benchmarkVin(i), DEV_VIN_COMMITMENT_PARAMS);
    timings.push(performance.now() - start);
  }
  return timings;
}
