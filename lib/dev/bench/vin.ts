/**
 * `npm run bench:vin [-- --json] [-- --runs N] [-- --browser]`: what one VIN commitment costs at the
 * development parameters, and what that means for someone enumerating VINs.
 *
 * The enumeration figure is the cost of 10^6 candidates (roughly one small maker's serial-number range
 * for one model, plant and year) on one CPU core with this implementation; an attacker with native or
 * GPU scrypt goes faster, so read it as an upper bound on the attacker's cost per core.
 * `--browser` also times it in headless Chromium (/usr/bin/chromium), what a buyer's page pays.
 * `vin.search.model*` is what the public model string of `CarBookCreated` saves someone searching one book's VIN
 * (see VIN_SEARCH in vin-stats.ts for the assumptions).
 * `--json` prints one {"metric","value","unit"} object per line for CI dashboards.
 */
import {
  cpuDays,
  enumerationCpuDays,
  median,
  round,
  timeCommitments,
  vinSearchCandidates,
  type Metric,
} from './vin-stats';
import { argValue } from './measure';
import { DEV_VIN_COMMITMENT_PARAMS } from '../../browser/vin/commitment';

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const runs = Number(argValue('--runs') ?? 7);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

  const nodeTimings = await timeCommitments(runs);
  const commitmentMs = median(nodeTimings);
  const metrics: Metric[] = [
    { metric: 'vin.commitment.ms', value: round(commitmentMs, 1), unit: 'ms' },
    { metric: 'vin.enumeration.cpuDays', value: round(enumerationCpuDays(commitmentMs), 2), unit: 'cpu-days' },
    // One book's VIN searched with the public model string, and the same search if the model were encrypted.
    {
      metric: 'vin.search.modelPublic.cpuDays',
      value: round(cpuDays(vinSearchCandidates().modelPublic, commitmentMs), 2),
      unit: 'cpu-days',
    },
    {
      metric: 'vin.search.modelHidden.cpuDays',
      value: round(cpuDays(vinSearchCandidates().modelHidden, commitmentMs), 0),
      unit: 'cpu-days',
    },
  ];
  const notes = [`Node ${process.version} runs (ms): ${nodeTimings.map((t) => t.toFixed(1)).join(', ')}`];

  if (process.argv.includes('--browser')) {
    // Loaded only on demand: esbuild and playwright-core are Node development tools.
    const { timeCommitmentsInChromium, CHROMIUM_PATH } = await import('./vin-browser');
    const browser = await timeCommitmentsInChromium(runs);
    if (browser === undefined) {
      notes.push(`--browser: ${CHROMIUM_PATH} not found (apt package chromium), no browser figure`);
    } else {
      metrics.push({ metric: 'vin.commitment.browser.ms', value: round(median(browser.timings), 1), unit: 'ms' });
      notes.push(`Chromium ${browser.version} runs (ms): ${browser.timings.map((t) => t.toFixed(1)).join(', ')}`);
    }
  }

  if (json) {
    for (const metric of metrics) console.log(JSON.stringify(metric));
    return;
  }
  const { N, r, p } = DEV_VIN_COMMITMENT_PARAMS;
  console.log(
    `VIN commitment at the dev parameters N=2^${Math.log2(N)} r=${r} p=${p} (${(128 * N * r) / 2 ** 20} MiB), median of ${runs} runs`,
  );
  console.table(Object.fromEntries(metrics.map((m) => [m.metric, { value: m.value, unit: m.unit }])));
  for (const note of notes) console.log(note);
}

await main();
