import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAnvil } from './anvil';
import { deployLocalConsortium, localChain, registryAddresses, type Deployment } from './deploy';
import { deployKeyRegistry } from './deploy-privacy';
import { seedDemoVehicles } from './seed';
import { startStaticServer } from './static-server';
import { createProxy } from '../../server/proxy/server';
import { proxyConfigFromDeployment } from '../../server/proxy/config';
import { startDevIpfsNode } from '../ipfs-node/dev-node';
import { readVinCommitmentParams } from '../../browser/chain/vin-params';
import { createPublicClient, http } from 'viem';
import {
  parseRuntimeConfig,
  type RuntimeConfig,
  type RuntimeConfigFile,
  type ShardConfig,
} from '../../browser/config/runtime';
import { DEFAULT_PORTS, SHARD_PORT_STRIDE, type StackPorts } from './ports';

const DEMO_GENESIS = Date.UTC(1999, 0, 1) / 1000;

const LOCAL_CHAIN_ID = 31337;

interface LocalShard {
  deployment: Deployment;
  seeded: { vin: string; tokenId: bigint; shard: number }[];
  urls: { anvil: string; proxy: string };
  config: ShardConfig;
}

export interface LocalStack {
  runtimeConfig: RuntimeConfig;
  /** The first shard's deployment (the only one without CARBOOK_SHARDS). */
  deployment: Deployment;
  /** Shard 0's anvil and proxy, the IPFS node and the dApp. */
  urls: { anvil: string; proxy: string; ipfsApi: string; ipfsGateway: string; app: string };
  /** The demo cars of every shard, with the shard each one landed on. */
  seeded: { vin: string; tokenId: bigint; shard: number }[];
  /** Every chain, in shard order. */
  shards: Omit<LocalShard, 'config'>[];
  stop(): Promise<void>;
}

export interface StackOptions {
  ports?: Partial<StackPorts>;
  host?: string;
  /** The static export to serve (`next build` output). */
  appDir?: string;
  seed?: boolean;
  ipfsRepoDir?: string;
  log?: (line: string) => void;
  /**
   * Mine this many empty blocks before deploying (scale tests: a chain as old as a real one). anvil then keeps no
   * past state (`--prune-history`), which makes aging fast; reads pinned to the head are unaffected.
   */
  ageBlocks?: number;
  /** How many chains (shards) to run, each with its anvil, registries and proxy (CARBOOK_SHARDS; default 1). */
  shards?: number;
  /** Let anvil write its own output (every RPC call, reverts) to this process's stdout; off by default. */
  anvilOutput?: boolean;
}

/**
 * The whole local consortium in one process tree: anvil (paris), the registries deployed and seeded, a
 * development IPFS node, the RPC whitelist proxy in front of anvil, and the static dApp with its
 * runtime configuration. Used by `npm start` and by the end-to-end tests, so both run the same product.
 */
export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const appDir = path.resolve(options.appDir ?? 'out');
  if (!existsSync(path.join(appDir, 'index.html'))) {
    throw new Error(`No static export in ${appDir}: run \`npm run build:app\` first`);
  }
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };

  try {
    const count = options.shards ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error(`A consortium runs at least one chain, not ${count}.`);
    // The dApp's origins: the static server, and the IPFS web gateway serving a published build (publish:ipfs).
    const appOrigins = [ports.app, ...(ports.ipfsGateway === undefined ? [] : [ports.ipfsGateway])].flatMap((port) => [
      `http://127.0.0.1:${port}`,
      `http://localhost:${port}`,
    ]);

    // Shard i: its own anvil and RPC proxy, SHARD_PORT_STRIDE × i above shard 0's ports, chain id 31337 + i.
    const startShard = async (index: number): Promise<LocalShard> => {
      const anvilPort = ports.anvil + SHARD_PORT_STRIDE * index;
      const proxyPort = ports.proxy + SHARD_PORT_STRIDE * index;
      const chainId = LOCAL_CHAIN_ID + index;
      const name = count > 1 ? ` (shard ${index + 1} of ${count}, chain id ${chainId})` : '';
      log(`Starting anvil on ${host}:${anvilPort} (hardfork paris)${name}`);
      // The chain starts in 1999 so the demo cars can carry decades of history; the seed brings it to today.
      const anvil = await startAnvil({
        port: anvilPort,
        host,
        chainId,
        silent: !options.anvilOutput,
        genesisTimestamp: options.seed === false ? undefined : DEMO_GENESIS,
        pruneHistory: options.ageBlocks ? true : undefined,
      });
      stoppers.push(anvil.stop);
      if (options.ageBlocks) {
        log(`Aging the chain: ${options.ageBlocks} empty blocks`);
        // In calls of 100,000: one anvil_mine of millions builds them all in memory first.
        for (let left = options.ageBlocks; left > 0; left -= 100_000) {
          const response = await fetch(anvil.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'anvil_mine',
              params: [`0x${Math.min(left, 100_000).toString(16)}`],
            }),
          });
          const body = (await response.json()) as { error?: { message: string } };
          if (body.error) throw new Error(`anvil_mine: ${body.error.message}`);
        }
      }

      log(`Deploying the registries behind UUPS proxies${name}`);
      // Every shard gets the same consortium (founders, staff, parameters), and its own shard rule.
      const deployment = await deployLocalConsortium(anvil.url, chainId, { index, count });
      const keyRegistry = await deployKeyRegistry(anvil.url, chainId, deployment);
      let seeded: { vin: string; tokenId: bigint; shard: number }[] = [];
      if (options.seed !== false) {
        log(`Seeding demo vehicles${name}`);
        // Commit the demo VINs with the parameters the deploy set on chain: the dApp reads them from there too.
        const vinParams = await readVinCommitmentParams(
          createPublicClient({ chain: localChain(deployment.chainId, anvil.url), transport: http(anvil.url) }),
          deployment.consortium,
        );
        const cars = await seedDemoVehicles(anvil.url, deployment, vinParams, {
          backdate: { now: Math.floor(Date.now() / 1000) },
          ...(count > 1 ? { shard: { index, count } } : {}),
        });
        seeded = cars.map((car) => ({ ...car, shard: index }));
      }

      log(`Starting the RPC whitelist proxy on ${host}:${proxyPort}${name}`);
      const proxy = await createProxy(
        proxyConfigFromDeployment({
          chainId: deployment.chainId,
          upstreams: [anvil.url],
          allowedContracts: registryAddresses(deployment, keyRegistry),
          corsOrigins: appOrigins,
          host,
          port: proxyPort,
          // On one machine every browser and test shares 127.0.0.1: the per-IP limits are meant for the public
          // edge (one address = one client), so they are lifted here; the gas cap and the rest stay as shipped.
          overrides: {
            log: { level: 'warn' },
            // Stopping the stack waits at most 1 s for calls in flight (then 503s them): tests end promptly.
            server: { shutdownGraceMs: 1_000 },
            limits: {
              perIp: { max: 20_000, windowMs: 60_000 },
              perIpUnits: { max: 1_000_000, windowMs: 60_000 },
              perIpUpstreamMs: { max: 600_000, windowMs: 60_000 },
              perIpConcurrency: 64,
            },
          },
        }),
      );
      await proxy.app.listen({ host, port: proxyPort });
      stoppers.push(proxy.close);
      const proxyUrl = `http://${host}:${proxyPort}`;
      return {
        deployment,
        seeded,
        urls: { anvil: anvil.url, proxy: proxyUrl },
        config: {
          chainId: deployment.chainId,
          chainName: count > 1 ? `CarBook local ${index + 1}` : 'CarBook local',
          rpcUrl: proxyUrl,
          contracts: {
            consortium: deployment.consortium,
            carBook: deployment.carBook,
            insurance: deployment.insurance,
            documentAnchor: deployment.documentAnchor,
            keyRegistry,
          },
          deploymentBlock: deployment.deploymentBlock,
        },
      };
    };
    // One after the other: two cores, and each start is mostly CPU (deploy, scrypt, seed).
    const shards: LocalShard[] = [];
    for (let index = 0; index < count; index++) shards.push(await startShard(index));

    log(`Starting the development IPFS node on ${host}:${ports.ipfs}`);
    const ipfs = await startDevIpfsNode({
      host,
      port: ports.ipfs,
      ...(ports.ipfsGateway === undefined ? {} : { gateway: { port: ports.ipfsGateway } }),
      repoDir: options.ipfsRepoDir ?? mkdtempSync(path.join(os.tmpdir(), 'carbook-ipfs-')),
      corsOrigins: appOrigins,
    });
    stoppers.push(ipfs.close);

    const runtimeConfig = parseRuntimeConfig({
      shards: shards.map((shard) => shard.config),
      ipfs: { api: ipfs.apiUrl, gateway: ipfs.gatewayUrl },
    } satisfies RuntimeConfigFile);
    const [first] = shards as [LocalShard, ...LocalShard[]];
    const deployment = first.deployment;
    const seeded = shards.flatMap((shard) => shard.seeded);
    const proxyUrl = first.urls.proxy;
    const anvil = { url: first.urls.anvil };
    log(`Serving the dApp from ${appDir} on ${host}:${ports.app}`);
    const app = await startStaticServer({ dir: appDir, host, port: ports.app, runtimeConfig });
    stoppers.push(app.close);

    return {
      runtimeConfig,
      deployment,
      seeded,
      shards: shards.map(({ deployment, seeded, urls }) => ({ deployment, seeded, urls })),
      urls: { anvil: anvil.url, proxy: proxyUrl, ipfsApi: ipfs.apiUrl, ipfsGateway: ipfs.gatewayUrl, app: app.url },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
