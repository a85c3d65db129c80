/**
 * `npm run bench:scale [-- --json] [-- --aged 4000000] [-- --fresh 10000] [-- --runs 9] [-- --no-browser]`
 *
 * Reads must cost O(the data shown), not O(the chain's age). Two chains, built the same way: anvil aged with
 * `anvil_mine` (age first, then deploy: mining after a deployment is much slower), the registries deployed, the
 * demo consortium seeded, then the bench books; each behind the real RPC whitelist proxy with its default limits.
 * Reads go through the proxy with the dApp's batched transport (batch cap 100), fresh and aged interleaved.
 *
 *   scale.verify20.ratio      read + verify of a 20-record book (20 blocks), aged / fresh          target ≤ 1.2
 *   scale.verify1000.ms       the same for 1,000 records in 1,000 different blocks, aged chain     target ≤ 400
 *   scale.verify1000.requests HTTP requests to the proxy for that read                             target ≤ 15
 *   scale.garage20.ratio      an owner's 20 books: the list, then every book's verified history    target ≤ 1.2
 *   scale.pages.maxRatio      the worst aged / fresh ratio over every role page's reads            target ≤ 1.3
 *   scale.verifyPage.ms       /verify?book=… in Chromium on the aged chain, navigation to verdict  target ≤ 1,000
 *
 * Also printed: the per-page ratios (scale.page.<name>.ratio), the aged chain's length, the eth_getLogs entries of
 * the 1,000-record read. Figures are medians of `--runs` runs after a warm-up. The /verify page needs the static
 * export (`npm run build:app`, out/); `--no-browser` skips it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  toHex,
  zeroAddress,
  type Hex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { chromium } from 'playwright-core';
import { carBookAbi } from '../../browser/contracts/generated';
import { RecordKind } from '../../browser/contracts/roles';
import * as reads from '../../browser/reads';
import type { ReadConfig } from '../../browser/reads';
import { parseRuntimeConfig } from '../../browser/config/runtime';
import { startAnvil, type AnvilHandle } from '../stack/anvil';
import { demoAccounts } from '../stack/accounts';
import { bookIdFromParts } from '../../browser/vin';
import {
  DEMO_ORGS,
  DEMO_WMI_HEX,
  deployLocalConsortium,
  localChain,
  registryAddresses,
  type Deployment,
} from '../stack/deploy';
import { deployKeyRegistry } from '../stack/deploy-privacy';
import { seedDemoVehicles } from '../stack/seed';
import { startStaticServer } from '../stack/static-server';
import { startProxy } from '../../server/proxy/server';
import { proxyConfigFromDeployment } from '../../server/proxy/config';
import { TEST_VIN_PARAMS } from '../testing/privacy-stack';
import { argValue, median, type Metric } from './measure';
import { CHROMIUM_PATH } from './vin-browser';

const json = process.argv.includes('--json');
const runs = Number(argValue('--runs') ?? 15);
const AGED = Number(argValue('--aged') ?? 4_000_000);
const FRESH = Number(argValue('--fresh') ?? 10_000);
const browser = !process.argv.includes('--no-browser');
const log = (line: string) => (json ? undefined : console.error(line));
const accounts = demoAccounts();

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { error?: { message: string }; result?: unknown };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * Mines `blocks` empty blocks in calls of 100,000: one anvil_mine of millions builds them all in memory first
 * (7.6 GB at 4·10^6), while chunks keep anvil's memory flat.
 */
export async function ageChain(url: string, blocks: number): Promise<void> {
  for (let left = blocks; left > 0; left -= 100_000) await rpc(url, 'anvil_mine', [toHex(Math.min(left, 100_000))]);
}

/** What one chain under test holds. */
type Chain = {
  name: string;
  anvil: AnvilHandle;
  deployment: Deployment;
  config: ReadConfig & { contracts: { keyRegistry: Hex } };
  proxyUrl: string;
  blocks: bigint;
  book20: bigint;
  book1000?: bigint;
  garageOwner: Hex;
  seeded: bigint[];
  stop(): Promise<void>;
};

/** HTTP requests and JSON-RPC entries a client sent (a batch is one request, several entries). */
type Counter = { http: number; entries: number; getLogs: number };

function countingClient(url: string, counter: Counter): PublicClient {
  return createPublicClient({
    chain: localChain(31337, url),
    transport: http(url, {
      batch: { batchSize: 100 },
      onFetchRequest(_request, init) {
        counter.http++;
        // viem sends the JSON-RPC body as a string.
        const body = JSON.parse(typeof init.body === 'string' ? init.body : '[]') as
          { method: string } | { method: string }[];
        const entries = Array.isArray(body) ? body : [body];
        counter.entries += entries.length;
        counter.getLogs += entries.filter((e) => e.method === 'eth_getLogs').length;
      },
    }),
  });
}

/**
 * Writes `count` records to a book, one block each (automine: a block per transaction). Sent without waiting for
 * receipts, nonces counted here; returns once the last one is mined.
 */
async function writeRecords(
  url: string,
  tokenId: bigint,
  carBook: Hex,
  count: number,
  firstMileage: number,
  gap = false,
) {
  const chain = localChain(31337, url);
  const wallet = createWalletClient({
    chain,
    transport: http(url),
    account: privateKeyToAccount(accounts.officialWorkshop.privateKey),
  });
  const client = createPublicClient({ chain, transport: http(url) });
  let nonce = await client.getTransactionCount({ address: accounts.officialWorkshop.address });
  const gasPrice = await client.getGasPrice();
  let last: Hex = '0x';
  for (let i = 0; i < count; i++) {
    last = await wallet.writeContract({
      address: carBook,
      abi: carBookAbi,
      functionName: 'appendRecord',
      args: [tokenId, BigInt(firstMileage + i * 150), RecordKind.Service, `0x${'0'.repeat(64)}`, '0x'],
      nonce: nonce++,
      gas: 300_000n,
      gasPrice,
    });
    // An empty block after each record: no two listed blocks are adjacent, so no range could cover two of them.
    if (gap) await rpc(url, 'evm_mine');
  }
  const receipt = await client.waitForTransactionReceipt({ hash: last });
  if (receipt.status !== 'success') throw new Error('a bench record was refused');
}

async function createBook(url: string, carBook: Hex, label: string, owner: Hex): Promise<bigint> {
  const chain = localChain(31337, url);
  const dealer = createWalletClient({
    chain,
    transport: http(url),
    account: privateKeyToAccount(accounts.dealer.privateKey),
  });
  const client = createPublicClient({ chain, transport: http(url) });
  const commitment = keccak256(toHex(`bench:scale ${label}`));
  const receipt = await client.waitForTransactionReceipt({
    hash: await dealer.writeContract({
      address: carBook,
      abi: carBookAbi,
      functionName: 'createCarBook',
      args: [DEMO_WMI_HEX, commitment, owner, zeroAddress, `bench:${label}`],
    }),
  });
  if (receipt.status !== 'success') throw new Error(`bench book ${label} was refused`);
  return bookIdFromParts(DEMO_WMI_HEX, commitment);
}

async function buildChain(name: string, blocks: number, withLongBook: boolean): Promise<Chain> {
  // No past state kept: anvil mines empty blocks ~50× faster with flat memory; every read is pinned to the head
  // and nothing writes while the bench reads.
  const anvil = await startAnvil({ port: 20_000 + Math.floor(Math.random() * 20_000), pruneHistory: true });
  try {
    const started = performance.now();
    const toMine = blocks - 1_000;
    await ageChain(anvil.url, toMine);
    log(`${name}: mined ${toMine} empty blocks in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const deployment = await deployLocalConsortium(anvil.url, 31337);
    const seeded = (await seedDemoVehicles(anvil.url, deployment, TEST_VIN_PARAMS)).map((s) => s.tokenId);
    const keyRegistry = await deployKeyRegistry(anvil.url, 31337, deployment);
    // The garage: 20 books of one owner, 3 records each; the 20-record book is one of them.
    const garageOwner = privateKeyToAccount(keccak256(toHex('bench:scale garage owner'))).address;
    const garage: bigint[] = [];
    for (let i = 0; i < 20; i++)
      garage.push(await createBook(anvil.url, deployment.carBook, `garage ${i}`, garageOwner));
    for (const tokenId of garage.slice(1)) await writeRecords(anvil.url, tokenId, deployment.carBook, 3, 1_000);
    await writeRecords(anvil.url, garage[0], deployment.carBook, 20, 1_000);
    let book1000: bigint | undefined;
    if (withLongBook) {
      // Its own owner: the role pages' reads must not include it.
      const longOwner = privateKeyToAccount(keccak256(toHex('bench:scale long history owner'))).address;
      book1000 = await createBook(anvil.url, deployment.carBook, 'long history', longOwner);
      const writing = performance.now();
      await writeRecords(anvil.url, book1000, deployment.carBook, 1000, 1_000, true);
      log(`${name}: 1,000 records in 1,000 blocks written in ${((performance.now() - writing) / 1000).toFixed(1)} s`);
    }
    const proxy = await startProxy(
      proxyConfigFromDeployment({
        chainId: 31337,
        upstreams: [anvil.url],
        allowedContracts: registryAddresses(deployment, keyRegistry),
        port: 0,
        // The proxy's default limits: only its log level differs.
        overrides: { log: { level: 'warn' } },
      }),
    );
    const head = BigInt((await rpc(anvil.url, 'eth_blockNumber')) as string);
    log(`${name}: ${head} blocks, proxy at ${proxy.url}`);
    return {
      name,
      anvil,
      deployment,
      config: {
        contracts: {
          consortium: deployment.consortium,
          carBook: deployment.carBook,
          insurance: deployment.insurance,
          documentAnchor: deployment.documentAnchor,
          keyRegistry,
        },
      },
      proxyUrl: proxy.url,
      blocks: head,
      book20: garage[0],
      book1000,
      garageOwner,
      seeded,
      async stop() {
        await proxy.close().catch(() => undefined);
        await anvil.stop();
      },
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** The reads each role page makes on load (app/(wallet)/… and /verify), as plain read functions. */
function pages(chain: Chain): Record<string, (client: PublicClient) => Promise<unknown>> {
  const config = chain.config;
  const summaries = (client: PublicClient, ids: bigint[]) =>
    Promise.all(ids.map((id) => reads.bookSummary(client, config, id)));
  const book = chain.seeded[2];
  return {
    verify: (client) => reads.bookHistory(client, config, chain.seeded[3]),
    garage: async (client) => {
      const ids = await reads.booksOf(client, config, accounts.alice.address);
      return Promise.all(
        ids.map((id) =>
          Promise.all([
            reads.bookHistory(client, config, id),
            reads.coverOf(client, config, id),
            reads.grantsOf(client, config, id),
            reads.liveShareKeys(client, config, id),
          ]),
        ),
      );
    },
    workshop: (client) =>
      Promise.all([
        reads.accessOf(client, config, book, accounts.independentWorkshop.address),
        reads.bookHistory(client, config, book),
      ]),
    insurer: async (client) => {
      const [, held] = await Promise.all([
        reads.insurerDesk(client, config, DEMO_ORGS.insurer),
        reads.booksOf(client, config, accounts.insurerAdmin.address),
      ]);
      return summaries(client, held);
    },
    expert: async (client) => {
      const claims = await reads.expertClaims(client, config, accounts.expert.address);
      return summaries(
        client,
        claims.map((c) => c.tokenId),
      );
    },
    recycler: async (client) => summaries(client, await reads.booksOf(client, config, accounts.recyclerAdmin.address)),
    consortium: (client) =>
      Promise.all([
        reads.membershipOf(client, config, accounts.makerAdmin.address),
        reads.organisations(client, config),
        reads.proposals(client, config, DEMO_ORGS.maker),
        reads.staffOf(client, config, DEMO_ORGS.maker),
        reads.orgKeyState(client, config, DEMO_ORGS.maker, [
          accounts.officialWorkshop.address,
          accounts.dealer.address,
        ]),
      ]),
    archive: (client) => reads.anchorOf(client, config, keccak256(toHex('not anchored'))),
  };
}

/** Median wall time of `runs` runs after a warm-up, fresh and aged interleaved so both see the same machine. */
async function compare(fresh: () => Promise<unknown>, aged: () => Promise<unknown>) {
  await fresh();
  await aged();
  const times = { fresh: [] as number[], aged: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const [key, fn] of [
      ['fresh', fresh],
      ['aged', aged],
    ] as const) {
      const start = performance.now();
      await fn();
      times[key].push(performance.now() - start);
    }
  }
  const f = median(times.fresh);
  const a = median(times.aged);
  return { fresh: f, aged: a, ratio: a / f };
}

async function verifyPageMs(chain: Chain): Promise<number> {
  const appDir = path.resolve('out');
  if (!existsSync(path.join(appDir, 'index.html')))
    throw new Error('No static export in out/: run `npm run build:app` first');
  // A port of our own (Chromium refuses port 0, and the server reports the port it was given); the page's origin
  // must be in the proxy's CORS list.
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const proxy = await buildProxyFor(chain, [`http://127.0.0.1:${port}`]);
  const server = await startStaticServer({
    dir: appDir,
    host: '127.0.0.1',
    port,
    runtimeConfig: parseRuntimeConfig({
      chainId: 31337,
      chainName: 'CarBook bench',
      rpcUrl: proxy.url.replace(/\/$/, ''),
      contracts: chain.config.contracts,
      deploymentBlock: chain.deployment.deploymentBlock,
      ipfs: { api: 'http://127.0.0.1:9', gateway: 'http://127.0.0.1:9' },
    }),
  });
  const instance = await chromium.launch({
    executablePath: existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const times: number[] = [];
    for (let i = 0; i < Math.min(runs, 5) + 1; i++) {
      const context = await instance.newContext();
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${server.url}/verify?book=${toHex(chain.book20, { size: 32 })}`);
      await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
      const elapsed = performance.now() - start;
      const text = await page.getByTestId('verdict').innerText();
      const integrity = await page.getByTestId('verdict').locator('[data-kind="integrity"]').count();
      if (integrity > 0) throw new Error(`/verify did not verify the bench book: ${text}`);
      if (i > 0) times.push(elapsed); // the first load warms the HTTP cache like a returning visitor's
      await context.close();
    }
    return median(times);
  } finally {
    await instance.close();
    await server.close();
    await proxy.close();
  }
}

const chains: Chain[] = [];
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void Promise.all(chains.map((chain) => chain.stop().catch(() => undefined))).finally(() => process.exit(1));
  });

async function main() {
  try {
    const fresh = await buildChain('fresh', FRESH, false);
    chains.push(fresh);
    const aged = await buildChain('aged', AGED, true);
    chains.push(aged);
    const metrics: Metric[] = [];
    const report = (metric: string, value: number, unit: string, target?: string) => {
      const m = { metric, value: Number(value.toFixed(unit === 'ratio' ? 3 : 1)), unit };
      metrics.push(m);
      if (json) console.log(JSON.stringify(m));
      if (!json)
        log(
          `${metric.padEnd(32)} ${value.toFixed(unit === 'ratio' ? 3 : 1).padStart(9)} ${unit}${target ? `   (target ${target})` : ''}`,
        );
    };
    const sink: Counter = { http: 0, entries: 0, getLogs: 0 };
    const client = { fresh: countingClient(fresh.proxyUrl, sink), aged: countingClient(aged.proxyUrl, sink) };

    const verified = async (c: PublicClient, chain: Chain, tokenId: bigint, records: number) => {
      const { history } = await reads.bookHistory(c, chain.config, tokenId);
      if (!history.chain.ok || history.records.length !== records)
        throw new Error(
          `${chain.name}: book read back wrong (${history.records.length} records, ${JSON.stringify(history.chain)})`,
        );
    };
    const v20 = await compare(
      () => verified(client.fresh, fresh, fresh.book20, 20),
      () => verified(client.aged, aged, aged.book20, 20),
    );
    report('scale.verify20.ratio', v20.ratio, 'ratio', '≤ 1.2');
    log(`  (fresh ${v20.fresh.toFixed(1)} ms, aged ${v20.aged.toFixed(1)} ms)`);

    const garage = (c: PublicClient, chain: Chain) => async () => {
      const ids = await reads.booksOf(c, chain.config, chain.garageOwner);
      if (ids.length !== 20) throw new Error(`${chain.name}: the garage holds ${ids.length} books`);
      const histories = await Promise.all(ids.map((id) => reads.bookHistory(c, chain.config, id)));
      if (histories.some((h) => !h.history.chain.ok)) throw new Error(`${chain.name}: a garage book did not verify`);
    };
    const g20 = await compare(garage(client.fresh, fresh), garage(client.aged, aged));
    report('scale.garage20.ratio', g20.ratio, 'ratio', '≤ 1.2');
    log(`  (fresh ${g20.fresh.toFixed(1)} ms, aged ${g20.aged.toFixed(1)} ms)`);

    let worst = 0;
    const freshPages = pages(fresh);
    const agedPages = pages(aged);
    for (const name of Object.keys(freshPages)) {
      const r = await compare(
        () => freshPages[name](client.fresh),
        () => agedPages[name](client.aged),
      );
      worst = Math.max(worst, r.ratio);
      report(`scale.page.${name}.ratio`, r.ratio, 'ratio');
      log(`  (fresh ${r.fresh.toFixed(1)} ms, aged ${r.aged.toFixed(1)} ms)`);
    }
    report('scale.pages.maxRatio', worst, 'ratio', '≤ 1.3');

    // The 1,000-record book on the aged chain, through a proxy of its own with the default limits (10 such page
    // loads a minute fit one IP's budget: warm-up + 5 runs stay under it), counting what one read sends.
    const long = await buildProxyFor(aged);
    try {
      const counter: Counter = { http: 0, entries: 0, getLogs: 0 };
      const c = countingClient(long.url, counter);
      await verified(c, aged, aged.book1000!, 1000);
      const one = { ...counter };
      const times: number[] = [];
      for (let i = 0; i < Math.min(runs, 5); i++) {
        const start = performance.now();
        await verified(c, aged, aged.book1000!, 1000);
        times.push(performance.now() - start);
      }
      report('scale.verify1000.ms', median(times), 'ms', '≤ 400');
      // The same read straight to anvil (batched too): what the proxy adds.
      const direct = countingClient(aged.anvil.url, { http: 0, entries: 0, getLogs: 0 });
      await verified(direct, aged, aged.book1000!, 1000);
      const directTimes: number[] = [];
      for (let i = 0; i < Math.min(runs, 5); i++) {
        const start = performance.now();
        await verified(direct, aged, aged.book1000!, 1000);
        directTimes.push(performance.now() - start);
      }
      report('scale.verify1000.directMs', median(directTimes), 'ms');
      report('scale.verify1000.requests', one.http, 'requests', '≤ 15');
      report('scale.verify1000.getLogs', one.getLogs, 'entries');
      report('scale.verify1000.entries', one.entries, 'entries');
    } finally {
      await long.close();
    }
    if (browser) report('scale.verifyPage.ms', await verifyPageMs(aged), 'ms', '≤ 1000');
    report('scale.agedChain.blocks', Number(aged.blocks), 'blocks');
    report('scale.freshChain.blocks', Number(fresh.blocks), 'blocks');
  } finally {
    for (const chain of chains) await chain.stop().catch(() => undefined);
  }
}

/** A second proxy in front of a chain's anvil, default limits, so one measurement has a fresh per-IP budget. */
async function buildProxyFor(chain: Chain, corsOrigins?: string[]) {
  const { deployment, config } = chain;
  return startProxy(
    proxyConfigFromDeployment({
      chainId: 31337,
      upstreams: [chain.anvil.url],
      allowedContracts: registryAddresses(deployment, config.contracts.keyRegistry),
      port: 0,
      corsOrigins,
      overrides: { log: { level: 'warn' } },
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
