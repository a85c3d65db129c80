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

/**
 * What the public model string of `CarBookCreated` (metadataURI, e.g. "Volta Aero 1.6 (2019)") saves someone who
 * searches a book by VIN. The maker is public anyway (the book's manufacturer organisation, i.e. the WMI). The model
 * and year fix VIN positions 4-8 and 10; left unknown: the plant (position 11) and the serial (12-17). Hidden, the
 * searcher must also try each of the maker's VDS variants (model, body, engine, restraint codes) and model years.
 * Assumptions, deliberately generous to the searcher: 4 plants, 200 VDS variants a year, 20 model years.
 */
export const VIN_SEARCH = {
  serials: 1e6,
  plants: 4,
  vdsVariants: 200,
  modelYears: 20,
} as const;

/** Candidates left to try for one VIN, with the model and year public and with them hidden. */
export function vinSearchCandidates(): { modelPublic: number; modelHidden: number } {
  const modelPublic = VIN_SEARCH.serials * VIN_SEARCH.plants;
  return { modelPublic, modelHidden: modelPublic * VIN_SEARCH.vdsVariants * VIN_SEARCH.modelYears };
}

/** CPU-days to commit `candidates` VINs on one core at `msPerCommitment`. */
export function cpuDays(candidates: number, msPerCommitment: number): number {
  return (candidates * msPerCommitment) / MS_PER_DAY;
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
