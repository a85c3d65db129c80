/**
 * The readings' walk on anvil (`readReadingChain`): a car with 100 readings, several in one block and spread over
 * many blocks, read whole and as its newest 48; a node that leaves out one reading log, the first of a block, or
 * every log of a block; a chain aged by 200,000 empty blocks between two readings costs the calls of a young one;
 * checkpoints that share a block (20 readings in one batch). The legacy + Appended chain (an upgraded deployment)
 * is checked on hand-made readings: the harness deploys today's contracts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, custom, http, zeroHash, type Hex, type PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { demoAccounts } from '../../dev/stack/accounts';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { deployLocalConsortium, type Deployment } from '../../dev/stack/deploy';
import { rpc } from '../../dev/testing/proxy-anvil';
import { registerFleet, relayReadings, type FleetCar } from '../../dev/fleet/fleet';
import { signReading, type Reading } from '../../server/ingest/reading';
import {
  nextAppendedHead,
  nextReadingHead,
  readReadingChain,
  verifyReadingChain,
  type ChainReading,
} from './reading-chain';

const accounts = demoAccounts();
const HOUR = 3_600;
let anvil: AnvilHandle;
let deployment: Deployment;
let client: PublicClient;
let cars: FleetCar[];
let domain: Hex;
/** Per car, the readings sent, oldest first. */
const sent = new Map<bigint, Reading[]>();
/** Per car, the blocks its batches were mined in, oldest first. */
const blocksOf = new Map<bigint, bigint[]>();
const base = Math.floor(Date.now() / 1000) - 400 * HOUR;

/** The car's next `n` readings, an hour apart, signed by its device. */
function nextOf(car: FleetCar, n: number): Reading[] {
  return Array.from({ length: n }, () => {
    car.lastAt = car.lastAt === 0 ? base : car.lastAt + HOUR;
    car.mileage += 7;
    return signReading(domain, car.deviceKey, {
      tokenId: car.tokenId,
      mileage: BigInt(car.mileage),
      timestamp: BigInt(car.lastAt),
    });
  });
}

/** Sends the car's readings in batches of the given sizes, one block each (anvil mines a block per transaction). */
async function submit(car: FleetCar, sizes: readonly number[]): Promise<void> {
  for (const size of sizes) {
    const batch = nextOf(car, size);
    const block = await relayReadings(anvil.url, deployment.carBook, accounts.dealer.privateKey, batch);
    sent.set(car.tokenId, [...(sent.get(car.tokenId) ?? []), ...batch]);
    blocksOf.set(car.tokenId, [...(blocksOf.get(car.tokenId) ?? []), block]);
  }
}

/** 100 readings in 40 blocks: one to eight a block. */
const HUNDRED = [
  1, 3, 1, 1, 5, 2, 8, 1, 1, 4, 2, 2, 1, 6, 1, 3, 1, 1, 2, 7, 1, 1, 3, 2, 1, 4, 1, 2, 5, 1, 1, 2, 3, 1, 6, 1, 2, 1, 1,
  8,
];
/** 10 readings in 6 blocks, sent twice: with and without 200,000 empty blocks in between. */
const TEN = [1, 2, 1, 3, 2, 1];
const AGE = 200_000;

beforeAll(async () => {
  // No state kept per past block: mining the aged chain's empty blocks stays fast (reads pin the latest block).
  anvil = await startAnvil({ port: 0, pruneHistory: true, silent: true });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  client = createPublicClient({ transport: http(anvil.url) });
  cars = await registerFleet({
    rpcUrl: anvil.url,
    carBook: deployment.carBook,
    dealerKey: accounts.dealer.privateKey,
    owner: accounts.alice.address,
    count: 4,
    seed: 'reading-chain',
    faulty: 0,
    tampered: 0,
  });
  domain = await client.readContract({ address: deployment.carBook, abi: carBookAbi, functionName: 'domainSeparator' });
  expect(HUNDRED.reduce((a, b) => a + b)).toBe(100);
  await submit(cars[0], HUNDRED);
  // Readings 0 to 19 in one block: readings 0, 8 and 16 are checkpoints of the same block, listed once.
  await submit(cars[2], [20, 1, 1, 1, 1, 1]);
  // The same batches twice: cars[1] with 200,000 empty blocks in between, cars[3] without.
  await submit(cars[1], TEN);
  await rpc(anvil.url, 'anvil_mine', [`0x${AGE.toString(16)}`]);
  await submit(cars[1], TEN);
  await submit(cars[3], TEN);
  await submit(cars[3], TEN);
}, 300_000);

afterAll(async () => {
  await anvil?.stop();
});

type RpcLog = { blockNumber: string; topics: string[]; data: string; logIndex: string };

/**
 * A client that counts its calls by method and the sequential rounds they took: the calls sent while a round is
 * being answered wait, and go together once it is (a round is one batch, as a batching transport would send it).
 * `logs` may tamper with each eth_getLogs answer.
 */
function watched(logs?: (answer: RpcLog[], block: bigint) => RpcLog[]) {
  const counts: Record<string, number> = {};
  const inner = http(anvil.url)({});
  let queue: { method: string; params: unknown; resolve: (value: unknown) => void; reject: (e: unknown) => void }[] =
    [];
  let rounds = 0;
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    rounds++;
    const answers = await Promise.allSettled(
      batch.map(async ({ method, params }) => {
        const answer = await inner.request({ method, params } as never);
        if (method !== 'eth_getLogs' || !logs) return answer;
        return logs(answer as RpcLog[], BigInt((params as [{ fromBlock: Hex }])[0].fromBlock));
      }),
    );
    answers.forEach((answer, i) =>
      answer.status === 'fulfilled' ? batch[i].resolve(answer.value) : batch[i].reject(answer.reason),
    );
  };
  const spy = createPublicClient({
    transport: custom({
      request: ({ method, params }) => {
        counts[method] = (counts[method] ?? 0) + 1;
        return new Promise((resolve, reject) => {
          queue.push({ method, params, resolve, reject });
          if (!scheduled) {
            scheduled = true;
            setTimeout(() => void flush(), 0);
          }
        });
      },
    }),
  }) as PublicClient;
  return { client: spy, counts, rounds: () => rounds };
}

const pinned = () => client.getBlockNumber({ cacheTime: 0 });
const mileages = (readings: readonly { mileage: number | bigint }[]) => readings.map((r) => Number(r.mileage));
/** TelematicsReadingAppended logs: topic0, the book, then four data words. */
const isAppended = (log: RpcLog) => log.topics.length === 2 && log.data.length === 2 + 4 * 64;

describe('readReadingChain', () => {
  it('reads 100 readings spread over 40 blocks, several a block, with one log read per block', async () => {
    const car = cars[0];
    const { client: spy, counts, rounds } = watched();
    const chain = await readReadingChain(spy, deployment.carBook, car.tokenId, await pinned());
    expect(chain.chain).toEqual({ ok: true });
    expect(chain.count).toBe(100);
    expect(chain.whole).toBe(true);
    expect(mileages(chain.readings)).toEqual(mileages(sent.get(car.tokenId)!));
    expect(chain.readings.map((r) => r.timestamp)).toEqual(sent.get(car.tokenId)!.map((r) => Number(r.timestamp)));
    expect(chain.readings.every((r) => !r.legacy)).toBe(true);
    expect(new Set(chain.readings.map((r) => r.blockNumber))).toEqual(new Set(blocksOf.get(car.tokenId)));
    expect(chain.skips).toEqual([]);
    // One single-block eth_getLogs per block of a reading; the views in one round, then walks of at most 8 blocks.
    expect(counts.eth_getLogs).toBe(40);
    expect(counts.eth_call).toBe(4);
    expect(rounds()).toBeLessThanOrEqual(9);
  });

  it("reads a window of the car's newest 48 readings, checked as a suffix of the chain", async () => {
    const car = cars[0];
    const { client: spy, counts, rounds } = watched();
    const chain = await readReadingChain(spy, deployment.carBook, car.tokenId, await pinned(), { newest: 48 });
    expect(chain.chain).toEqual({ ok: true });
    expect(chain.whole).toBe(false);
    expect(mileages(chain.readings)).toEqual(mileages(sent.get(car.tokenId)!.slice(-48)));
    // The walks from the checkpoints of readings 48 onward (index 6 of 13) and the newest block: fewer blocks.
    const blocks = blocksOf.get(car.tokenId)!;
    const windowBlocks = new Set(chain.readings.map((r) => r.blockNumber)).size;
    expect(counts.eth_getLogs).toBeGreaterThanOrEqual(windowBlocks);
    expect(counts.eth_getLogs).toBeLessThan(blocks.length);
    expect(rounds()).toBeLessThanOrEqual(10);
    // A window larger than the chain is the whole chain, checked from zero.
    const all = await readReadingChain(client, deployment.carBook, car.tokenId, await pinned(), { newest: 500 });
    expect(all.whole).toBe(true);
    expect(all.chain).toEqual({ ok: true });
    expect(all.readings).toHaveLength(100);
  });

  it('reads a window when checkpoints share a block (20 readings in one batch)', async () => {
    const car = cars[2];
    for (const newest of [3, 5, 10, 24, 25, 30]) {
      const chain = await readReadingChain(client, deployment.carBook, car.tokenId, await pinned(), { newest });
      expect(chain.chain).toEqual({ ok: true });
      expect(mileages(chain.readings)).toEqual(mileages(sent.get(car.tokenId)!.slice(-newest)));
      expect(chain.whole).toBe(newest >= 25);
    }
    const [checkpoints] = await client.readContract({
      address: deployment.carBook,
      abi: carBookAbi,
      functionName: 'readingCheckpoints',
      args: [car.tokenId, 0n, 10n],
    });
    expect(checkpoints).toHaveLength(2);
  });

  it('detects a node that leaves out one reading log of a block', async () => {
    const car = cars[0];
    // The third reading of the block holding readings 13 to 20 (a batch of eight).
    const target = blocksOf.get(car.tokenId)![6];
    const liar = () =>
      watched((logs, block) => {
        if (block !== target) return logs;
        const readings = logs.filter(isAppended);
        return logs.filter((log) => log !== readings[2]);
      }).client;
    const whole = await readReadingChain(liar(), deployment.carBook, car.tokenId, await pinned());
    expect(whole.readings).toHaveLength(99);
    expect(whole.chain).toMatchObject({ ok: false, problem: 'missing', detail: expect.stringMatching(/withheld/) });
    const window = await readReadingChain(liar(), deployment.carBook, car.tokenId, await pinned(), { newest: 90 });
    expect(window.chain).toMatchObject({ ok: false, problem: 'missing', detail: expect.stringMatching(/reading/) });
  });

  it('detects a node that leaves out the first reading log of a block', async () => {
    const car = cars[0];
    const target = blocksOf.get(car.tokenId)!.at(-1)!;
    const liar = watched((logs, block) => {
      if (block !== target) return logs;
      const first = logs.find(isAppended);
      return logs.filter((log) => log !== first);
    }).client;
    const window = await readReadingChain(liar, deployment.carBook, car.tokenId, await pinned(), { newest: 48 });
    expect(window.chain).toMatchObject({
      ok: false,
      problem: 'missing',
      detail: expect.stringMatching(/left out the first telematics reading/),
    });
  });

  it('detects a node that withholds every log of a block', async () => {
    const car = cars[0];
    for (const index of [0, 20, 38, 39]) {
      const target = blocksOf.get(car.tokenId)![index];
      const liar = () => watched((logs, block) => (block === target ? [] : logs)).client;
      const whole = await readReadingChain(liar(), deployment.carBook, car.tokenId, await pinned());
      expect(whole.chain).toMatchObject({
        ok: false,
        problem: 'missing',
        detail: `the node returned no telematics reading of block ${target}, which the readings' chain links to: it withheld readings`,
      });
      if (index >= 20) {
        const window = await readReadingChain(liar(), deployment.carBook, car.tokenId, await pinned(), {
          newest: 48,
        });
        expect(window.chain).toMatchObject({
          ok: false,
          problem: 'missing',
          detail: expect.stringMatching(/withheld/),
        });
      }
    }
  });

  it(`costs the same calls on a chain aged by ${AGE.toLocaleString('en')} empty blocks between readings`, async () => {
    const [aged, young] = [cars[1], cars[3]];
    const agedBlocks = blocksOf.get(aged.tokenId)!;
    const youngBlocks = blocksOf.get(young.tokenId)!;
    expect(agedBlocks[6] - agedBlocks[5]).toBeGreaterThan(BigInt(AGE));
    const at = await pinned();
    for (const newest of [undefined, 5, 48]) {
      const a = watched();
      const y = watched();
      const readAged = await readReadingChain(a.client, deployment.carBook, aged.tokenId, at, { newest });
      const readYoung = await readReadingChain(y.client, deployment.carBook, young.tokenId, at, { newest });
      expect(readAged.chain).toEqual({ ok: true });
      expect(readYoung.chain).toEqual({ ok: true });
      expect(readAged.readings).toHaveLength(Math.min(newest ?? 20, 20));
      expect(a.counts).toEqual(y.counts);
      expect(a.rounds()).toBe(y.rounds());
      expect(a.rounds()).toBeLessThanOrEqual(10);
    }
    expect(youngBlocks.length).toBe(agedBlocks.length);
  });
});

describe('verifyReadingChain (an upgraded deployment: legacy readings, then Appended ones)', () => {
  const tokenId = 0x1234n;
  /** Five legacy readings (unmasked steps from zero), then five Appended (masked steps from the legacy head). */
  function mixed(): { readings: ChainReading[]; head: Hex } {
    let head: Hex = zeroHash;
    const readings = Array.from({ length: 10 }, (_, i) => {
      const legacy = i < 5;
      const mileage = 1_000 + 10 * i;
      const timestamp = 1_700_000_000 + HOUR * i;
      head = (legacy ? nextReadingHead : nextAppendedHead)(head, tokenId, mileage, timestamp);
      return {
        mileage,
        timestamp,
        head,
        legacy,
        blockNumber: BigInt(100 + i),
        logIndex: 0,
        transactionHash: zeroHash,
      };
    });
    return { readings, head };
  }

  it('accepts the whole chain and any suffix of it, across the legacy/Appended boundary', () => {
    const { readings, head } = mixed();
    expect(BigInt(head) & ((1n << 64n) - 1n)).toBe(0n);
    expect(BigInt(readings[4].head) & ((1n << 64n) - 1n)).not.toBe(0n);
    expect(verifyReadingChain(tokenId, readings, head)).toEqual({ ok: true });
    for (let start = 0; start < readings.length; start++)
      expect(verifyReadingChain(tokenId, readings.slice(start), head, { suffix: true })).toEqual({ ok: true });
  });

  it('refuses a chain with a reading left out, altered, masked the wrong way or out of order', () => {
    const { readings, head } = mixed();
    const without = (i: number) => readings.filter((_, j) => j !== i);
    for (const i of [0, 3, 4, 5, 9]) expect(verifyReadingChain(tokenId, without(i), head).ok).toBe(false);
    for (const i of [4, 5, 7]) expect(verifyReadingChain(tokenId, without(i), head, { suffix: true }).ok).toBe(false);
    const altered = readings.map((r, i) => (i === 6 ? { ...r, mileage: r.mileage - 5 } : r));
    expect(verifyReadingChain(tokenId, altered, head)).toMatchObject({ ok: false, problem: 'missing' });
    // The boundary's first Appended reading taken as legacy (an unmasked step) does not follow.
    const unmasked = readings.map((r, i) => (i === 5 ? { ...r, legacy: true } : r));
    expect(verifyReadingChain(tokenId, unmasked, head).ok).toBe(false);
    const reordered = [...readings.slice(5), ...readings.slice(0, 5)];
    expect(verifyReadingChain(tokenId, reordered, head)).toMatchObject({ ok: false, problem: 'reordered' });
  });
});
