import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideBuild, readBuildCache, recordBuild, type BuildStep } from './build-cache';
import { STACK_BUILDS } from './builds';

const step: BuildStep = {
  name: 'site',
  inputs: ['src', 'config.json'],
  outputs: ['dist/index.html'],
  ignore: (file) => file.endsWith('.test.ts'),
};

let root: string;
let cacheFile: string;
const write = (relative: string, content: string) => {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), content);
};
/** What a build does: writes its output, then the cache records it against the inputs it read. */
const build = (output = '<p>built</p>') => {
  const { inputs } = decideBuild(root, step, readBuildCache(cacheFile));
  write('dist/index.html', output);
  recordBuild(root, cacheFile, step, inputs);
};
const decide = () => decideBuild(root, step, readBuildCache(cacheFile));

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'carbook-build-cache-'));
  cacheFile = path.join(root, '.carbook', 'build-cache.json');
  write('src/page.ts', 'export const page = 1;');
  write('src/nested/part.ts', 'export const part = 2;');
  write('src/page.test.ts', 'test');
  write('config.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the build cache decision', () => {
  it('builds when nothing was recorded in this checkout', () => {
    expect(decide()).toMatchObject({ rebuild: true, reason: 'no earlier build recorded in this checkout' });
  });

  it('skips the build when the inputs and the output are those of the last build', () => {
    build();
    expect(decide()).toMatchObject({ rebuild: false });
  });

  it('rebuilds when an input file changes, and skips again once the content is back', () => {
    build();
    write('src/nested/part.ts', 'export const part = 3;');
    expect(decide()).toMatchObject({ rebuild: true, reason: 'its inputs changed since the last build' });
    write('src/nested/part.ts', 'export const part = 2;');
    expect(decide()).toMatchObject({ rebuild: false });
  });

  it('rebuilds when an input file appears, disappears or is renamed', () => {
    build();
    write('src/extra.ts', 'export {};');
    expect(decide().rebuild).toBe(true);
    build();
    rmSync(path.join(root, 'config.json'));
    expect(decide().rebuild).toBe(true);
    build();
    rmSync(path.join(root, 'src/page.ts'));
    write('src/renamed.ts', 'export const page = 1;');
    expect(decide().rebuild).toBe(true);
  });

  it('judges by content, not by timestamps', () => {
    build();
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(path.join(root, 'src/page.ts'), later, later);
    expect(decide()).toMatchObject({ rebuild: false });
  });

  it('ignores the files the step declares irrelevant', () => {
    build();
    write('src/page.test.ts', 'another test');
    expect(decide()).toMatchObject({ rebuild: false });
  });

  it('rebuilds when the output is missing', () => {
    build();
    rmSync(path.join(root, 'dist'), { recursive: true });
    expect(decide()).toMatchObject({ rebuild: true, reason: 'its output dist/index.html is missing' });
  });

  it('rebuilds when the output was replaced since the recorded build', () => {
    build();
    write('dist/index.html', '<p>built by hand from other sources</p>');
    expect(decide()).toMatchObject({ rebuild: true, reason: 'its output was rebuilt or edited outside this cache' });
  });

  it('rebuilds everything when the cache file is unreadable', () => {
    build();
    writeFileSync(cacheFile, '{ not json');
    expect(decide().rebuild).toBe(true);
  });

  it('keeps the other steps recorded when one is recorded', () => {
    build();
    const other: BuildStep = { name: 'other', inputs: ['config.json'], outputs: ['dist/index.html'] };
    recordBuild(root, cacheFile, other, decideBuild(root, other, readBuildCache(cacheFile)).inputs);
    expect(Object.keys(readBuildCache(cacheFile).steps).sort()).toEqual(['other', 'site']);
    expect(decide()).toMatchObject({ rebuild: false });
  });
});

describe("npm start's builds", () => {
  const [contracts, app] = STACK_BUILDS;
  const covers = (inputs: readonly string[], file: string) =>
    inputs.some((input) => file === input || file.startsWith(`${input}/`));

  it('rebuild the dApp when the generated contract bindings change', () => {
    expect(contracts.outputs).toContain('lib/browser/contracts/generated.ts');
    expect(covers(app.inputs, 'lib/browser/contracts/generated.ts')).toBe(true);
    expect(app.ignore?.('lib/browser/contracts/generated.ts')).toBe(false);
  });

  it('read the sources, the compiler shim, the configuration and the lockfile', () => {
    for (const file of ['contracts/src/CarBook.sol', 'contracts/tools/solc', 'foundry.toml', 'package-lock.json']) {
      expect(covers(contracts.inputs, file), file).toBe(true);
    }
    for (const file of [
      'app/layout.tsx',
      'lib/browser/vin/vin.ts',
      'public/icon.svg',
      'next.config.js',
      'tsconfig.json',
    ]) {
      expect(covers(app.inputs, file), file).toBe(true);
    }
    expect(app.ignore?.('lib/browser/vin/vin.test.ts')).toBe(true);
  });
});
