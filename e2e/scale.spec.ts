import { test, expect, type Page } from '@playwright/test';
import { demoAccounts } from '../lib/dev/stack/accounts';
import { startLocalStack, type LocalStack } from '../lib/dev/stack/stack';
import { DEMO_VEHICLES } from '../lib/dev/stack/seed';
import { openWalletPage } from './fixtures/test';
import { installHeadlessWallet } from './fixtures/headless-wallet';
import { E2E_PORTS } from './fixtures/stack-info';

/**
 * Reads on an old chain: a stack of its own whose anvil mined AGE empty blocks before the deployment, so the
 * registries' whole history sits at the end of a long chain. The pre-index code scanned from the deployment block
 * in 5,000-block windows: at this age a buyer's lookup cost 2 × AGE / 5,000 = 400 eth_getLogs calls and the garage
 * over 1,600. With the read indexes a page asks for exactly the blocks its books list, one block each.
 */
const AGE = 1_000_000;
/** Ports of this spec's own stack: beside the shared one's (same offset). */
const PORTS = {
  app: E2E_PORTS.app + 37,
  proxy: E2E_PORTS.proxy + 37,
  anvil: E2E_PORTS.anvil + 37,
  ipfs: E2E_PORTS.ipfs + 37,
};

type Filter = { fromBlock?: string; toBlock?: string; blockHash?: string };

/** Every eth_getLogs filter the page sent to the proxy (JSON-RPC bodies, batches included). */
function recordGetLogs(page: Page, proxyUrl: string): Filter[] {
  const filters: Filter[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(proxyUrl) || request.method() !== 'POST') return;
    const body = request.postDataJSON() as
      { method: string; params: unknown[] } | { method: string; params: unknown[] }[];
    for (const entry of Array.isArray(body) ? body : [body])
      if (entry.method === 'eth_getLogs') filters.push(entry.params[0] as Filter);
  });
  return filters;
}

const singleBlock = (f: Filter) =>
  f.blockHash !== undefined || (f.fromBlock !== undefined && f.fromBlock === f.toBlock);

test.describe('reads on a chain aged by a million blocks', () => {
  let stack: LocalStack;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    const started = Date.now();
    stack = await startLocalStack({ ports: PORTS, appDir: 'out', ageBlocks: AGE });
    console.log(
      `aged stack (${AGE} blocks before the deployment) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  test("the buyer's lookup fetches only the book's blocks", async ({ page }) => {
    const filters = recordGetLogs(page, stack.urls.proxy);
    const vehicle = DEMO_VEHICLES[0];
    await page.goto(`${stack.urls.app}/verify?vin=${vehicle.vin}`);
    await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('verdict').locator('[data-kind="integrity"]')).toHaveCount(0);
    // Creation and three records, each in its own block: four single-block eth_getLogs, nothing else.
    expect(filters.every(singleBlock)).toBe(true);
    expect(filters).toHaveLength(1 + vehicle.records.length);
  });

  test('the garage fetches only its books’ blocks', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await installHeadlessWallet(page, {
      privateKey: demoAccounts().alice.privateKey,
      rpcUrl: stack.runtimeConfig.rpcUrl,
      chainId: stack.runtimeConfig.chainId,
    });
    const filters = recordGetLogs(page, stack.urls.proxy);
    await openWalletPage(page, `${stack.urls.app}/garage`);
    // Alice's four cars: the newest open with its verified history, the others as rows (a summary each).
    await expect(page.getByTestId('owned-book').or(page.getByTestId('garage-row'))).toHaveCount(4);
    const verdict = page.getByTestId('owned-book').getByTestId('verdict');
    await expect(verdict).toBeVisible({ timeout: 60_000 });
    await expect(verdict.locator('[data-kind="integrity"]')).toHaveCount(0);
    await expect(page.getByTestId('garage-row').filter({ hasText: ' km · ' })).toHaveCount(3, { timeout: 60_000 });
    // The open book's blocks of events (CarBook and key registry) and each row's creation block: the page asks
    // each at most a few times (a re-read after a query refresh), never a range.
    expect(filters.every(singleBlock)).toBe(true);
    expect(filters.length).toBeGreaterThan(0);
    expect(filters.length).toBeLessThanOrEqual(60);
    console.log(`garage: ${filters.length} single-block eth_getLogs`);
    await context.close();
  });
});
