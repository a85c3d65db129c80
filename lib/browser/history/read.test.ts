import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  custom,
  createPublicClient,
  decodeFunctionResult,
  encodeFunctionResult,
  http,
  toEventSelector,
  toFunctionSelector,
  zeroHash,
  type AbiEvent,
  type AbiFunction,
  type Hex,
  type PublicClient,
} from 'viem';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { demoAccounts } from '../../dev/stack/accounts';
import { deployLocalConsortium, localChain, type Deployment } from '../../dev/stack/deploy';
import { demoDeviceAccount, seedDemoVehicles } from '../../dev/stack/seed';
import { carBookAbi } from '../contracts/generated';
import { RecordKind } from '../contracts/roles';
import { humanizeError } from '../errors/humanize';
import { booksOwnedBy, readBookHistory, verifyChain, type HistoryRecord } from './read';

/** Cheap scrypt parameters: these tests are about the history, not the commitment's cost. */
const TEST_VIN_PARAMS = { salt: '0x01020304', N: 1024, r: 8, p: 1 } as const;

let anvil: AnvilHandle;
let deployment: Deployment;
let client: PublicClient;
let seeded: { vin: string; tokenId: bigint }[];

const topicOf = (name: string) =>
  toEventSelector(carBookAbi.find((e) => e.type === 'event' && e.name === name) as AbiEvent);
const RECORD_TOPIC = topicOf('RecordAppended');
const CREATED_TOPIC = topicOf('CarBookCreated');
const READING_TOPIC = topicOf('TelematicsReadingAppended');

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  seeded = await seedDemoVehicles(anvil.url, deployment, TEST_VIN_PARAMS);
  client = createPublicClient({ chain: localChain(31337, anvil.url), transport: http(anvil.url) });
});

afterAll(async () => {
  await anvil?.stop();
});

type RpcLog = { blockNumber: string; topics: string[] };

/**
 * An RPC node that lies: `logs` tampers with every eth_getLogs answer, `call` with the decoded result of one view
 * (the read indexes), and every request is counted by method.
 */
function lyingClient(
  options: {
    logs?: (logs: RpcLog[]) => RpcLog[];
    view?: {
      name: 'bookEventBlocks' | 'readingBlocks' | 'readingCheckpoints';
      tamper: (result: readonly [readonly bigint[], bigint]) => unknown;
    };
  } = {},
  counts: Record<string, number> = {},
): PublicClient {
  const honest = http(anvil.url)({ chain: localChain(31337, anvil.url) });
  const selector = options.view
    ? toFunctionSelector(carBookAbi.find((e) => e.type === 'function' && e.name === options.view!.name) as AbiFunction)
    : undefined;
  return createPublicClient({
    chain: localChain(31337, anvil.url),
    transport: custom({
      async request({ method, params }) {
        counts[method] = (counts[method] ?? 0) + 1;
        const result = await honest.request({ method, params } as never);
        if (method === 'eth_getLogs' && options.logs) return options.logs(result as RpcLog[]);
        const data = method === 'eth_call' ? (params as [{ data?: Hex; input?: Hex }])[0] : undefined;
        const input = data?.data ?? data?.input;
        if (options.view && input?.startsWith(selector!)) {
          const decoded = decodeFunctionResult({
            abi: carBookAbi,
            functionName: options.view.name,
            data: result as Hex,
          }) as readonly [readonly bigint[], bigint];
          return encodeFunctionResult({
            abi: carBookAbi,
            functionName: options.view.name,
            result: options.view.tamper(decoded) as never,
          });
        }
        return result;
      },
    }),
  });
}

describe('readBookHistory', () => {
  it('reads a seeded book and verifies its hash chain', async () => {
    const history = await readBookHistory(client, deployment.carBook, seeded[0].tokenId);
    expect(history.exists).toBe(true);
    expect(history.status).toBe('Active');
    expect(history.records.map((r) => r.mileage)).toEqual([15_230, 31_870, 45_012]);
    expect(history.records.map((r) => r.kind)).toEqual(['Service', 'OdometerReading', 'Service']);
    expect(history.chain).toEqual({ ok: true });
    expect(history.owner).toBe(demoAccounts().alice.address);
    expect(history.metadataURI).toBe('demo:Volta Aero 1.6 (2019)');
  });

  it('reads the same history with index pages smaller than the lists', async () => {
    const whole = await readBookHistory(client, deployment.carBook, seeded[3].tokenId);
    const paged = await readBookHistory(client, deployment.carBook, seeded[3].tokenId, { pageSize: 1n });
    expect(paged.records).toEqual(whole.records);
    expect(paged.readings).toEqual(whole.readings);
    expect(paged.owners).toEqual(whole.owners);
    expect(paged.chain).toEqual({ ok: true });
  });

  it('counts a sale as a second owner', async () => {
    const history = await readBookHistory(client, deployment.carBook, seeded[1].tokenId);
    expect(history.owners.map((o) => o.to)).toEqual([demoAccounts().bob.address, demoAccounts().alice.address]);
    expect(history.chain).toEqual({ ok: true });
  });

  it('reads the telematics readings and verifies their hash chain', async () => {
    const history = await readBookHistory(client, deployment.carBook, seeded[3].tokenId);
    expect(history.readings.map((r) => r.mileage)).toEqual([10_250, 10_900]);
    expect(history.readingsHead).not.toBe(zeroHash);
    expect(history.odometerCorrections).toHaveLength(1);
    expect(history.chain).toEqual({ ok: true });
  });

  it("reads the device key's registration and replacement from the book's index, with single-block log reads", async () => {
    const asked: { fromBlock: string; toBlock: string }[] = [];
    const honest = http(anvil.url)({ chain: localChain(31337, anvil.url) });
    const watching = createPublicClient({
      chain: localChain(31337, anvil.url),
      transport: custom({
        async request({ method, params }) {
          if (method === 'eth_getLogs') asked.push((params as [{ fromBlock: string; toBlock: string }])[0]);
          return honest.request({ method, params } as never);
        },
      }),
    });
    const car = seeded[3];
    const history = await readBookHistory(watching, deployment.carBook, car.tokenId);
    const first = demoDeviceAccount(car.vin).address;
    const second = demoDeviceAccount(car.vin, 2).address;
    expect(history.deviceKeys.map(({ previousKey, newKey, rotated }) => ({ previousKey, newKey, rotated }))).toEqual([
      { previousKey: '0x0000000000000000000000000000000000000000', newKey: first, rotated: false },
      { previousKey: first, newKey: second, rotated: true },
    ]);
    // No range scan from genesis: every log read asks one block the book's indexes list.
    expect(asked.length).toBeGreaterThan(0);
    for (const range of asked) expect(range.fromBlock).toBe(range.toBlock);
    expect(history.chain).toEqual({ ok: true });
  });

  it('reports an unknown book as absent', async () => {
    const history = await readBookHistory(client, deployment.carBook, 123n);
    expect(history.exists).toBe(false);
  });

  it('scans no block range: one eth_getLogs per listed block, each of a single block', async () => {
    const ranges: [string, string][] = [];
    const counts: Record<string, number> = {};
    const counting = lyingClient(
      {
        logs: (logs) => logs,
      },
      counts,
    );
    const spy = createPublicClient({
      chain: localChain(31337, anvil.url),
      transport: custom({
        request: ({ method, params }) => {
          if (method === 'eth_getLogs') {
            const [filter] = params as [{ fromBlock: string; toBlock: string }];
            ranges.push([filter.fromBlock, filter.toBlock]);
          }
          return counting.request({ method, params } as never);
        },
      }),
    }) as PublicClient;
    const history = await readBookHistory(spy, deployment.carBook, seeded[1].tokenId);
    expect(history.chain).toEqual({ ok: true });
    expect(ranges.every(([from, to]) => from === to)).toBe(true);
    // Creation, three records, the sale: five blocks, plus the sale's block asked again for its Transfer.
    expect(counts.eth_getLogs).toBe(6);
  });

  it('detects a node that leaves a record out', async () => {
    const liar = lyingClient({
      logs: (logs) => logs.filter((log) => !(log.topics[0] === RECORD_TOPIC && logs.indexOf(log) === 0)),
    });
    const history = await readBookHistory(liar, deployment.carBook, seeded[0].tokenId);
    expect(history.chain).toMatchObject({ ok: false, problem: 'missing' });
  });

  it("detects a node that drops an entry of the book's block index", async () => {
    // The latest record's block is left out of the list (and the total): the chain no longer reaches the head.
    const liar = lyingClient({
      view: { name: 'bookEventBlocks', tamper: ([blocks, total]) => [blocks.slice(0, -1), total - 1n] },
    });
    const history = await readBookHistory(liar, deployment.carBook, seeded[0].tokenId);
    expect(history.chain).toMatchObject({ ok: false, problem: 'missing' });
    // The sale's block dropped: the records still add up, the title transfer on record does not.
    const sale = lyingClient({
      view: { name: 'bookEventBlocks', tamper: ([blocks, total]) => [blocks.slice(0, -1), total - 1n] },
    });
    const sold = await readBookHistory(sale, deployment.carBook, seeded[1].tokenId);
    expect(sold.chain).toMatchObject({
      ok: false,
      problem: 'missing',
      detail: expect.stringMatching(/title transfer/),
    });
  });

  it('detects a node that withholds every event of a listed block', async () => {
    const liar = lyingClient({ logs: (logs) => logs.filter((log) => log.topics[0] !== CREATED_TOPIC) });
    const history = await readBookHistory(liar, deployment.carBook, seeded[0].tokenId);
    expect(history.chain).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('detects a node that withholds a telematics reading', async () => {
    let dropped = false;
    const liar = lyingClient({
      logs: (logs) =>
        logs.filter((log) => {
          if (dropped || log.topics[0] !== READING_TOPIC) return true;
          dropped = true;
          return false;
        }),
    });
    const history = await readBookHistory(liar, deployment.carBook, seeded[3].tokenId);
    expect(history.readings).toHaveLength(1);
    expect(history.chain).toMatchObject({ ok: false, problem: 'missing', detail: expect.stringMatching(/reading/) });
  });

  it('detects a node that withholds every reading log of a block the chain links to', async () => {
    const liar = lyingClient({ logs: (logs) => logs.filter((log) => log.topics[0] !== READING_TOPIC) });
    const history = await readBookHistory(liar, deployment.carBook, seeded[3].tokenId);
    expect(history.readings).toEqual([]);
    expect(history.chain).toMatchObject({
      ok: false,
      problem: 'missing',
      detail: expect.stringMatching(/no telematics reading of block \d+, which the readings' chain links to/),
    });
  });

  it("detects a node that drops the readings' checkpoints", async () => {
    const liar = lyingClient({ view: { name: 'readingCheckpoints', tamper: () => [[], 0n] } });
    const history = await readBookHistory(liar, deployment.carBook, seeded[3].tokenId);
    expect(history.chain).toMatchObject({ ok: false, problem: 'missing', detail: expect.stringMatching(/reading/) });
  });

  it('lists the books an account owns now', async () => {
    const alice = await booksOwnedBy(client, deployment.carBook, demoAccounts().alice.address);
    const bob = await booksOwnedBy(client, deployment.carBook, demoAccounts().bob.address);
    expect(alice).toEqual(expect.arrayContaining([seeded[0].tokenId, seeded[1].tokenId]));
    expect(bob).not.toContain(seeded[1].tokenId);
    expect(await booksOwnedBy(client, deployment.carBook, demoAccounts().alice.address, { pageSize: 1n })).toEqual(
      alice,
    );
  });
});

describe('verifyChain', () => {
  let records: HistoryRecord[];
  let head: `0x${string}`;
  let tokenId: bigint;

  beforeAll(async () => {
    tokenId = seeded[0].tokenId;
    const history = await readBookHistory(client, deployment.carBook, tokenId);
    records = history.records;
    head = history.onChainHead;
  });

  it('accepts the honest history', () => {
    expect(verifyChain(tokenId, records, head, records.length)).toEqual({ ok: true });
  });

  it('detects an altered mileage', () => {
    const altered = records.map((r, i) => (i === 1 ? { ...r, mileage: r.mileage - 10_000 } : r));
    expect(verifyChain(tokenId, altered, head, records.length)).toMatchObject({ ok: false, problem: 'altered' });
  });

  it('detects reordered records', () => {
    const reordered = [records[0], records[2], records[1]];
    expect(verifyChain(tokenId, reordered, head, records.length)).toMatchObject({ ok: false, problem: 'missing' });
    const swapped = [records[1], records[0], records[2]];
    expect(verifyChain(tokenId, swapped, head, records.length).ok).toBe(false);
  });

  it('detects records re-chained consistently but not matching the stored head', () => {
    expect(verifyChain(tokenId, records, zeroHash, records.length)).toMatchObject({
      ok: false,
      problem: 'head-mismatch',
    });
  });
});

describe('humanizeError', () => {
  it('turns a lower mileage into a sentence with both figures', async () => {
    const alice = demoAccounts().alice;
    const error = await client
      .simulateContract({
        account: alice.address,
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'appendRecord',
        args: [seeded[0].tokenId, 40_000n, RecordKind.Service, zeroHash, '0x'],
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(humanizeError(error)).toBe("Mileage can't go down: last recorded 45,012 km, you entered 40,000 km.");
  });

  it('names the account that may not write', async () => {
    const stranger = demoAccounts().expert;
    const error = await client
      .simulateContract({
        account: stranger.address,
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'appendRecord',
        args: [seeded[0].tokenId, 50_000n, RecordKind.Service, zeroHash, '0x'],
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(humanizeError(error)).toMatch(/^0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4} may not write to this car book/);
  });

  it('falls back to the message of a plain error', () => {
    expect(humanizeError(new Error('boom'))).toBe('boom');
  });
});
