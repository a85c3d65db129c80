/**
 * `npm run bench:vin [-- --json] [-- --runs N]`: what one VIN commitment costs at the development
 * parameters on this machine, and what that means for someone enumerating VINs.
 *
 * The enumeration figure is the cost of 10^6 candidates (roughly one small maker's serial-number range
 * for one model, plant and year) on a single CPU core with this very implementation; an attacker with
 * native or GPU scrypt is faster, so read it as an upper bound on the attacker's cost per core.
 * `--json` prints one {"metric","value","unit"} object per line for CI dashboards.
 */
import { DEV_VIN_COMMITMENT_PARAMS, vinCommitment } from './commitment';
import { withCheckDigit } from './check-digit';

const CANDIDATES = 1e6;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const runs = Number(argValue('--runs') ?? 7);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);

  // One warm-up run so JIT compilation is not billed to the first measurement.
  await vinCommitment('1HGCM82633A004352', DEV_VIN_COMMITMENT_PARAMS);
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Distinct VINs, as an enumeration would use, so nothing can be cached between runs.
    const vin = withCheckDigit(`1HGCM826X3A${String(i).padStart(6, '0')}`);
    const start = performance.now();
    await vinCommitment(vin, DEV_VIN_COMMITMENT_PARAMS);
    timings.push(performance.now() - start);
  }

  const commitmentMs = median(timings);
  const enumerationCpuDays = (CANDIDATES * commitmentMs) / MS_PER_DAY;
  const metrics = [
    { metric: 'vin.commitment.ms', value: round(commitmentMs, 1), unit: 'ms' },
    { metric: 'vin.enumeration.cpuDays', value: round(enumerationCpuDays, 2), unit: 'cpu-days' },
  ];

  if (json) {
    for (const m of metrics) console.log(JSON.stringify(m));
    return;
  }
  const { N, r, p } = DEV_VIN_COMMITMENT_PARAMS;
  console.log(`VIN commitment, dev parameters N=2^${Math.log2(N)} r=${r} p=${p} (${(128 * N * r) / 2 ** 20} MiB), Node ${process.version}, ${runs} runs`);
  console.table(Object.fromEntries(metrics.map((m) => [m.metric, { value: m.value, unit: m.unit }])));
  console.log(`runs (ms): ${timings.map((t) => t.toFixed(1)).join(', ')}`);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

await main();
