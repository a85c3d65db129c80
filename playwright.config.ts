import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { E2E_PORTS } from './e2e/fixtures/stack-info';

/** Debian's Chromium where installed (CI, this team's machines); Playwright's own browser elsewhere. */
const systemChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // The sharding spec needs the two-chain stack: `npm run test:e2e` runs it second, with CARBOOK_E2E_SHARDS=2.
  testIgnore: process.env.CARBOOK_E2E_SHARDS === '2' ? [] : ['**/shards.spec.ts'],
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORTS.app}`,
    // The pages format figures and dates in the reader's locale (lib/browser/format): the assertions are en-US.
    locale: 'en-US',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
