/**
 * The maker's connected cars on anvil: a page of `CarBook.connectedBlocksOf` (the blocks of its cars' device key
 * changes) with each car found once, its device key, last reading, readings of the last 24 hours and the skipped
 * readings its dealer relayed; the same number of RPC calls on a chain aged by 50,000 blocks; a car whose key
 * changed in several blocks listed once, at its newest; two chains merged by the shared helper (one down: the
 * other's cars still show, the down chain named); the dead-letter file joined per car.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, custom, http, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../contracts/generated';
import { demoAccounts } from '../../dev/stack/accounts';
import { DEMO_ORGS, deployLocalConsortium, type Deployment } from '../../dev/stack/deploy';
import { Anvil, rpc } from '../../dev/testing/proxy-anvil';
import { nextReadings, registerFleet, relayReadings, type FleetCar } from '../../dev/fleet/fleet';
import type { Reading } from '../../server/ingest/reading';
import { connectedCarsPage, type ReadConfig } from './index';
import { parseDeadLetters, deadLettersByCar } from './dead-letters';
import { readBookHistory } from '../history/read';

const accounts = demoAccounts();
let anvil: Anvil;
let deployment: Deployment;
let client: PublicClient;
let config: ReadConfig;
let cars: FleetCar[];
let readings: Reading[];

beforeAll(async () => {
  // No state kept per past block: mining the aged chain's empty blocks stays fast (reads pin the latest block).
  anvil = await Anvil.start({ args: ['--prune-history'] });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  client = createPublicClient({ transport: http(anvil.url) });
  config = { contracts: { ...deployment } };
  cars = await registerFleet({
    rpcUrl: anvil.url,
    carBook: deployment.carBook,
    dealerKey: accounts.dealer.privateKey,
    owner: accounts.alice.address,
    count: 3,
    seed: 'connected',
    faulty: 0,
    tampered: 0,
  });
  const domain = await client.readContract({
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'domainSeparator',
  });
  const firstAt = Math.floor(Date.now() / 1000) - 3 * 3_600;
  readings = [0, 1].flatMap((round) =>
    nextReadings(cars, domain, { firstAt, interval: 3_600, round }).map((m) => m.reading!),
  );
  // The maker's dealer relays the readings (it is maker staff, so its skipped readings are indexed), then the
  // first car's newest reading again: a replay the registry skips as NotNewer.
  const send = (batch: Reading[]) => relayReadings(anvil.url, deployment.carBook, accounts.dealer.privateKey, batch);
  await send(readings);
  await send([readings.filter((r) => r.tokenId === cars[0].tokenId).at(-1)!]);
}, 120_000);

afterAll(async () => {
  await anvil?.kill();
});

/** A client that counts the JSON-RPC calls it sends, by method. */
function counting(url: string): { client: PublicClient; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const inner = http(url)({});
  const spy = createPublicClient({
    transport: custom({
      request: ({ method, params }) => {
        counts[method] = (counts[method] ?? 0) + 1;
        return inner.request({ method, params } as never);
      },
    }),
  }) as PublicClient;
  return { client: spy, counts };
}

/**
 * The fleet's cars newest first by creation (block, then transaction order), and the number of blocks they were
 * created in: the fleet sends its creations in one batch, which anvil mines in one block or several.
 */
async function byCreation(): Promise<{ newest: bigint[]; blocks: number }> {
  const created = await Promise.all(
    cars.map(async (car, i) => {
      const [blocks] = await client.readContract({
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'bookEventBlocks',
        args: [car.tokenId, 0n, 1n],
      });
      return { tokenId: car.tokenId, block: blocks[0], i };
    }),
  );
  created.sort((a, b) => (a.block !== b.block ? (a.block > b.block ? -1 : 1) : b.i - a.i));
  return { newest: created.map((c) => c.tokenId), blocks: new Set(created.map((c) => c.block)).size };
}

describe("a maker's connected cars", () => {
  it('pages the newest first with device key, last reading, readings today and skipped readings', async () => {
    const { newest, blocks } = await byCreation();
    const all = await connectedCarsPage([{ shard: 0, client, config }], DEMO_ORGS.maker, 0, 10);
    expect(all.total).toBe(blocks);
    expect(all.pages).toBe(1);
    expect(all.items.map((car) => car.tokenId)).toEqual(newest);
    // One block a page: the pages together hold every car once, newest first.
    const onePerPage = await Promise.all(
      Array.from({ length: blocks }, (_, page) =>
        connectedCarsPage([{ shard: 0, client, config }], DEMO_ORGS.maker, page, 1),
      ),
    );
    expect(onePerPage.every((page) => page.pages === blocks && page.items.length > 0)).toBe(true);
    expect(onePerPage.flatMap((page) => page.items.map((car) => car.tokenId))).toEqual(newest);
    const car = all.items.find((item) => item.tokenId === cars[0].tokenId)!;
    const own = readings.filter((r) => r.tokenId === cars[0].tokenId);
    expect(car.deviceKey?.toLowerCase()).toBe(cars[0].device.toLowerCase());
    expect(car.lastReading).toMatchObject({ mileage: Number(own[1].mileage), timestamp: Number(own[1].timestamp) });
    expect(car.readingsToday).toBe(2);
    expect(car.chain).toEqual({ ok: true });
    expect(car.skipped.total).toBe(1);
    expect(car.skipped.byReason).toEqual({ NotNewer: 1 });
    const [skip] = car.skipped.latest;
    const block = await client.getBlock({ blockNumber: skip.blockNumber });
    expect(skip).toMatchObject({ reason: 'NotNewer', timestamp: Number(block.timestamp) });
    expect(all.items.filter((other) => other !== car).every((other) => other.skipped.total === 0)).toBe(true);
  });

  it("keeps the buyer's history whole when a reading block holds only a skip", async () => {
    // The replay's block is in the car's readingBlocks with no accepted reading: not a withheld reading.
    const history = await readBookHistory(client, deployment.carBook, cars[0].tokenId);
    expect(history.chain).toEqual({ ok: true });
    expect(history.readings).toHaveLength(2);
    expect(history.skippedReadings.map((skip) => [skip.reason, skip.batchIndex])).toEqual([['NotNewer', 0]]);
  });

  it('costs the same calls on a chain aged by 50,000 blocks', async () => {
    const young = counting(anvil.url);
    const before = await connectedCarsPage([{ shard: 0, client: young.client, config }], DEMO_ORGS.maker, 0, 3);
    await rpc(anvil.url, 'anvil_mine', ['0xc350']);
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBeGreaterThan(50_000n);
    const aged = counting(anvil.url);
    const after = await connectedCarsPage([{ shard: 0, client: aged.client, config }], DEMO_ORGS.maker, 0, 3);
    expect(after.items.map((car) => [car.tokenId, car.lastReading?.mileage, car.skipped.total])).toEqual(
      before.items.map((car) => [car.tokenId, car.lastReading?.mileage, car.skipped.total]),
    );
    expect(aged.counts).toEqual(young.counts);
    // Three cars, two reading blocks for the first, one for the others, plus their creation blocks: small, fixed.
    expect(aged.counts.eth_getLogs).toBeLessThan(20);
  }, 120_000);

  it("reports a node that withholds a car's newest reading", async () => {
    const inner = http(anvil.url)({});
    const liar = createPublicClient({
      transport: custom({
        request: async ({ method, params }) => {
          const answer = await inner.request({ method, params } as never);
          if (method !== 'eth_getLogs') return answer;
          // Keep every log but the last reading of the block (the newest of that car).
          const logs = answer as { data: string; topics: string[] }[];
          const readings = logs.filter((log) => log.topics.length === 2 && log.data.length === 2 + 4 * 64);
          return readings.length > 1 ? logs.filter((log) => log !== readings.at(-1)) : logs;
        },
      }),
    }) as PublicClient;
    const page = await connectedCarsPage([{ shard: 0, client: liar, config }], DEMO_ORGS.maker, 0, 10);
    const car = page.items.find((item) => item.tokenId === cars[0].tokenId);
    expect(car?.chain).toMatchObject({ ok: false, problem: 'missing' });
  });

  it("reports a node that withholds every log of a car's newest reading block", async () => {
    const [, newestBlock] = await client.readContract({
      address: deployment.carBook,
      abi: carBookAbi,
      functionName: 'readingChain',
      args: [cars[1].tokenId],
    });
    const inner = http(anvil.url)({});
    const liar = createPublicClient({
      transport: custom({
        request: async ({ method, params }) => {
          const answer = await inner.request({ method, params } as never);
          if (method !== 'eth_getLogs') return answer;
          const [filter] = params as [{ fromBlock: string; topics: (string | string[] | null)[] }];
          const ofCar = filter.topics[1] === `0x${cars[1].tokenId.toString(16).padStart(64, '0')}`;
          return ofCar && BigInt(filter.fromBlock) === newestBlock ? [] : answer;
        },
      }),
    }) as PublicClient;
    const page = await connectedCarsPage([{ shard: 0, client: liar, config }], DEMO_ORGS.maker, 0, 10);
    const car = page.items.find((item) => item.tokenId === cars[1].tokenId);
    expect(car?.chain).toMatchObject({ ok: false, problem: 'missing', detail: expect.stringMatching(/withheld/) });
    expect(page.items.find((item) => item.tokenId === cars[2].tokenId)?.chain).toEqual({ ok: true });
  });

  it('lists a car whose key changed in several blocks once, at its newest change, on one page only', async () => {
    // cars[0]'s key is replaced then put back, in two more blocks: five blocks, cars[0] newest (its last change).
    const dealer = createWalletClient({
      account: privateKeyToAccount(accounts.dealer.privateKey),
      transport: http(anvil.url),
    });
    const rotate = async (key: `0x${string}`) => {
      const hash = await dealer.writeContract({
        chain: null,
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'rotateDeviceKey',
        args: [cars[0].tokenId, key],
      });
      expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
    };
    await rotate(privateKeyToAccount(`0x${'42'.repeat(32)}`).address);
    await rotate(cars[0].device);
    const { newest, blocks } = await byCreation();
    const expected = [cars[0].tokenId, ...newest.filter((id) => id !== cars[0].tokenId)];
    const all = await connectedCarsPage([{ shard: 0, client, config }], DEMO_ORGS.maker, 0, 10);
    expect(all.total).toBe(blocks + 2);
    // cars[0] at its newest change (the key put back); its creation block holds the key it has again and its
    // replacement block a key it no longer has, neither lists it again.
    expect(all.items.map((car) => car.tokenId)).toEqual(expected);
    expect(all.items[0].deviceKey?.toLowerCase()).toBe(cars[0].device.toLowerCase());
    const onePerPage = await Promise.all(
      Array.from({ length: blocks + 2 }, (_, page) =>
        connectedCarsPage([{ shard: 0, client, config }], DEMO_ORGS.maker, page, 1),
      ),
    );
    expect(onePerPage.flatMap((page) => page.items.map((car) => car.tokenId))).toEqual(expected);
    expect(onePerPage[1].items).toEqual([]);
  });

  it('merges the lists of several chains newest first, the chains interleaved, each car tagged with its chain', async () => {
    // The same chain twice stands for two shards. On one chain, one block a page: its cars, newest block first
    // (after the rotations above, several blocks hold cars).
    const one = [{ shard: 0, client, config }];
    const { pages: blocks } = await connectedCarsPage(one, DEMO_ORGS.maker, 0, 1);
    const perBlock = await Promise.all(
      Array.from({ length: blocks }, (_, page) => connectedCarsPage(one, DEMO_ORGS.maker, page, 1)),
    );
    expect(perBlock.filter((page) => page.items.length > 0).length).toBeGreaterThan(1);
    // Merged: each chain's newest block, then each chain's second newest, and so on (not chain 0's whole list first).
    const expected = perBlock.flatMap((page) =>
      [0, 1].flatMap((shard) => page.items.map((car) => [shard, car.tokenId])),
    );
    const two = [
      { shard: 0, client, config },
      { shard: 1, client, config },
    ];
    const all = await connectedCarsPage(two, DEMO_ORGS.maker, 0, 2 * blocks);
    expect(all).toMatchObject({ total: 2 * blocks, pages: 1, unread: [] });
    expect(all.items.map((car) => [car.shard, car.tokenId])).toEqual(expected);
    // Smaller pages hold the same list, each block once.
    const paged = await Promise.all(
      Array.from({ length: blocks }, (_, page) => connectedCarsPage(two, DEMO_ORGS.maker, page, 2)),
    );
    expect(paged.every((page) => page.pages === blocks && page.unread.length === 0)).toBe(true);
    expect(paged.flatMap((page) => page.items.map((car) => [car.shard, car.tokenId]))).toEqual(expected);
  });

  it("shows the other chains' cars when one chain cannot be read, and names the chain that failed", async () => {
    const one = [{ shard: 0, client, config }];
    const alone = await connectedCarsPage(one, DEMO_ORGS.maker, 0, 100);
    const down = createPublicClient({
      transport: custom({
        request: async () => {
          throw new Error('connection refused');
        },
      }),
    }) as PublicClient;
    const page = await connectedCarsPage(
      [
        { shard: 0, client: down, config },
        { shard: 1, client, config },
      ],
      DEMO_ORGS.maker,
      0,
      100,
    );
    expect(page.unread).toEqual([0]);
    expect(page.items.map((car) => [car.shard, car.tokenId])).toEqual(alone.items.map((car) => [1, car.tokenId]));
    expect(page.items.every((car) => car.chain.ok)).toBe(true);
    // Only when no chain answers does the page fail as a whole.
    await expect(connectedCarsPage([{ shard: 0, client: down, config }], DEMO_ORGS.maker, 0, 10)).rejects.toThrow();
  });
});

describe('the dead-letter file', () => {
  it('joins each line to its car by tokenId, or by the reading in older lines, and counts the rest apart', () => {
    const id = cars[0].tokenId;
    const hex = (value: bigint) => `0x${value.toString(16)}`;
    const text = [
      JSON.stringify({
        at: '2026-11-29T10:00:00.000Z',
        reason: 'bad-signature',
        tokenId: hex(id),
        seq: 1,
        message: '{}',
      }),
      JSON.stringify({
        at: '2026-11-29T11:00:00.000Z',
        reason: 'bad-signature',
        tokenId: hex(id),
        seq: 2,
        message: '{}',
      }),
      // An older file: no tokenId field, the reading's JSON in `message` (a string before sending, an object after).
      JSON.stringify({
        at: '2026-11-29T09:00:00.000Z',
        reason: 'replayed',
        seq: 3,
        message: JSON.stringify({ tokenId: hex(id) }),
      }),
      JSON.stringify({
        at: '2026-11-29T09:30:00.000Z',
        reason: 'chain-NotNewer',
        tx: '0x12',
        message: { tokenId: id.toString() },
      }),
      JSON.stringify({ at: '2026-11-29T09:00:00.000Z', reason: 'malformed', seq: 4, message: '{"tokenId": 1, "mil' }),
      'not json',
      JSON.stringify({ at: 'x', reason: 'has spaces' }),
      '',
    ].join('\n');
    const file = parseDeadLetters(text);
    expect(file.lines).toBe(5);
    expect(file.invalid).toBe(2);
    expect(deadLettersByCar(file, id)).toEqual({
      total: 4,
      byReason: { 'bad-signature': 2, replayed: 1, 'chain-NotNewer': 1 },
      lastAt: '2026-11-29T11:00:00.000Z',
    });
    expect(file.unattributed).toEqual({ malformed: 1 });
    expect(deadLettersByCar(file, cars[1].tokenId)).toBeUndefined();
  });
});
