/**
 * `CARBOOK_SHARDS=2 npm start`'s stack (issue 14 item 3): two anvils with their own chain ids and proxies, the same
 * consortium deployed on both with each chain's shard rule, the demo cars seeded each on its shard, and config.json
 * listing both chains.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, keccak256, toHex, type PublicClient } from 'viem';
import { carBookAbi, consortiumAbi } from '../../browser/contracts/generated';
import { parseRuntimeConfig } from '../../browser/config/runtime';
import { shardForBook } from '../../browser/chain/shards';
import { demoAccounts } from './accounts';
import { DEMO_WMI_HEX, localChain } from './deploy';
import { startLocalStack, type LocalStack } from './stack';
import { postBuild } from './csp';

let stack: LocalStack;
let appDir: string;
let clients: PublicClient[];

beforeAll(async () => {
  appDir = mkdtempSync(path.join(os.tmpdir(), 'carbook-shards-app-'));
  writeFileSync(path.join(appDir, 'index.html'), '<!doctype html><title>CarBook</title>');
  postBuild(appDir); // the build's CSP manifest, which the static server needs
  const base = 20_000 + Math.floor(Math.random() * 15_000);
  stack = await startLocalStack({
    appDir,
    shards: 2,
    ports: { anvil: base, proxy: base + 2, ipfs: base + 4, app: base + 6 },
  });
  clients = stack.shards.map((shard) =>
    createPublicClient({
      chain: localChain(shard.deployment.chainId, shard.urls.anvil),
      transport: http(shard.urls.anvil),
    }),
  );
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(appDir, { recursive: true, force: true });
});

describe('the local stack with CARBOOK_SHARDS=2', () => {
  it('serves a config.json that lists both chains, each behind its own proxy', async () => {
    const served = parseRuntimeConfig(await (await fetch(`${stack.urls.app}/config.json`)).json());
    expect(served.shards.map((s) => s.chainId)).toEqual([31337, 31338]);
    expect(new Set(served.shards.map((s) => s.rpcUrl)).size).toBe(2);
    expect(served.shards.map((s) => s.rpcUrl)).toEqual(stack.shards.map((s) => s.urls.proxy));
    // Each proxy answers for its own chain.
    for (const [index, shard] of served.shards.entries()) {
      const response = await fetch(shard.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      expect(((await response.json()) as { result: string }).result).toBe(toHex(31337 + index));
    }
  });

  it("deploys the same consortium on both chains, each CarBook with its own shard's rule", async () => {
    for (const [index, shard] of stack.shards.entries()) {
      const rule = await clients[index].readContract({
        address: shard.deployment.carBook,
        abi: carBookAbi,
        functionName: 'shardRule',
      });
      expect(rule).toEqual([BigInt(index), 2n]);
    }
    const membership = await Promise.all(
      stack.shards.map((shard, index) =>
        Promise.all(
          (['makerAdmin', 'dealer', 'insurerAdmin', 'officialWorkshop', 'expert'] as const).map((role) =>
            clients[index].readContract({
              address: shard.deployment.consortium,
              abi: consortiumAbi,
              functionName: 'membershipOf',
              args: [demoAccounts()[role].address],
            }),
          ),
        ),
      ),
    );
    expect(membership[1]).toEqual(membership[0]);
  });

  it('seeds every demo car on its shard, by the rule, and on both shards', async () => {
    expect(new Set(stack.seeded.map((car) => car.shard))).toEqual(new Set([0, 1]));
    for (const car of stack.seeded) {
      expect(Number(car.tokenId % 2n)).toBe(car.shard);
      expect(shardForBook(stack.runtimeConfig, car.tokenId).chainId).toBe(31337 + car.shard);
      const [mine, other] = [car.shard, 1 - car.shard].map((index) =>
        clients[index].readContract({
          address: stack.shards[index].deployment.carBook,
          abi: carBookAbi,
          functionName: 'book',
          args: [car.tokenId],
        }),
      );
      expect(Number((await mine).createdAt)).toBeGreaterThan(0);
      expect(Number((await other).createdAt)).toBe(0);
    }
  });

  it("refuses on chain a book created on the other shard's chain", async () => {
    const digest = (i: number) => keccak256(toHex(`a car of shard 2 ${i}`));
    let i = 0;
    const idOf = (d: `0x${string}`) => BigInt(keccak256(`0x${DEMO_WMI_HEX.slice(2)}${d.slice(2)}` as `0x${string}`));
    while (idOf(digest(i)) % 2n !== 1n) i++;
    const dealer = demoAccounts().dealer.address;
    await expect(
      clients[0].simulateContract({
        account: dealer,
        address: stack.shards[0].deployment.carBook,
        abi: carBookAbi,
        functionName: 'createCarBook',
        args: [DEMO_WMI_HEX, digest(i), dealer, '0x0000000000000000000000000000000000000000', ''],
      }),
    ).rejects.toThrow(/CarBookWrongShard/);
    const accepted = await clients[1].simulateContract({
      account: dealer,
      address: stack.shards[1].deployment.carBook,
      abi: carBookAbi,
      functionName: 'createCarBook',
      args: [DEMO_WMI_HEX, digest(i), dealer, '0x0000000000000000000000000000000000000000', ''],
    });
    expect(accepted.result).toBe(idOf(digest(i)));
  });
});
