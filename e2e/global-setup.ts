import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startLocalStack } from '../lib/dev/stack/stack';
import { E2E_PORTS, STACK_INFO_FILE } from './fixtures/stack-info';

/**
 * Starts the same local consortium as `npm start` (anvil, deployed and seeded registries, IPFS node, RPC
 * proxy, static build) on test ports. Tests talk to the chain only through the proxy, like the product.
 */
export default async function globalSetup() {
  // CARBOOK_E2E_APP_DIR: another static export to test (e.g. an earlier build, for before/after screenshots).
  const stack = await startLocalStack({ ports: E2E_PORTS, appDir: process.env.CARBOOK_E2E_APP_DIR ?? 'out' });
  mkdirSync(path.dirname(STACK_INFO_FILE), { recursive: true });
  writeFileSync(
    STACK_INFO_FILE,
    JSON.stringify(
      { urls: stack.urls, runtimeConfig: stack.runtimeConfig, seeded: stack.seeded.map((s) => s.vin) },
      null,
      2,
    ),
  );
  return async () => {
    await stack.stop();
  };
}
