/**
 * `npm start`'s connected cars (demo-fleet.ts) against a real chain: the ingester child process receives the
 * simulated device's readings through a pipe and records them; a book without the demo device is left alone;
 * stopping ends the ingester.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, http, keccak256, toHex, zeroAddress, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../../browser/contracts/generated';
import { demoAccounts } from './accounts';
import { DEMO_WMI_HEX, deployLocalConsortium, type Deployment } from './deploy';
import { startDemoFleet } from './demo-fleet';
import { demoDeviceAccount } from './seed';
import { Anvil } from '../testing/proxy-anvil';
import { bookIdFromParts } from '../../browser/vin';

let anvil: Anvil;
let deployment: Deployment;
let dir: string;
const client = () => createPublicClient({ transport: http(anvil.url) });

beforeAll(async () => {
  anvil = await Anvil.start();
  deployment = await deployLocalConsortium(anvil.url, 31337);
  dir = mkdtempSync(path.join(tmpdir(), 'carbook-demo-fleet-'));
}, 120_000);

afterAll(async () => {
  await anvil?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function createBook(label: string, device: Address): Promise<bigint> {
  const dealer = createWalletClient({
    account: privateKeyToAccount(demoAccounts().dealer.privateKey),
    transport: http(anvil.url),
  });
  const commitment = keccak256(toHex(`demo fleet test ${label}`));
  const hash = await dealer.writeContract({
    chain: null,
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'createCarBook',
    args: [DEMO_WMI_HEX, commitment, demoAccounts().alice.address, device, ''],
  });
  await client().waitForTransactionReceipt({ hash });
  return bookIdFromParts(DEMO_WMI_HEX, commitment);
}

const recorded = async (tokenId: bigint) =>
  client().getContractEvents({
    address: deployment.carBook,
    abi: carBookAbi,
    eventName: 'TelematicsReadingAppended',
    args: { tokenId },
    fromBlock: 0n,
  });

describe('npm start: the seeded connected cars report through the ingester', () => {
  it("records the current device's readings while it runs (a replaced key too), leaves other books alone, and stops cleanly", async () => {
    const vin = 'WVWZZZ3CZEE000004';
    // The seed replaces this car's first device (a second generation key): the demo reports with the current one.
    const connected = await createBook('connected', demoDeviceAccount(vin, 2).address);
    const plain = await createBook('plain', zeroAddress);
    const logFile = path.join(dir, 'ingest.log');
    const fleet = await startDemoFleet({
      anvilUrl: anvil.url,
      carBook: deployment.carBook,
      seeded: [
        { vin, tokenId: connected },
        { vin: 'VF1RFB00X56000005', tokenId: plain },
      ],
      logFile,
    });
    try {
      expect(fleet.vins).toEqual([vin]);
      let readings = await recorded(connected);
      for (let i = 0; i < 900 && readings.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        readings = await recorded(connected);
      }
      expect(readings.length, readFileSync(logFile, 'utf8')).toBeGreaterThanOrEqual(2);
      // Hourly device times, rising mileage, none from the future.
      const [a, b] = readings;
      expect(Number(b.args.timestamp) - Number(a.args.timestamp)).toBe(3_600);
      expect(b.args.mileage! >= a.args.mileage!).toBe(true);
      expect(Number(b.args.timestamp)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    } finally {
      await fleet.stop();
    }
    expect(readFileSync(logFile, 'utf8')).toContain('"ingester stopped"');
    expect(await recorded(plain)).toEqual([]);
  }, 150_000);
});
