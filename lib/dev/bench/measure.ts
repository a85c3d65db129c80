/**
 * What every benchmark shares: the {"metric","value","unit"} line format, argument lookup, the median, and
 * wall + CPU timing of repeated runs. Browser-safe (the VIN benchmark bundles it for Chromium): `process` is
 * only touched inside `timeRuns`, which runs in Node.
 */

export type Metric = { metric: string; value: number; unit: string };

/** The value after `--name` on the command line, if any. */
export function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export type Timings = { wall: number[]; cpu: number[] };

/**
 * One warm-up call (JIT, lazy probes, allocation), then `runs` timed calls: wall time, and the process's CPU
 * time, which tells a slow run from a machine busy with something else.
 */
export async function timeRuns(runs: number, fn: () => unknown): Promise<Timings> {
  await fn();
  const timings: Timings = { wall: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    timings.wall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    timings.cpu.push((used.user + used.system) / 1000);
  }
  return timings;
}
