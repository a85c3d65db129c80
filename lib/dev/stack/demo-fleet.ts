/**
 * `npm start`'s connected cars: the seeded cars with a telematics device keep reporting while the demo runs, so a
 * person sees readings arrive on /verify. The devices are simulated here (demo keys derived from the VIN, as the
 * seed does: public, demo only); their signed readings go, as NDJSON through a pipe (no MQTT broker needed), to
 * the maker's ingester (lib/server/ingest, a child process) with the maker's telematics operator key, which
 * checks, journals and batches them into the car books like in production.
 *
 * Time: the consortium's minimum interval between a car's readings is one hour, and a reading may not be from
 * the future. The seed's readings are a month old or more, so each device first uploads the hourly readings it
 * kept over the last 12 hours, one every few seconds (what a car that was out of coverage does), then one an
 * hour of wall-clock time.
 *
 * Kept in its own file: the stack itself (stack.ts) knows nothing of it; serve.ts starts and stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, http, keccak256, toHex, type Address, type Hex } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../../browser/contracts/generated';
import { readingToJson, signReading } from '../../server/ingest/reading';
import { DEV_MNEMONIC } from './accounts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The maker's telematics operator: anvil's mnemonic, index 10 (after the ten demo roles). Public dev key. */
export const DEMO_TELEMATICS_OPERATOR_INDEX = 10;
/** Seconds between two uploaded readings while a device catches up on the hours it kept. */
const CATCH_UP_EVERY_MS = 5_000;
const HOUR = 3_600;

export interface DemoFleet {
  vins: string[];
  log: string;
  stop(): Promise<void>;
}

interface Device {
  vin: string;
  tokenId: bigint;
  key: Hex;
  mileage: number;
  /** Device time of the car's last reading (seconds). */
  lastAt: number;
}

/** The seed's demo device key for a VIN (the same derivation as seed.ts's `demoDeviceAccount`). */
const demoDeviceKey = (vin: string): Hex => keccak256(toHex(`carbook demo telematics device ${vin}`));

function operatorKey(): Hex {
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: DEMO_TELEMATICS_OPERATOR_INDEX });
  return toHex(account.getHdKey().privateKey!);
}

/**
 * Starts the ingester and the simulated devices of the seeded connected cars (books with a device key whose key
 * is the demo derivation). Resolves once the ingester process is spawned; its output goes to `logFile`.
 */
export async function startDemoFleet(options: {
  anvilUrl: string;
  carBook: Address;
  seeded: readonly { vin: string; tokenId: bigint }[];
  logFile: string;
  now?: () => number;
}): Promise<DemoFleet> {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const client = createPublicClient({ transport: http(options.anvilUrl) });
  const carBook = { address: options.carBook, abi: carBookAbi } as const;
  const domain = await client.readContract({ ...carBook, functionName: 'domainSeparator' });
  const devices: Device[] = [];
  for (const { vin, tokenId } of options.seeded) {
    const [deviceKey, book] = await Promise.all([
      client.readContract({ ...carBook, functionName: 'deviceKey', args: [tokenId] }),
      client.readContract({ ...carBook, functionName: 'book', args: [tokenId] }),
    ]);
    const key = demoDeviceKey(vin);
    if (book.status !== 1 || deviceKey.toLowerCase() !== privateKeyToAccount(key).address.toLowerCase()) continue;
    devices.push({ vin, tokenId, key, mileage: Number(book.mileage), lastAt: Number(book.lastReadingAt) });
  }
  if (devices.length === 0) return { vins: [], log: options.logFile, stop: async () => undefined };

  // Gas for the operator (anvil's default accounts are the ten demo roles).
  const operator = operatorKey();
  await client.request({
    method: 'anvil_setBalance' as never,
    params: [privateKeyToAccount(operator).address, toHex(10n ** 21n)] as never,
  });
  // The chain is new at every start: so is the journal.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'carbook-demo-ingest-'));
  const logStream = createWriteStream(options.logFile, { flags: 'w' });
  const ingester: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'lib/server/ingest/main.ts'),
      '--rpc',
      options.anvilUrl,
      '--carbook',
      options.carBook,
      '--source',
      '-',
      '--journal',
      path.join(dir, 'journal.ndjson'),
      '--dead-letters',
      path.join(dir, 'dead-letters.ndjson'),
      '--max-wait-ms',
      '200',
    ],
    { cwd: ROOT, env: { ...process.env, INGEST_OPERATOR_KEY: operator }, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  ingester.stderr!.pipe(logStream);
  ingester.stdin!.on('error', () => undefined); // the ingester went away: its exit is logged, the demo goes on
  const exited = new Promise<void>((resolve) => ingester.once('exit', () => resolve()));

  for (const device of devices) device.lastAt = Math.max(device.lastAt, now() - 13 * HOUR);
  let sent = 0;
  const tick = () => {
    const lines: string[] = [];
    for (const device of devices) {
      const at = device.lastAt + HOUR;
      if (at > now()) continue;
      // A few kilometres to a few dozen an hour, the same sequence at every start.
      device.mileage += Number(BigInt(keccak256(toHex(`${device.vin} ${sent} km`))) % 35n);
      device.lastAt = at;
      const reading = signReading(domain, device.key, {
        tokenId: device.tokenId,
        mileage: BigInt(device.mileage),
        timestamp: BigInt(at),
      });
      lines.push(JSON.stringify(readingToJson(reading)));
      sent++;
    }
    if (lines.length > 0 && ingester.stdin!.writable) ingester.stdin!.write(`${lines.join('\n')}\n`);
  };
  const timer = setInterval(tick, CATCH_UP_EVERY_MS);
  tick();

  return {
    vins: devices.map((d) => d.vin),
    log: options.logFile,
    stop: async () => {
      clearInterval(timer);
      ingester.stdin!.end();
      if (ingester.exitCode === null) ingester.kill('SIGTERM');
      const killer = setTimeout(() => ingester.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
      logStream.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
