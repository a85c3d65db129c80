/**
 * Storage-layout and upgrade-safety check with @openzeppelin/upgrades-core (the engine of OpenZeppelin's
 * Hardhat and Foundry upgrade plugins), on a forge build with build info and storage layouts.
 *
 * upgrades-core's `validate` CLI does not compile the "namespaced" variant of the sources that it needs to see
 * inside ERC-7201 structs (solc only lays out structs that are state variables), so on our registries, whose
 * whole state is namespaced, the CLI would compare nothing. This script does what the Hardhat plugin does:
 * `makeNamespacedInput` from upgrades-core, compiled with the same pinned solc-js, passed to `validate`.
 *
 *  1. every registry in contracts/src is upgrade-safe for UUPS (initializers, constructors, no selfdestruct or
 *     delegatecall, well-formed namespaces);
 *  2. each V2 in contracts/test/upgrades is storage-compatible with its V1, inside the namespaces too;
 *     (upgrades-core finds a contract's layout by its bytecode, so two fixtures must never compile to the same
 *     bytecode, or one would be checked in place of the other);
 *  3. negative control: LayoutProbeV2Broken (two fields of a namespace swapped) MUST be reported incompatible,
 *     otherwise the check proves nothing and this script fails.
 *
 * Usage: npm run check:storage
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  getContractVersion,
  getErrors,
  getStorageLayout,
  getStorageUpgradeReport,
  makeNamespacedInput,
  solcInputOutputDecoder,
  validate,
  withValidationDefaults,
  type RunValidation,
  type SolcInput,
} from '@openzeppelin/upgrades-core';

const require = createRequire(import.meta.url);
const solc = require('solc') as { compile(input: string): string; version(): string };

const root = path.resolve(import.meta.dirname, '..', '..');
const buildDir = path.join(root, 'contracts', 'cache', 'storage-check');

/** Every upgradeable registry in contracts/src: a file `X.sol` declaring `contract X is ... UUPSUpgradeable`. */
const REGISTRIES = readdirSync(path.join(root, 'contracts', 'src'))
  .filter((file) => file.endsWith('.sol'))
  .map((file) => file.slice(0, -'.sol'.length))
  .filter((name) =>
    new RegExp(`contract\\s+${name}\\s+is[^{]*\\b(UUPSUpgradeable|GovernedUpgradeable)\\b`).test(
      readFileSync(path.join(root, 'contracts', 'src', `${name}.sol`), 'utf8'),
    ),
  )
  .map((name) => `contracts/src/${name}.sol:${name}`);
// A registry pattern that matches nothing would pass the check with nothing checked.
if (REGISTRIES.length === 0) throw new Error('No UUPS registry found in contracts/src: update the pattern above.');
const UPGRADES: [string, string][] = [
  ['contracts/src/CarBook.sol:CarBook', 'contracts/test/upgrades/CarBookV2.sol:CarBookV2'],
  // The registries as deployed before the read indexes (copies in test/upgrades/v1) → today's: the index upgrade.
  ['contracts/test/upgrades/v1/CarBookV1.sol:CarBookV1', 'contracts/src/CarBook.sol:CarBook'],
  ['contracts/test/upgrades/v1/KeyRegistryV1.sol:KeyRegistryV1', 'contracts/src/KeyRegistry.sol:KeyRegistry'],
  ['contracts/test/upgrades/v1/InsuranceV1.sol:InsuranceV1', 'contracts/src/Insurance.sol:Insurance'],
  ['contracts/test/upgrades/v1/ConsortiumV1.sol:ConsortiumV1', 'contracts/src/Consortium.sol:Consortium'],
  // CarBook as deployed before the reading chain (copy in test/upgrades/prechain) → today's: the reading-chain
  // upgrade appended `readingCursors` and `readingCheckpoints` to the namespace.
  ['contracts/test/upgrades/prechain/CarBookPreChain.sol:CarBookPreChain', 'contracts/src/CarBook.sol:CarBook'],
];
const MUST_FAIL: [string, string] = [
  'contracts/test/upgrades/LayoutProbe.sol:LayoutProbeV1',
  'contracts/test/upgrades/LayoutProbeV2Broken.sol:LayoutProbeV2Broken',
];

function build(): void {
  rmSync(buildDir, { recursive: true, force: true });
  // contracts/tools/forge.mjs, not node_modules/.bin/forge: the npm launcher does not pass forge's exit status on.
  const forge = path.join(root, 'contracts', 'tools', 'forge.mjs');
  const args = [
    'build',
    '--build-info',
    '--extra-output',
    'storageLayout',
    '--out',
    path.join(buildDir, 'out'),
    '--cache-path',
    path.join(buildDir, 'cache'),
  ];
  const result = spawnSync(process.execPath, [forge, ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`forge build failed:\n${result.stdout}${result.stderr}`);
}

/** One validation run per forge build-info file (forge may split the build into several compiler runs). */
function validations(): RunValidation {
  const dir = path.join(buildDir, 'out', 'build-info');
  const merged: RunValidation = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const { input, output, solcVersion } = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    // forge records its own keys (allowPaths, basePath, includePaths) in the input; standard JSON has no such keys.
    const { language, sources, settings } = input;
    const standardInput = { language, sources, settings } as SolcInput;
    const namespacedInput = makeNamespacedInput(standardInput, output, solcVersion);
    const namespacedOutput = JSON.parse(solc.compile(JSON.stringify(namespacedInput)));
    const errors = (namespacedOutput.errors ?? []).filter((e: { severity: string }) => e.severity === 'error');
    if (errors.length > 0) throw new Error(`namespaced compilation failed: ${errors[0].formattedMessage}`);
    Object.assign(
      merged,
      validate(output, solcInputOutputDecoder(input, output), solcVersion, input, namespacedOutput),
    );
  }
  return merged;
}

function compare(run: RunValidation, from: string, to: string) {
  const original = getStorageLayout(run, getContractVersion(run, from));
  const updated = getStorageUpgradeReport(
    original,
    getStorageLayout(run, getContractVersion(run, to)),
    withValidationDefaults({}),
  );
  return { ok: updated.ok, explain: updated.explain(), namespaces: Object.keys(original.namespaces ?? {}) };
}

console.log(`Building with build info and storage layouts in ${path.relative(root, buildDir)} …`);
build();
if (solc.version().split('+')[0] !== '0.8.30') throw new Error(`solc-js ${solc.version()} is not the project's 0.8.30`);
const run = validations();
let failed = false;

for (const name of REGISTRIES) {
  const errors = getErrors(run, getContractVersion(run, name), { kind: 'uups' });
  const namespaces = Object.keys(getStorageLayout(run, getContractVersion(run, name)).namespaces ?? {});
  console.log(
    `${errors.length === 0 ? 'ok  ' : 'FAIL'} upgrade-safe (uups)  ${name}  namespaces: ${namespaces.join(', ') || 'none'}`,
  );
  for (const error of errors) console.error(`     ${error.kind} at ${error.src}`);
  if (errors.length > 0 || namespaces.length === 0) failed = true;
}
for (const [from, to] of UPGRADES) {
  const errors = getErrors(run, getContractVersion(run, to), { kind: 'uups' });
  const report = compare(run, from, to);
  const ok = report.ok && errors.length === 0;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} layout-compatible    ${to} <- ${from}  (${report.namespaces.length} namespaces compared)`,
  );
  if (!report.ok) console.error(report.explain);
  for (const error of errors) console.error(`     ${error.kind} at ${error.src}`);
  if (!ok) failed = true;
}
const probe = compare(run, ...MUST_FAIL);
console.log(`${!probe.ok ? 'ok  ' : 'FAIL'} negative control     ${MUST_FAIL[1]} is rejected`);
if (probe.ok) failed = true;
else
  console.log(
    probe.explain
      .split('\n')
      .map((line) => `       ${line}`)
      .join('\n'),
  );
process.exit(failed ? 1 : 0);
