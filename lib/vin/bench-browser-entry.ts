/**
 * Bundled by `bench-browser.ts` and run inside Chromium: times VIN commitments at the development
 * parameters with exactly the code the dApp ships (async scrypt from @noble/hashes, viem keccak256).
 */
import { benchmarkVin } from './bench-stats';
import { DEV_VIN_COMMITMENT_PARAMS, vinCommitment } from './commitment';

async function timeCommitments(runs: number): Promise<number[]> {
  await vinCommitment(benchmarkVin(999_999), DEV_VIN_COMMITMENT_PARAMS); // warm-up: JIT, allocation
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await vinCommitment(benchmarkVin(i), DEV_VIN_COMMITMENT_PARAMS);
    timings.push(performance.now() - start);
  }
  return timings;
}

(globalThis as { timeCommitments?: typeof timeCommitments }).timeCommitments = timeCommitments;
