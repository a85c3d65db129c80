import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custom, createPublicClient, http, zeroHash, type PublicClient } from 'viem';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { demoAccounts } from '../../dev/stack/accounts';
import { deployLocalConsortium, localChain, type Deployment } from '../../dev/stack/deploy';
import { seedDemoVehicles } from '../../dev/stack/seed';
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

beforeAll(async () => {
  anvil = await startAnvil({ port: 18_545 + Math.floor(Math.random() * 1000) });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  seeded = await seedDemoVehicles(anvil.url, deployment, TEST_VIN_PARAMS);
  client = createPublicClient({ chain: localChain(31337, anvil.url), transport: http(anvil.url) });
});

afterAll(async () => {
  await anvil?.stop();
});

/** An RPC node that tampers with eth_getLogs answers. */
function lyingClient(tamper: (logs: Record<string, unknown>[]) => Record<string, unknown>[]): PublicClient {
  const honest = http(anvil.url)({ chain: localChain(31337, anvil.url) });
  return createPublicClient({
    chain: localChain(31337, anvil.url),
    transport: custom({
      async request({ method, params }) {
        const result = await honest.request({ method, params } as never);
        return method === 'eth_getLogs' ? tamper(result as Record<string, unknown>[]) : result;
      },
    }),
  });
}

const fromBlock = () => BigInt(deployment.deploymentBlock);

describe('readBookHistory', () => {
  it('reads a seeded book and verifies its hash chain', async () => {
    const history = await readBookHistory(client, deployment.carBook, seeded[0].tokenId, fromBlock());
    expect(history.exists).toBe(true);
    expect(history.status).toBe('Active');
    expect(history.records.map((r) => r.mileage)).toEqual([15_230, 31_870, 45_012]);
    expect(history.records.map((r) => r.kind)).toEqual(['Service', 'OdometerReading', 'Service']);
    expect(history.chain).toEqual({ ok: true });
    expect(history.owner).toBe(demoAccounts().alice.address);
    expect(history.metadataURI).toBe('demo:Volta Aero 1.6 (2019)');
  });

  it('reads the same history through windows narrower than the chain', async () => {
    const whole = await readBookHistory(client, deployment.carBook, seeded[1].tokenId, fromBlock());
    const windowed = await readBookHistory(client, deployment.carBook, seeded[1].tokenId, fromBlock(), {
      maxLogRange: 2n,
    });
    expect(windowed.records).toEqual(whole.records);
    expect(windowed.owners).toEqual(whole.owners);
    expect(windowed.chain).toEqual({ ok: true });
  });

  it('counts a sale as a second owner', async () => {
    const history = await readBookHistory(client, deployment.carBook, seeded[1].tokenId, fromBlock());
    expect(history.owners.map((o) => o.to)).toEqual([demoAccounts().bob.address, demoAccounts().alice.address]);
  });

  it('reports an unknown book as absent', async () => {
    const history = await readBookHistory(client, deployment.carBook, 123n, fromBlock());
    expect(history.exists).toBe(false);
  });

  it('detects a node that leaves a record out', async () => {
    const liar = lyingClient((logs) => logs.filter((_, i) => i !== 1));
    const history = await readBookHistory(liar, deployment.carBook, seeded[0].tokenId, fromBlock());
    expect(history.chain).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('detects a node that withholds the latest record', async () => {
    const liar = lyingClient((logs) => logs.slice(0, -1));
    const history = await readBookHistory(liar, deployment.carBook, seeded[0].tokenId, fromBlock());
    expect(history.chain).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('lists the books an account owns now', async () => {
    const alice = await booksOwnedBy(client, deployment.carBook, demoAccounts().alice.address, fromBlock());
    const bob = await booksOwnedBy(client, deployment.carBook, demoAccounts().bob.address, fromBlock());
    expect(alice).toEqual(expect.arrayContaining([seeded[0].tokenId, seeded[1].tokenId]));
    expect(bob).not.toContain(seeded[1].tokenId);
  });
});

describe('verifyChain', () => {
  let records: HistoryRecord[];
  let head: `0x${string}`;
  let tokenId: bigint;

  beforeAll(async () => {
    tokenId = seeded[0].tokenId;
    const history = await readBookHistory(client, deployment.carBook, tokenId, fromBlock());
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
