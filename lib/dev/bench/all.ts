/**
 * `npm run bench`: every benchmark in turn, each printing its own table (or, with --json, one JSON object per
 * line {"metric","value","unit"}). Arguments are passed to each benchmark. A failing benchmark fails the run.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHES = [
  ['gas', 'lib/dev/bench/gas.ts'],
  ['crypto', 'lib/dev/bench/crypto.ts'],
  ['vin', 'lib/dev/bench/vin.ts'],
  ['history', 'lib/dev/bench/history.ts'],
  ['proxy', 'lib/dev/bench/proxy.ts'],
  ['scale', 'lib/dev/bench/scale.ts'],
  ['ingest', 'lib/dev/bench/ingest.ts'],
  ['web', 'lib/dev/bench/web.ts'],
] as const;

const args = process.argv.slice(2);
const json = args.includes('--json');
let failed = 0;
for (const [name, file] of BENCHES) {
  if (!json) console.log(`\n=== bench:${name} ===`);
  const result = spawnSync(path.resolve('node_modules', '.bin', 'tsx'), [file, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`bench:${name} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
