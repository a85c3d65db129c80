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
  // CARBOOK_E2E_SHARDS=2: the stack runs two chains (shard 2's anvil and proxy 50 ports above shard 1's), for the
  // sharding spec; the other specs run on one chain and pay nothing for it.
  const shards = Number(process.env.CARBOOK_E2E_SHARDS ?? 1);
  const stack = await startLocalStack({
    ports: E2E_PORTS,
    appDir: process.env.CARBOOK_E2E_APP_DIR ?? 'out',
    shards,
  });
  mkdirSync(path.dirname(STACK_INFO_FILE), { recursive: true });
  writeFileSync(
    STACK_INFO_FILE,
    JSON.stringify(
      {
        urls: stack.urls,
        runtimeConfig: stack.runtimeConfig,
        seeded: stack.seeded.map((s) => s.vin),
        shards: stack.shards.map((shard) => ({
          urls: shard.urls,
          chainId: shard.deployment.chainId,
          seeded: shard.seeded.map((s) => s.vin),
        })),
      },
      null,
      2,
    ),
  );
  return async () => {
    await stack.stop();
  };
}
