import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));
const nodeBuiltins = new Set(builtinModules);

/**
 * Code the dApp bundles runs in a browser: it may not import a Node built-in, nor the development tooling
 * (lib/dev) or the proxy server (lib/server). Checked on every form of import (static, re-export, dynamic
 * `import()`, `require`) and on the resolved path, so `../../dev/x` and `@/lib/dev/x` are the same finding.
 * lib/dev/testing/lint-gates.test.ts proves this rule fails.
 */
const browserBoundary = {
  meta: {
    type: 'problem',
    docs: { description: 'Browser modules import no Node built-in and nothing from lib/dev or lib/server.' },
    messages: {
      nodeBuiltin: "'{{source}}' is a Node built-in: browser code (app/, lib/browser/) cannot import it.",
      nodeOnly: "'{{source}}' is Node-only code ({{folder}}): browser code (app/, lib/browser/) cannot import it.",
    },
    schema: [],
  },
  create(context) {
    const fileDir = path.dirname(context.filename);
    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const source = node.value;
      if (source.startsWith('node:') || nodeBuiltins.has(source) || nodeBuiltins.has(source.split('/')[0])) {
        context.report({ node, messageId: 'nodeBuiltin', data: { source } });
        return;
      }
      let resolved;
      if (source.startsWith('@/')) resolved = path.join(root, source.slice(2));
      else if (source.startsWith('.')) resolved = path.resolve(fileDir, source);
      else return;
      const relative = path.relative(root, resolved).split(path.sep).join('/');
      const folder = ['lib/dev', 'lib/server'].find((f) => relative === f || relative.startsWith(`${f}/`));
      if (folder) context.report({ node, messageId: 'nodeOnly', data: { source, folder } });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

export default defineConfig(
  globalIgnores([
    '.next/',
    'out/',
    'node_modules/',
    'next-env.d.ts',
    'test-results/',
    'playwright-report/',
    '.carbook/',
    'lib/browser/contracts/generated.ts',
    // contracts/ is Solidity (forge fmt, solhint); only its TypeScript scripts are linted here.
    'contracts/*',
    '!contracts/script/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // React event handlers may be async: their promise is deliberately not awaited by React.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // A CID prints as its canonical string form.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allowBoolean: true,
          allowNullish: true,
          allow: [
            { from: 'lib', name: ['Error', 'URL', 'URLSearchParams'] },
            { from: 'package', name: 'CID', package: 'multiformats' },
          ],
        },
      ],
      // Fastify handlers, hooks and blockstore methods are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Tests, the browser tests' fixtures and scripts read untyped JSON (vectors, RPC replies, build artifacts):
    // the `any` they handle is checked by assertions or schemas, not by the type checker.
    files: ['**/*.test.ts', 'e2e/**', 'contracts/script/**', 'lib/dev/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // React components and hooks that live in lib/browser (the language provider).
    files: ['lib/browser/**/*.tsx', 'lib/browser/i18n/*.ts', 'lib/browser/errors/useHumanize.ts'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    extends: [
      reactHooks.configs.flat.recommended,
      nextPlugin.configs.recommended,
      nextPlugin.configs['core-web-vitals'],
    ],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@/lib/[^/]+/[^/]+/.',
              message: "Import a lib folder through its public entry ('@/lib/browser/<folder>'), not a file inside it.",
            },
            {
              regex: '^(\\.\\./)+lib(/|$)',
              message: "Import lib through its public entry ('@/lib/browser/<folder>'), not a relative path.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**', 'lib/browser/**'],
    // Tests beside browser modules run in Node (vitest) and start local chains and IPFS nodes.
    ignores: ['**/*.test.ts'],
    plugins: { carbook: { rules: { 'browser-boundary': browserBoundary } } },
    rules: { 'carbook/browser-boundary': 'error' },
  },
);
