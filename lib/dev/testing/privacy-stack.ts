/**
 * A local consortium for the privacy tests and the bench (Node only): anvil on a random port, the registries
 * deployed (and the demo vehicles seeded, cheap scrypt), the key registry, the real RPC whitelist proxy in
 * front of anvil, and optionally a development IPFS node in a temporary folder. Every client talks to the
 * proxy; only time travel (evm_increaseTime, which the proxy refuses by design) goes to anvil directly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, createWalletClient, http, type PublicClient, type WalletClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startAnvil, type AnvilHandle } from '../stack/anvil';
import { demoAccounts, type DemoRole } from '../stack/accounts';
import { deployLocalConsortium, localChain, registryAddresses, type Deployment } from '../stack/deploy';
import { deployKeyRegistry } from '../stack/deploy-privacy';
import { seedDemoVehicles } from '../stack/seed';
import { startProxy } from '../../server/proxy/server';
import { proxyConfigFromDeployment } from '../../server/proxy/config';
import { startDevIpfsNode, type DevIpfsNode } from '../ipfs-node/dev-node';
import { createIpfsClient, type IpfsClient } from '../../browser/ipfs';
import type { PrivacyConfig } from '../../browser/privacy/chain';

export const TEST_VIN_PARAMS = { salt: '0x01020304', N: 1024, r: 8, p: 1 } as const;

export type PrivacyStack = {
  anvil: AnvilHandle;
  deployment: Deployment;
  proxyUrl: string;
  config: PrivacyConfig;
  ipfs?: { node: DevIpfsNode; client: IpfsClient };
  /** The demo vehicles' books, in seeding order (lib/dev/stack/seed DEMO_VEHICLES); empty with `seed: false`. */
  seeded: { vin: string; tokenId: bigint }[];
  publicClient: PublicClient;
  wallet(role: DemoRole): WalletClient;
  /** Moves anvil's clock (directly: the proxy refuses evm_* by design) and mines a block. */
  increaseTime(seconds: number): Promise<void>;
  stop(): Promise<void>;
};

export async function startPrivacyStack(options: { seed?: boolean; ipfs?: boolean } = {}): Promise<PrivacyStack> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const anvil = await startAnvil({ port: 20_000 + Math.floor(Math.random() * 20_000) });
    stops.push(anvil.stop);
    const deployment = await deployLocalConsortium(anvil.url, 31337);
    const seeded = options.seed !== false ? await seedDemoVehicles(anvil.url, deployment, TEST_VIN_PARAMS) : [];
    const keyRegistry = await deployKeyRegistry(anvil.url, 31337, deployment);
    const proxy = await startProxy(
      proxyConfigFromDeployment({
        chainId: 31337,
        upstreams: [anvil.url],
        allowedContracts: registryAddresses(deployment, keyRegistry),
        port: 0,
        // One test process plays every account from one IP: the production rate limits would throttle it.
        overrides: {
          limits: { perIp: { max: 1_000_000, windowMs: 60_000 }, perSender: { max: 0, windowMs: 60_000 } },
          log: { level: 'warn' },
        },
      }),
    );
    stops.push(() => proxy.close());
    let ipfs: PrivacyStack['ipfs'];
    if (options.ipfs) {
      const repoDir = mkdtempSync(path.join(os.tmpdir(), 'carbook-privacy-ipfs-'));
      const node = await startDevIpfsNode({ port: 0, repoDir });
      stops.push(async () => rmSync(repoDir, { recursive: true, force: true }));
      stops.push(() => node.close());
      ipfs = { node, client: createIpfsClient({ apiUrl: node.apiUrl }) };
    }
    const chain = localChain(31337, proxy.url);
    const publicClient = createPublicClient({ chain, transport: http(proxy.url), pollingInterval: 50 }) as PublicClient;
    const accounts = demoAccounts();
    const wallets = new Map<DemoRole, WalletClient>();
    return {
      anvil,
      deployment,
      proxyUrl: proxy.url,
      config: {
        chainId: 31337,
        contracts: {
          consortium: deployment.consortium,
          carBook: deployment.carBook,
          insurance: deployment.insurance,
          keyRegistry,
        },
      },
      ipfs,
      seeded,
      publicClient,
      wallet(role) {
        let w = wallets.get(role);
        if (!w) {
          w = createWalletClient({
            chain,
            transport: http(proxy.url),
            account: privateKeyToAccount(accounts[role].privateKey),
          });
          wallets.set(role, w);
        }
        return w;
      },
      async increaseTime(seconds) {
        for (const [method, params] of [
          ['evm_increaseTime', [seconds]],
          ['evm_mine', []],
        ] as const) {
          const response = await fetch(anvil.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
          });
          const body = (await response.json()) as { error?: { message: string } };
          if (body.error) throw new Error(`${method}: ${body.error.message}`);
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
