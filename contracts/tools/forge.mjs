#!/usr/bin/env node
// forge, exiting with forge's status. The npm package's launcher (@foundry-rs/forge 1.7.1, bin.mjs) spawns the
// platform binary but never passes its exit code on: `forge test` with failing tests exits 0, so a script like
// `forge test && next-step` would go on and CI would stay green. This runs the same binary (from the same
// optional dependency) and exits with its status. Used by package.json's scripts.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const ARCH = { x64: 'amd64', arm64: 'arm64' };
const require = createRequire(import.meta.url);
const pkg = `@foundry-rs/forge-${process.platform}-${ARCH[process.arch] ?? process.arch}`;
let binary;
try {
  binary = path.join(
    path.dirname(require.resolve(`${pkg}/package.json`)),
    'bin',
    process.platform === 'win32' ? 'forge.exe' : 'forge',
  );
} catch {
  console.error(`forge is not installed for this platform (${pkg}): run npm ci.`);
  process.exit(1);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) {
  console.error(`forge could not start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
