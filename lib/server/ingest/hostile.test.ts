/**
 * Adversarial review of the ingester (issue 13's surfaces): what a flood of bad readings, a huge message or a
 * device key changed while the ingester runs does to it. In process, against anvil with the demo consortium.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, http, zeroAddress, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../../browser/contracts/generated';
import { demoAccounts } from '../../dev/stack/accounts';
import type { Deployment } from '../../dev/stack/deploy';
import type { Anvil } from '../../dev/testing/proxy-anvil';
import { startIngestChain, stopIngestChain } from '../../dev/testing/ingest-chain';
import { registerFleet } from '../../dev/fleet/fleet';
import { createIngestMetrics } from './metrics';
import { Ingester, type IngestOptions } from './pipeline';
import { readingToJson, signReading } from './reading';

const accounts = demoAccounts();
let anvil: Anvil;
let deployment: Deployment;
let domain: Hex;
let dir: string;
const operatorKey = generatePrivateKey();
const client = () => createPublicClient({ transport: http(anvil.url) });

beforeAll(async () => {
  ({ anvil, deployment, domain, dir } = await startIngestChain(operatorKey, 'carbook-ingest-hostile-'));
}, 120_000);

afterAll(() => stopIngestChain({ anvil, dir }));

const running: Ingester[] = [];
afterAll(async () => {
  for (const ingester of running) await ingester.stop();
});

async function startIngester(name: string, options: Partial<IngestOptions> = {}): Promise<Ingester> {
  const ingester = new Ingester({
    rpcUrl: anvil.url,
    carBook: deployment.carBook,
    operatorKey,
    journalFile: path.join(dir, `${name}.journal`),
    deadLetterFile: path.join(dir, `${name}.dead.ndjson`),
    logger: pino({ level: 'silent' }),
    metrics: createIngestMetrics(),
    ...options,
  });
  running.push(ingester);
  await ingester.start();
  return ingester;
}

const deadLetters = (name: string) =>
  readFileSync(path.join(dir, `${name}.dead.ndjson`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line);

async function setDeviceKey(tokenId: bigint, key: Address): Promise<void> {
  const dealer = createWalletClient({
    account: privateKeyToAccount(accounts.dealer.privateKey),
    transport: http(anvil.url),
  });
  const hash = await dealer.writeContract({
    chain: null,
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'rotateDeviceKey',
    args: [tokenId, key],
  });
  await client().waitForTransactionReceipt({ hash });
}

describe('ingester under hostile input', () => {
  it('does not keep a flood of readings for books that do not exist (memory stays flat)', async () => {
    const ingester = await startIngester('flood', { unknownBookCache: 500 });
    const stranger = generatePrivateKey();
    const now = Math.floor(Date.now() / 1000);
    const flood = Array.from({ length: 2_000 }, (_, i) =>
      JSON.stringify(
        readingToJson(
          signReading(domain, stranger, { tokenId: 10n ** 30n + BigInt(i), mileage: 1n, timestamp: BigInt(now - 60) }),
        ),
      ),
    );
    await ingester.offer(flood.join('\n'));
    expect(ingester.counts.dead).toBe(2_000);
    const cached = ingester as unknown as { cars: Map<bigint, unknown>; unknownBooks: Map<bigint, number> };
    expect(cached.cars.size).toBe(0);
    expect(cached.unknownBooks.size).toBeLessThanOrEqual(500);
  });

  it('writes a bounded dead letter for a huge message, and goes on', async () => {
    const ingester = await startIngester('huge');
    const huge = `{"tokenId":"${'9'.repeat(4 * 1024 * 1024)}"}`;
    await ingester.offer(huge, 1);
    const [line] = deadLetters('huge');
    expect(line.length).toBeLessThan(4096);
    expect(JSON.parse(line)).toMatchObject({ reason: 'malformed', seq: 1, bytes: huge.length });
  });

  it('takes the readings of a device registered after the ingester found the book without one', async () => {
    const [car] = await registerFleet({
      rpcUrl: anvil.url,
      carBook: deployment.carBook,
      dealerKey: accounts.dealer.privateKey,
      owner: accounts.alice.address,
      count: 1,
      seed: 'hostile-replaced-unit',
      faulty: 0,
      tampered: 0,
    });
    // The unit is removed (device key cleared, as `reassignBook` does too): the ingester sees a book with none.
    await setDeviceKey(car.tokenId, zeroAddress);
    let clock = Date.now();
    const ingester = await startIngester('replaced', { now: () => clock });
    const at = Math.floor(clock / 1000) - 7_200;
    const reading = (key: Hex, mileage: number, timestamp: number) =>
      JSON.stringify(
        readingToJson(
          signReading(domain, key, { tokenId: car.tokenId, mileage: BigInt(mileage), timestamp: BigInt(timestamp) }),
        ),
      );
    await ingester.offer(reading(car.deviceKey, car.mileage + 10, at));
    expect(ingester.counts).toMatchObject({ accepted: 0, dead: 1 });

    // The new unit is registered; a few minutes later its readings arrive.
    const newUnit = generatePrivateKey();
    await setDeviceKey(car.tokenId, privateKeyToAccount(newUnit).address);
    clock += 5 * 60_000;
    await ingester.offer(reading(newUnit, car.mileage + 20, at + 4_200));
    expect(ingester.counts).toMatchObject({ accepted: 1, dead: 1 });
    expect(deadLetters('replaced').map((line) => JSON.parse(line).reason)).toEqual(['unknown-device']);
  });
});
