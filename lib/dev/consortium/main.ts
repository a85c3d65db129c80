/**
 * `npm run consortium:check`: compares the governance state of every chain (shard) of a consortium — members,
 * staff, parameters, WMI holders, each chain's shard rule, each registry's implementation code — and exits 1 naming each divergence (0 when all agree).
 *
 *   npm run consortium:check -- --config <config.json file or URL> [--wmi WVW --wmi VF1 ...]
 *
 * --config defaults to out/config.json; with `npm start` running, http://localhost:3000/config.json is the local
 * consortium's. --wmi names WMIs to compare besides the dApp's make table (Consortium has no list of WMIs nor an index of their registrations).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRuntimeConfig, type RuntimeConfig } from '../../browser/config/runtime';
import { checkConsortium } from './check';

function fail(sentence: string): never {
  console.error(`✖ ${sentence}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { config: { type: 'string', default: 'out/config.json' }, wmi: { type: 'string', multiple: true } },
});
const configFile = values.config;
const isUrl = /^https?:\/\//.test(configFile);
if (!isUrl && !existsSync(configFile)) {
  fail(`No runtime configuration at ${configFile}: pass the consortium's config.json with --config <file or URL>.`);
}
let config: RuntimeConfig;
try {
  const text = isUrl ? await (await fetch(configFile)).text() : readFileSync(configFile, 'utf8');
  config = parseRuntimeConfig(JSON.parse(text));
} catch (error) {
  fail(`${configFile} is not a valid runtime configuration: ${(error as Error).message}`);
}
try {
  const result = await checkConsortium(config, values.wmi ?? []);
  for (const line of result.lines) console.log(line);
  process.exit(result.ok ? 0 : 1);
} catch (error) {
  fail((error as Error).message);
}
