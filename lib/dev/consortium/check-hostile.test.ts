/**
 * Adversarial review: `consortium:check` is how an operator checks a config.json before publishing it (in the dApp's
 * CID). The dApp routes a book to `shards[bookId % K]` and a wallet's writes to that entry's chain id, so the check
 * must fail a file that lists the chains out of their shard order, or names a chain id its RPC URL does not serve:
 * with either, every chain "agrees" with the others and yet buyers are sent to the wrong chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig, type RuntimeConfig } from '../../browser/config/runtime';
import { startAnvil, type AnvilHandle } from '../stack/anvil';
import { deployLocalConsortium, type Deployment } from '../stack/deploy';
import { checkConsortium } from './check';

let anvils: AnvilHandle[] = [];
let deployments: Deployment[] = [];

beforeAll(async () => {
  for (const index of [0, 1]) {
    const anvil = await startAnvil({ port: 0, chainId: 31337 + index, silent: true });
    anvils.push(anvil);
    deployments.push(await deployLocalConsortium(anvil.url, 31337 + index, { index, count: 2 }));
  }
}, 240_000);

afterAll(async () => {
  for (const anvil of anvils) await anvil.stop();
  anvils = [];
  deployments = [];
});

function configOf(entries: { deployment: Deployment; anvil: AnvilHandle; chainId?: number }[]): RuntimeConfig {
  return parseRuntimeConfig({
    shards: entries.map(({ deployment, anvil, chainId }, index) => ({
      chainId: chainId ?? deployment.chainId,
      chainName: `CarBook shard ${index + 1}`,
      rpcUrl: anvil.url,
      contracts: {
        consortium: deployment.consortium,
        carBook: deployment.carBook,
        insurance: deployment.insurance,
        documentAnchor: deployment.documentAnchor,
      },
      deploymentBlock: deployment.deploymentBlock,
    })),
  });
}

describe('consortium:check on a hostile or mistaken config.json', () => {
  it('agrees on the chains listed in their shard order', async () => {
    const result = await checkConsortium(
      configOf([0, 1].map((i) => ({ deployment: deployments[i], anvil: anvils[i] }))),
    );
    expect(result.lines.join('\n')).toContain('agree');
    expect(result.ok).toBe(true);
  });

  it('fails chains listed out of their shard order (the dApp would route every book to the wrong chain)', async () => {
    const result = await checkConsortium(
      configOf([1, 0].map((i) => ({ deployment: deployments[i], anvil: anvils[i] }))),
    );
    expect(result.ok).toBe(false);
    expect(result.divergences.map((d) => d.kind)).toEqual(['shardIndex']);
    expect(result.lines.join('\n')).toContain('in the order the configuration lists them');
  });

  it('fails a chain id that its RPC URL does not serve (a wallet would write to another chain)', async () => {
    const swapped = configOf([
      { deployment: deployments[0], anvil: anvils[0], chainId: 31338 },
      { deployment: deployments[1], anvil: anvils[1], chainId: 31337 },
    ]);
    await expect(checkConsortium(swapped)).rejects.toThrow(
      `Chain 31338 (${anvils[0].url}) serves chain 31337, not the chain the configuration names`,
    );
  });
});
