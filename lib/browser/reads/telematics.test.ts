/**
 * Telematics reads on anvil: readings ingested by the maker's ingester (lib/server/ingest, in process) and a
 * workshop record, read back as the verified mileage series, its CSV, and the connected cars' status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createPublicClient, createWalletClient, http, toHex, zeroHash, type Hex, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../contracts/generated';
import { RecordKind } from '../contracts/roles';
import { demoAccounts } from '../../dev/stack/accounts';
import { deployLocalConsortium, type Deployment } from '../../dev/stack/deploy';
import { Anvil, rpc } from '../../dev/testing/proxy-anvil';
import { nextReadings, registerFleet, type FleetCar, type FleetMessage } from '../../dev/fleet/fleet';
import { createIngestMetrics } from '../../server/ingest/metrics';
import { Ingester } from '../../server/ingest/pipeline';
import { connectedCars, mileageSeries, mileageSeriesCsv, type ReadConfig } from './index';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const accounts = demoAccounts();
let anvil: Anvil;
let deployment: Deployment;
let client: PublicClient;
let config: ReadConfig;
let cars: FleetCar[];
let messages: FleetMessage[];
let recordTx: Hex;
let dir: string;

beforeAll(async () => {
  anvil = await Anvil.start();
  deployment = await deployLocalConsortium(anvil.url, 31337);
  client = createPublicClient({ transport: http(anvil.url) });
  config = { contracts: { ...deployment } };
  cars = await registerFleet({
    rpcUrl: anvil.url,
    carBook: deployment.carBook,
    dealerKey: accounts.dealer.privateKey,
    owner: accounts.alice.address,
    count: 2,
    seed: 'reads',
    faulty: 0,
    tampered: 0,
  });
  const domain = await client.readContract({
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'domainSeparator',
  });
  const firstAt = Math.floor(Date.now() / 1000) - 5 * 3_600;
  messages = [0, 1, 2].flatMap((round) => nextReadings(cars, domain, { firstAt, interval: 3_600, round }));

  const operatorKey = generatePrivateKey();
  await rpc(anvil.url, 'anvil_setBalance', [privateKeyToAccount(operatorKey).address, toHex(10n ** 24n)]);
  dir = mkdtempSync(path.join(tmpdir(), 'carbook-telematics-'));
  const ingester = new Ingester({
    rpcUrl: anvil.url,
    carBook: deployment.carBook,
    operatorKey,
    journalFile: path.join(dir, 'journal'),
    deadLetterFile: path.join(dir, 'dead'),
    maxWaitMs: 20,
    logger: pino({ level: 'silent' }),
    metrics: createIngestMetrics(),
  });
  await ingester.start();
  await Promise.all(messages.map((m) => ingester.offer(m.line)));
  await ingester.drain();
  await ingester.stop();

  const workshop = createWalletClient({
    account: privateKeyToAccount(accounts.officialWorkshop.privateKey),
    transport: http(anvil.url),
  });
  recordTx = await workshop.writeContract({
    chain: null,
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'appendRecord',
    args: [cars[0].tokenId, BigInt(cars[0].mileage + 40), RecordKind.Service, zeroHash, '0x'],
  });
  await client.waitForTransactionReceipt({ hash: recordTx });
}, 120_000);

afterAll(async () => {
  await anvil?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('mileage series (pay-as-you-drive)', () => {
  it('returns the verified readings and records of a period, each with its block and transaction', async () => {
    const car = cars[0];
    const series = await mileageSeries(client, config, car.tokenId, {
      from: 0,
      to: Math.floor(Date.now() / 1000) + 60,
    });
    expect(series.chain).toEqual({ ok: true });
    const readings = messages.filter((m) => m.reading!.tokenId === car.tokenId).map((m) => m.reading!);
    expect(series.points.map((p) => [p.source, p.mileage])).toEqual([
      ...readings.map((r) => ['reading', Number(r.mileage)]),
      ['record', car.mileage + 40],
    ]);
    for (const point of series.points) {
      const receipt = await client.getTransactionReceipt({ hash: point.transactionHash });
      expect(receipt.blockNumber).toBe(point.blockNumber);
    }
    expect(series.points.at(-1)!.transactionHash).toBe(recordTx);

    // A period holding only the middle reading.
    const middle = Number(readings[1].timestamp);
    const narrow = await mileageSeries(client, config, car.tokenId, { from: middle, to: middle });
    expect(narrow.points.map((p) => p.mileage)).toEqual([Number(readings[1].mileage)]);
  });

  it('exports the series as CSV, one line a figure, with block and transaction', async () => {
    const series = await mileageSeries(client, config, cars[0].tokenId, {
      from: 0,
      to: Math.floor(Date.now() / 1000) + 60,
    });
    const lines = mileageSeriesCsv(series).trimEnd().split('\r\n');
    expect(lines[0]).toBe('time_utc,unix_time,source,kind,mileage_km,block,transaction');
    expect(lines).toHaveLength(series.points.length + 1);
    const [time, unix, source, kind, km, block, tx] = lines[1].split(',');
    const first = series.points[0];
    expect([time, unix, source, kind, km, block, tx]).toEqual([
      new Date(first.time * 1000).toISOString(),
      String(first.time),
      'reading',
      'Telematics',
      String(first.mileage),
      first.blockNumber.toString(),
      first.transactionHash,
    ]);
  });
});

describe('connected cars (maker page reads)', () => {
  it('lists device key, last reading and readings of the last 24 hours', async () => {
    const status = await connectedCars(
      client,
      config,
      cars.map((c) => c.tokenId),
    );
    for (const [i, car] of cars.entries()) {
      const readings = messages.filter((m) => m.reading!.tokenId === car.tokenId).map((m) => m.reading!);
      expect(status[i].deviceKey?.toLowerCase()).toBe(car.device.toLowerCase());
      expect(status[i].lastReading).toMatchObject({
        mileage: Number(readings[2].mileage),
        timestamp: Number(readings[2].timestamp),
      });
      expect(status[i].readingsToday).toBe(3);
      expect(status[i].chain).toEqual({ ok: true });
    }
    // A day later none of them is from "today".
    const later = await connectedCars(client, config, [cars[0].tokenId], Math.floor(Date.now() / 1000) + 2 * 86_400);
    expect(later[0].readingsToday).toBe(0);
  });
});
