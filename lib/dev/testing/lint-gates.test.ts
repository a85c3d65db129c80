import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The lint gates run the repository's own eslint.config.mjs on snippets with virtual file names, so a config
// change that silently stops enforcing the browser boundary or the public entries fails here.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const FIXTURES = [
  'lib/browser/history/lint-fixture.ts',
  'lib/dev/stack/lint-fixture.ts',
  'app/verify/_components/Fixture.tsx',
];

let eslint: ESLint;
beforeAll(() => {
  // The fixtures exist only in memory, so TypeScript's project service cannot type them: type-aware rules are
  // switched off for them alone. Every other rule, the ones under test included, comes from eslint.config.mjs.
  eslint = new ESLint({ cwd: root, overrideConfig: { ...tseslint.configs.disableTypeChecked, files: FIXTURES } });
});

async function rulesHit(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`ESLint could not parse the fixture: ${fatal[0].message}`);
  return result.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

const BOUNDARY = 'carbook/browser-boundary';

describe('browser boundary (app/, lib/browser/)', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'is a Node built-in'],
    ["import path from 'path';", 'is a Node built-in'],
    ["import { randomBytes } from 'crypto';", 'is a Node built-in'],
    ["import { spawn } from 'child_process';", 'is a Node built-in'],
    ["import { readFile } from 'fs/promises';", 'is a Node built-in'],
    ["export { startAnvil } from '../../dev/stack/anvil';", 'Node-only code (lib/dev)'],
    ["import { startAnvil } from '@/lib/dev/stack/anvil';", 'Node-only code (lib/dev)'],
    ["import { loadProxyConfig } from '../../server/proxy/config';", 'Node-only code (lib/server)'],
    ["export async function f() { return import('node:os'); }", 'is a Node built-in'],
  ])('refuses %s in lib/browser', async (code, expected) => {
    const hits = await rulesHit(`${code}\n`, 'lib/browser/history/lint-fixture.ts');
    expect(hits.filter((h) => h.startsWith(BOUNDARY)).join('\n')).toContain(expected);
  });

  it('refuses a Node built-in in an app component', async () => {
    const hits = await rulesHit("import { createHash } from 'node:crypto';\n", 'app/verify/_components/Fixture.tsx');
    expect(hits.filter((h) => h.startsWith(BOUNDARY))).toHaveLength(1);
  });

  it('accepts browser-safe imports and lets Node code use Node', async () => {
    const browser = await rulesHit(
      "import { toHex } from 'viem';\nimport { CryptoError } from '../crypto';\n",
      'lib/browser/history/lint-fixture.ts',
    );
    expect(browser.filter((h) => h.startsWith(BOUNDARY))).toEqual([]);
    const node = await rulesHit("import { readFileSync } from 'node:fs';\n", 'lib/dev/stack/lint-fixture.ts');
    expect(node.filter((h) => h.startsWith(BOUNDARY))).toEqual([]);
  });
});

describe('public entries (app/ imports lib folders only through index.ts)', () => {
  it.each([
    "import { readBookHistory } from '@/lib/browser/history/read';",
    "import { withRandom } from '@/lib/browser/crypto/testing';",
    "import { readBookHistory } from '../../lib/browser/history';",
  ])('refuses %s in app/', async (code) => {
    const hits = await rulesHit(`${code}\n`, 'app/verify/_components/Fixture.tsx');
    expect(hits.some((h) => h.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('accepts the entry itself', async () => {
    const hits = await rulesHit(
      "import { readBookHistory } from '@/lib/browser/history';\n",
      'app/verify/_components/Fixture.tsx',
    );
    expect(hits.filter((h) => h.startsWith('no-restricted-imports'))).toEqual([]);
  });
});
