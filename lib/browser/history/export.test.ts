import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, encodeFunctionData, http, zeroHash, type PublicClient } from 'viem';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { demoAccounts } from '../../dev/stack/accounts';
import { sendAndWait } from '../chain';
import { clientsFor, deployLocalConsortium, localChain, type Deployment } from '../../dev/stack/deploy';
import { seedDemoVehicles } from '../../dev/stack/seed';
import { carBookAbi } from '../contracts/generated';
import { RecordKind } from '../contracts/roles';
import { readBookHistory } from './read';
import { exportHistory, verifyExportedHistory } from './export';
import { timelineOf } from './timeline';
import { computeVerdict } from './verdict';

let anvil: AnvilHandle;
let deployment: Deployment;
let client: PublicClient;
let tokenId: bigint;
/** The seeded connected car (readings, then a replaced device). */
let connected: bigint;

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  const seeded = await seedDemoVehicles(anvil.url, deployment, { salt: '0x0a0b', N: 1024, r: 8, p: 1 });
  tokenId = seeded[0].tokenId;
  connected = seeded.find((car) => car.vin === 'WVWZZZ3CZEE000004')!.tokenId;
  client = createPublicClient({ chain: localChain(31337, anvil.url), transport: http(anvil.url) });
});

/** The consortium's one chain, as the page's configuration lists it. */
const consortium = {
  get shards() {
    return [{ chainId: 31337, contracts: { carBook: deployment.carBook } }];
  },
};

afterAll(async () => {
  await anvil?.stop();
});

async function exportNow() {
  const atBlock = await client.getBlockNumber();
  const history = await readBookHistory(client, deployment.carBook, tokenId);
  // Through JSON, as a file would travel.
  return JSON.parse(JSON.stringify(exportHistory(history, { chainId: 31337, carBook: deployment.carBook, atBlock })));
}

describe('history export', () => {
  it('verifies an untouched export against the chain', async () => {
    const file = await exportNow();
    await expect(verifyExportedHistory(file, consortium, () => client)).resolves.toEqual({
      ok: true,
      records: 3,
      laterRecords: 0,
      readings: 0,
      documentHashes: [],
    });
  });

  it("carries the report's verdict (level, reasons with dates) and the car's signed readings", async () => {
    const atBlock = await client.getBlockNumber();
    const history = await readBookHistory(client, deployment.carBook, connected);
    const verdict = computeVerdict(await timelineOf(history, client, deployment.consortium));
    const file = JSON.parse(
      JSON.stringify(exportHistory(history, { chainId: 31337, carBook: deployment.carBook, atBlock }, verdict)),
    );
    expect(file.readings).toEqual([
      expect.objectContaining({ mileage: 10_250, blockNumber: expect.stringMatching(/^\d+$/) }),
      expect.objectContaining({ mileage: 10_900 }),
    ]);
    expect(file.readingsHead).toBe(history.readingsHead);
    // Readings since the reading-chain upgrade: none of them on the legacy (unmasked) chain.
    expect(file.legacyReadings).toBe(0);
    expect(file.verdict.level).toBe('check');
    const rotated = file.verdict.findings.find((f: { kind: string }) => f.kind === 'device-rotated');
    expect(rotated).toMatchObject({
      level: 'check',
      removed: false,
      atUtc: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(new Date(rotated.atUtc).getTime()).toBe(rotated.at * 1000);
    expect(file.verdict.findings.map((f: { kind: string }) => f.kind)).toContain('correction');

    await expect(verifyExportedHistory(file, consortium, () => client)).resolves.toMatchObject({
      ok: true,
      records: 3,
      readings: 2,
    });
    const lowered = structuredClone(file);
    lowered.readings[1].mileage -= 500;
    await expect(verifyExportedHistory(lowered, consortium, () => client)).resolves.toMatchObject({
      ok: false,
      problem: 'altered',
    });
    // Read as legacy readings (a file without the field, or one that lies about it), the chain does not add up.
    for (const legacyReadings of [undefined, 1, 2, 3]) {
      const relabelled = structuredClone(file);
      relabelled.legacyReadings = legacyReadings;
      await expect(verifyExportedHistory(relabelled, consortium, () => client)).resolves.toMatchObject({
        ok: false,
        problem: 'altered',
      });
    }
    const dropped = structuredClone(file);
    dropped.readings = dropped.readings.slice(0, 1);
    dropped.readingsHead = undefined;
    await expect(verifyExportedHistory(dropped, consortium, () => client)).resolves.toMatchObject({ ok: false });
  });

  it('counts records written after the export', async () => {
    const file = await exportNow();
    const { publicClient, walletClient } = clientsFor(anvil.url, 31337, demoAccounts().alice);
    await sendAndWait(publicClient, walletClient, {
      to: deployment.carBook,
      data: encodeFunctionData({
        abi: carBookAbi,
        functionName: 'appendRecord',
        args: [tokenId, 99_000n, RecordKind.Service, zeroHash, '0x'],
      }),
    });
    await expect(verifyExportedHistory(file, consortium, () => client)).resolves.toMatchObject({
      ok: true,
      records: 3,
      laterRecords: 1,
    });
  });

  it('refuses an export whose mileage was lowered', async () => {
    const file = await exportNow();
    file.records[1].mileage -= 1_000;
    const result = await verifyExportedHistory(file, consortium, () => client);
    expect(result).toMatchObject({ ok: false });
    expect((result as { reason: string }).reason).toContain('do not add up');
  });

  it('refuses an export re-chained by a forger (head not held by the chain)', async () => {
    const file = await exportNow();
    file.records = file.records.slice(0, 1);
    file.head = file.records[0].head;
    const result = await verifyExportedHistory(file, consortium, () => client);
    expect((result as { reason: string }).reason).toContain('did not hold this history');
  });

  it('refuses a file that is not an export', async () => {
    const result = await verifyExportedHistory({ hello: 'world' }, consortium, () => client);
    expect((result as { reason: string }).reason).toMatch(/^Not a CarBook history export/);
  });
});
