/**
 * The telematics ingester against a real chain (anvil, the demo consortium deployed), run as the CLI a maker
 * runs (`lib/server/ingest/main.ts`, a child process), including SIGKILL at the points where a crash could
 * lose or duplicate a reading. Every test checks the chain: the readings recorded for each car (its
 * `TelematicsReadingAppended` logs, its `readingsHead` hash chain and its `readingChain` count) equal the valid
 * input, in order, once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAbiParameters, keccak256, parseTransaction, toHex, zeroHash, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../../browser/contracts/generated';
import { demoAccounts } from '../../dev/stack/accounts';
import type { Deployment } from '../../dev/stack/deploy';
import { ROOT, freePort, rpc, type Anvil } from '../../dev/testing/proxy-anvil';
import { startIngestChain, stopIngestChain } from '../../dev/testing/ingest-chain';
import mqtt from 'mqtt';
import { nextReadings, registerFleet, type FleetCar, type FleetMessage } from '../../dev/fleet/fleet';
import { signReading, readingToJson } from './reading';
import { cursorSlot, stateSlot } from './pipeline';
import { createPublicClient, http } from 'viem';

const accounts = demoAccounts();
let anvil: Anvil;
let deployment: Deployment;
let domain: Hex;
let dir: string;
const operatorKey = generatePrivateKey();
const client = () => createPublicClient({ transport: http(anvil.url) });

beforeAll(async () => {
  ({ anvil, deployment, domain, dir } = await startIngestChain(operatorKey, 'carbook-ingest-'));
}, 120_000);

/** Ingester processes still running: killed after the tests, so that a failed test leaves none behind. */
const live = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of live) child.kill('SIGKILL');
  await stopIngestChain({ anvil, dir });
});

async function fleet(
  seed: string,
  count: number,
  kinds: { faulty?: number; tampered?: number } = {},
): Promise<FleetCar[]> {
  return registerFleet({
    rpcUrl: anvil.url,
    carBook: deployment.carBook,
    dealerKey: accounts.dealer.privateKey,
    owner: accounts.alice.address,
    count,
    seed,
    faulty: kinds.faulty ?? 0,
    tampered: kinds.tampered ?? 0,
  });
}

/** `rounds` readings a car, an hour apart (the consortium's minimum interval), ending a few minutes ago. */
function feed(cars: FleetCar[], rounds: number): FleetMessage[] {
  const firstAt = Math.floor(Date.now() / 1000) - rounds * 3_600 - 600;
  const out: FleetMessage[] = [];
  for (let round = 0; round < rounds; round++)
    out.push(...nextReadings(cars, domain, { firstAt, interval: 3_600, round }));
  return out;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function ingest(name: string, source: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  return startIngester(name, source, ['--exit-when-done', ...extra], env, 25_000).done;
}

function startIngester(name: string, source: string, extra: string[], env: Record<string, string>, timeoutMs: number) {
  let child!: ChildProcess;
  let stderr = '';
  const done = new Promise<Run>((resolve) => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'lib/server/ingest/main.ts'),
        '--rpc',
        anvil.url,
        '--carbook',
        deployment.carBook,
        '--source',
        source,
        '--journal',
        path.join(dir, `${name}.journal`),
        '--dead-letters',
        path.join(dir, `${name}.dead`),
        '--max-batch-readings',
        '3',
        '--max-wait-ms',
        '50',
        ...extra,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, INGEST_OPERATOR_KEY: operatorKey, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    live.add(child);
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    // A run that hangs fails its test with its log rather than the test's timeout.
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('exit', (code, signal) => {
      live.delete(child);
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
  return { child, done, log: () => stderr };
}

/** The low 64 bits of a reading chain's head are cleared (they hold the cursor in storage). */
const HEAD_MASK = ~((1n << 64n) - 1n) & ((1n << 256n) - 1n);

/**
 * What the chain recorded for a car, from its logs, and whether its `readingsHead` and `readingChain` match
 * them: each head recomputed (masked), each `previousBlock` the block of the reading before, the count.
 */
async function onChain(tokenId: bigint): Promise<{ readings: [number, number][]; headMatches: boolean }> {
  const logs = await client().getContractEvents({
    address: deployment.carBook,
    abi: carBookAbi,
    eventName: 'TelematicsReadingAppended',
    args: { tokenId },
    fromBlock: 0n,
  });
  let head: Hex = zeroHash;
  let previousBlock = 0n;
  let linked = true;
  for (const log of logs) {
    head = toHex(
      BigInt(
        keccak256(
          encodeAbiParameters(
            [{ type: 'bytes32' }, { type: 'uint256' }, { type: 'uint64' }, { type: 'uint64' }],
            [head, tokenId, log.args.mileage!, log.args.timestamp!],
          ),
        ),
      ) & HEAD_MASK,
      { size: 32 },
    );
    linked &&= log.args.head === head && log.args.previousBlock === previousBlock;
    previousBlock = log.blockNumber;
  }
  const [onChainHead, [chainHead, newestBlock, count]] = await Promise.all([
    client().readContract({
      address: deployment.carBook,
      abi: carBookAbi,
      functionName: 'readingsHead',
      args: [tokenId],
    }),
    client().readContract({
      address: deployment.carBook,
      abi: carBookAbi,
      functionName: 'readingChain',
      args: [tokenId],
    }),
  ]);
  return {
    readings: logs.map((l) => [Number(l.args.mileage), Number(l.args.timestamp)]),
    headMatches:
      linked &&
      head === onChainHead &&
      (logs.length === 0 || chainHead === head) &&
      newestBlock === previousBlock &&
      count === BigInt(logs.length),
  };
}

async function expectChainEqualsValidInput(cars: FleetCar[], messages: FleetMessage[]): Promise<void> {
  for (const car of cars) {
    const expected = messages
      .filter((m) => m.valid && m.reading!.tokenId === car.tokenId)
      .map((m) => [Number(m.reading!.mileage), Number(m.reading!.timestamp)]);
    const actual = await onChain(car.tokenId);
    expect(actual.readings).toEqual(expected);
    expect(actual.headMatches).toBe(true);
  }
}

const deadReasons = (name: string) =>
  readFileSync(path.join(dir, `${name}.dead`), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { reason: string }).reason);

describe('ingest from NDJSON', () => {
  it('records every valid reading once and dead-letters each bad one with its reason, without stopping', async () => {
    const cars = await fleet('dead', 3);
    const messages = feed(cars, 3);
    const [a, b] = cars;
    const now = Math.floor(Date.now() / 1000);
    const last = (car: FleetCar) =>
      messages.filter((m) => m.valid && m.reading!.tokenId === car.tokenId).at(-1)!.reading!;
    const signed = (car: FleetCar, mileage: number, timestamp: number, key = car.deviceKey): string =>
      JSON.stringify(
        readingToJson(
          signReading(domain, key, { tokenId: car.tokenId, mileage: BigInt(mileage), timestamp: BigInt(timestamp) }),
        ),
      );
    const stranger = generatePrivateKey();
    const bad: [string, string][] = [
      ['malformed', '{"tokenId": 1, "mileage":'],
      ['malformed', JSON.stringify({ ...readingToJson(last(a)), r: 'nope' })],
      ['bad-signature', signed(a, last(a).mileage + 10n > 0n ? Number(last(a).mileage) + 10 : 0, now - 60, stranger)],
      ['unknown-device', signed({ ...a, tokenId: 12345n }, 10, now - 60)],
      ['replayed', JSON.stringify(readingToJson(last(b)))],
      ['decreasing', signed(b, Number(last(b).mileage) - 1, now - 60)],
      ['future', signed(b, Number(last(b).mileage) + 1, now + 3_600)],
      ['too-old', signed(b, Number(last(b).mileage) + 1, now - 40 * 86_400)],
      ['not-newer', signed(b, Number(last(b).mileage) + 1, Number(last(b).timestamp) - 1)],
    ];
    const lines = [...messages.map((m) => m.line), ...bad.map(([, line]) => line)];
    const file = path.join(dir, 'dead.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const run = await ingest('dead', file);
    expect(run.code, run.stderr).toBe(0);
    await expectChainEqualsValidInput(cars, messages);
    expect(deadReasons('dead').sort()).toEqual(bad.map(([reason]) => reason).sort());
    // Each dead letter whose line parsed names its book, so the maker's page can join it to the car.
    const records = readFileSync(path.join(dir, 'dead.dead'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { reason: string; tokenId?: string; message: string });
    const named = (tokenId: bigint) => `0x${tokenId.toString(16)}`;
    expect(records.find((r) => r.reason === 'replayed')?.tokenId).toBe(named(b.tokenId));
    expect(records.find((r) => r.reason === 'bad-signature')?.tokenId).toBe(named(a.tokenId));
    expect(records.find((r) => r.reason === 'unknown-device')?.tokenId).toBe(named(12345n));
    expect(records.filter((r) => r.reason === 'malformed').every((r) => r.tokenId === undefined)).toBe(true);
  });

  it('dead-letters a reading signed by a rotated device key as rotated-device', async () => {
    const [car] = await fleet('rotated', 1);
    const messages = feed([car], 1);
    const { createWalletClient } = await import('viem');
    const dealer = createWalletClient({
      account: privateKeyToAccount(accounts.dealer.privateKey),
      transport: http(anvil.url),
    });
    const newKey = generatePrivateKey();
    const hash = await dealer.writeContract({
      chain: null,
      address: deployment.carBook,
      abi: carBookAbi,
      functionName: 'rotateDeviceKey',
      args: [car.tokenId, privateKeyToAccount(newKey).address],
    });
    await client().waitForTransactionReceipt({ hash });
    const fresh = signReading(domain, newKey, {
      tokenId: car.tokenId,
      mileage: BigInt(car.mileage + 5),
      timestamp: BigInt(car.lastAt + 3_600),
    });
    const file = path.join(dir, 'rotated.ndjson');
    writeFileSync(file, `${messages[0].line}\n${JSON.stringify(readingToJson(fresh))}\n`);
    const run = await ingest('rotated', file);
    expect(run.code, run.stderr).toBe(0);
    expect(deadReasons('rotated')).toEqual(['rotated-device']);
    expect((await onChain(car.tokenId)).readings).toEqual([[Number(fresh.mileage), Number(fresh.timestamp)]]);
  });

  it('restart: cars restored from the journal, and a key rotated while it was down is not trusted', async () => {
    const cars = await fleet('restore', 3);
    const first = feed(cars, 2);
    const file1 = path.join(dir, 'restore-1.ndjson');
    writeFileSync(file1, `${first.map((m) => m.line).join('\n')}\n`);
    const run1 = await ingest('restore', file1);
    expect(run1.code, run1.stderr).toBe(0);

    // While the ingester is down, car 0's device key is rotated on chain.
    const [rotated] = cars;
    const { createWalletClient } = await import('viem');
    const dealer = createWalletClient({
      account: privateKeyToAccount(accounts.dealer.privateKey),
      transport: http(anvil.url),
    });
    const newKey = generatePrivateKey();
    const hash = await dealer.writeContract({
      chain: null,
      address: deployment.carBook,
      abi: carBookAbi,
      functionName: 'rotateDeviceKey',
      args: [rotated.tokenId, privateKeyToAccount(newKey).address],
    });
    await client().waitForTransactionReceipt({ hash });

    // The same journal, a second feed: the old key's reading for car 0, the new key's, the others' as usual.
    const at = (car: FleetCar, hours: number) => BigInt(car.lastAt + hours * 3_600);
    const reading = (car: FleetCar, key: Hex, hours: number) =>
      signReading(domain, key, {
        tokenId: car.tokenId,
        mileage: BigInt(car.mileage + hours),
        timestamp: at(car, hours),
      });
    const stale = reading(rotated, rotated.deviceKey, 1);
    const fresh = reading(rotated, newKey, 1);
    const others = cars.slice(1).map((car) => reading(car, car.deviceKey, 1));
    // The source file grew (a file source resumes after the lines it journaled).
    const more = [stale, fresh, ...others].map((r) => JSON.stringify(readingToJson(r)));
    writeFileSync(file1, `${[...first.map((m) => m.line), ...more].join('\n')}\n`);
    const run2 = await ingest('restore', file1);
    expect(run2.code, run2.stderr).toBe(0);
    // Every car's state came from the journal (no reload through the node before the first check)…
    const restored = run2.stderr
      .split('\n')
      .filter((line) => line.includes('"cars restored from the journal"'))
      .map((line) => JSON.parse(line) as { restored: number; cached: number });
    expect(restored).toEqual([{ ...restored[0], restored: 3, cached: 2 }]);
    // …except the rotated car's, dropped by the refresh: its old key's reading is dead-lettered, not sent.
    expect(deadReasons('restore')).toEqual(['rotated-device']);
    const expected = (car: FleetCar, extra: typeof others) => [
      ...first
        .filter((m) => m.reading!.tokenId === car.tokenId)
        .map((m) => [Number(m.reading!.mileage), Number(m.reading!.timestamp)]),
      ...extra.filter((r) => r.tokenId === car.tokenId).map((r) => [Number(r.mileage), Number(r.timestamp)]),
    ];
    expect((await onChain(rotated.tokenId)).readings).toEqual(expected(rotated, [fresh]));
    for (const car of cars.slice(1)) expect((await onChain(car.tokenId)).readings).toEqual(expected(car, others));
  });

  it("access-lists each car's readingCursors slot and not its state slot (signed transactions decoded)", async () => {
    const cars = await fleet('access', 3);
    const messages = feed(cars, 2);
    const file = path.join(dir, 'access.ndjson');
    writeFileSync(file, `${messages.map((m) => m.line).join('\n')}\n`);
    const run = await ingest('access', file);
    expect(run.code, run.stderr).toBe(0);
    await expectChainEqualsValidInput(cars, messages);
    const sends = readFileSync(path.join(dir, 'access.journal'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { t: string; raw?: Hex; keys?: string[] })
      .filter((entry) => entry.t === 'send');
    expect(sends.length).toBeGreaterThan(0);
    for (const send of sends) {
      const tx = parseTransaction(send.raw!);
      expect(tx.type).toBe('eip2930');
      const ids = [...new Set(send.keys!.map((key) => BigInt(`0x${key.split(':')[0]}`)))];
      expect(tx.accessList).toEqual([{ address: deployment.carBook, storageKeys: ids.map((id) => cursorSlot(id)) }]);
      for (const id of ids) expect(tx.accessList![0].storageKeys).not.toContain(stateSlot(id));
    }
    // The listed slot is the cursor indeed: its word is `readingChain`'s head | newest block << 32 | count.
    for (const car of cars) {
      const [head, newestBlock, count] = await client().readContract({
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'readingChain',
        args: [car.tokenId],
      });
      const word = await client().getStorageAt({ address: deployment.carBook, slot: cursorSlot(car.tokenId) });
      expect(BigInt(word!)).toBe(BigInt(head) | (newestBlock << 32n) | count);
      expect(count).toBe(2n);
    }
  });

  it('a batch that reverts whole goes back ahead of the newer readings of its cars, in order: none lost', async () => {
    const cars = await fleet('revert', 4);
    const messages = feed(cars, 4);
    const file = path.join(dir, 'revert.ndjson');
    writeFileSync(file, `${messages.map((m) => m.line).join('\n')}\n`);
    // The first batch is signed with half its gas: it reverts while later batches are in flight.
    const run = await ingest('revert', file, [], { INGEST_FAULT: 'low-gas:1' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('batch reverted');
    await expectChainEqualsValidInput(cars, messages);
    // Nothing refused as not newer (the old order re-sent them behind their cars' newer readings, then lost them).
    expect(existsSync(path.join(dir, 'revert.dead')) ? deadReasons('revert') : []).toEqual([]);
  });

  it('--dry-run validates a feed and sends nothing', async () => {
    const cars = await fleet('dry', 2);
    const messages = feed(cars, 2);
    const file = path.join(dir, 'dry.ndjson');
    writeFileSync(file, `${messages.map((m) => m.line).join('\n')}\nnot json\n`);
    const run = await ingest('dry', file, ['--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    for (const car of cars) expect((await onChain(car.tokenId)).readings).toEqual([]);
  });
});

describe('ingest after SIGKILL: the chain equals the accepted input, no duplicate, no gap', () => {
  const points: [string, string][] = [
    ['mid-batch (readings journaled, batch not formed)', 'mid-batch:7'],
    ['during the journal write (torn line)', 'journal-half-written:4'],
    ['after journaling a batch, before broadcasting it', 'before-send:2'],
    ['between send and receipt', 'after-send:3'],
  ];
  for (const [label, fault] of points) {
    it(`killed ${label}, then restarted`, async () => {
      const name = `kill-${fault.replace(/[^a-z0-9]/g, '-')}`;
      const cars = await fleet(name, 4, { faulty: 0.25 });
      const messages = feed(cars, 4);
      const file = path.join(dir, `${name}.ndjson`);
      writeFileSync(file, `${messages.map((m) => m.line).join('\n')}\n`);
      const first = await ingest(name, file, [], { INGEST_FAULT: fault });
      expect(first.signal, first.stderr).toBe('SIGKILL');
      const second = await ingest(name, file);
      expect(second.code, second.stderr).toBe(0);
      await expectChainEqualsValidInput(cars, messages);
    });
  }

  const compactions: [string, string][] = [
    ['half-way through writing the compacted file', 'journal-compact-half-written:2'],
    ['after the compacted file is synced, before the rename', 'journal-compact-before-rename:2'],
    ['after the rename, before the directory sync', 'journal-compact-renamed:2'],
  ];
  for (const [label, fault] of compactions) {
    it(`killed during a journal compaction (${label}), then restarted`, async () => {
      const name = `compact-${fault.replace(/[^a-z0-9]/g, '-')}`;
      const cars = await fleet(name, 4, { faulty: 0.25 });
      const messages = feed(cars, 6);
      const file = path.join(dir, `${name}.ndjson`);
      writeFileSync(file, `${messages.map((m) => m.line).join('\n')}\n`);
      const compact = ['--compact-bytes', '2500'];
      const first = await ingest(name, file, compact, { INGEST_FAULT: fault });
      expect(first.signal, first.stderr).toBe('SIGKILL');
      const second = await ingest(name, file, compact);
      expect(second.code, second.stderr).toBe(0);
      await expectChainEqualsValidInput(cars, messages);
    });
  }

  it('compacts the journal past --compact-bytes: a snapshot and the live entries, nothing lost', async () => {
    const cars = await fleet('compact', 4);
    const messages = feed(cars, 6);
    const file = path.join(dir, 'compact.ndjson');
    writeFileSync(file, `${messages.map((m) => m.line).join('\n')}\n`);
    // The key from a file (INGEST_OPERATOR_KEY_FILE), as systemd credentials and container secrets hand it over.
    const keyFile = path.join(dir, 'operator.key');
    writeFileSync(keyFile, `${operatorKey}\n`, { mode: 0o600 });
    const run = await ingest('compact', file, ['--compact-bytes', '2500'], {
      INGEST_OPERATOR_KEY: '',
      INGEST_OPERATOR_KEY_FILE: keyFile,
    });
    expect(run.code, run.stderr).toBe(0);
    await expectChainEqualsValidInput(cars, messages);
    const journal = readFileSync(path.join(dir, 'compact.journal'), 'utf8').trim().split('\n');
    expect((JSON.parse(journal[0]) as { t: string }).t).toBe('snap');
    // Everything it held when last compacted was still live: far fewer lines than readings.
    expect(journal.length).toBeLessThan(messages.length);
    // A second run on the same journal and feed resumes after the snapshot's position: it sends nothing.
    const again = await ingest('compact', file, ['--compact-bytes', '2500']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('"batch sent"');
    await expectChainEqualsValidInput(cars, messages);
  });

  it('waits 10 s before taking a batch whose nonce another transaction used as replaced, then sends its readings again', async () => {
    const cars = await fleet('replaced', 2);
    const messages = feed(cars, 1);
    const file = path.join(dir, 'replaced.ndjson');
    writeFileSync(file, `${messages.map((m) => m.line).join('\n')}\n`);
    const journal = path.join(dir, 'replaced.journal');
    await rpc(anvil.url, 'evm_setAutomine', [false]);
    let run: ReturnType<typeof startIngester> | undefined;
    let usedAt: number;
    try {
      run = startIngester('replaced', file, ['--exit-when-done', '--stuck-after-ms', '120000'], {}, 45_000);
      let send: { hash: Hex; nonce: number } | undefined;
      for (let i = 0; i < 200 && !send; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        let text = '';
        try {
          text = readFileSync(journal, 'utf8');
        } catch {
          // not created yet
        }
        const line = text.split('\n').find((l) => l.includes('"t":"send"'));
        if (line) send = JSON.parse(line) as { hash: Hex; nonce: number };
      }
      expect(send, run.log()).toBeDefined();
      // Another transaction of the operator takes the batch's nonce (the batch's own never mines).
      await rpc(anvil.url, 'anvil_dropTransaction', [send!.hash]);
      const operator = privateKeyToAccount(operatorKey);
      const other = await operator.signTransaction({
        type: 'legacy',
        chainId: 31337,
        nonce: send!.nonce,
        to: operator.address,
        gas: 21_000n,
        gasPrice: 10n ** 11n,
      });
      await rpc(anvil.url, 'eth_sendRawTransaction', [other]);
      await rpc(anvil.url, 'evm_mine', []);
      usedAt = Date.now();
      await rpc(anvil.url, 'evm_setAutomine', [true]);
    } finally {
      await rpc(anvil.url, 'evm_setAutomine', [true]);
    }
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    const droppedAt = result.stderr
      .split('\n')
      .filter((line) => line.includes('the batch nonce was used by another transaction'))
      .map((line) => (JSON.parse(line) as { time: number }).time);
    expect(droppedAt, result.stderr).toHaveLength(1);
    // Not before 10 s: a node may count a nonce before it serves the receipt of the transaction that used it.
    expect(droppedAt[0] - usedAt).toBeGreaterThanOrEqual(10_000);
    expect(readFileSync(journal, 'utf8')).toContain('"t":"drop"');
    await expectChainEqualsValidInput(cars, messages);
  }, 60_000);

  it('replaces a stuck transaction with the same nonce and records its readings once', async () => {
    const cars = await fleet('stuck', 2);
    const messages = feed(cars, 2);
    const file = path.join(dir, 'stuck.ndjson');
    writeFileSync(file, `${messages.map((m) => m.line).join('\n')}\n`);
    await rpc(anvil.url, 'evm_setAutomine', [false]);
    try {
      const run = ingest('stuck', file, ['--stuck-after-ms', '300', '--max-in-flight', '1']);
      // Let it broadcast and replace at least once, then mine.
      const journal = path.join(dir, 'stuck.journal');
      for (let i = 0; i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        let text = '';
        try {
          text = readFileSync(journal, 'utf8');
        } catch {
          // not created yet
        }
        if (text.includes('"t":"bump"')) break;
      }
      await rpc(anvil.url, 'evm_setAutomine', [true]);
      await rpc(anvil.url, 'evm_mine', []);
      const result = await run;
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(journal, 'utf8')).toContain('"t":"bump"');
    } finally {
      await rpc(anvil.url, 'evm_setAutomine', [true]);
    }
    await expectChainEqualsValidInput(cars, messages);
  });
});

describe('ingest from MQTT (mosquitto)', () => {
  let broker: ChildProcess;
  let brokerUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    const config = path.join(dir, 'mosquitto.conf');
    writeFileSync(config, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    broker = spawn('/usr/sbin/mosquitto', ['-c', config], { stdio: 'ignore' });
    brokerUrl = `mqtt://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        const probe = await mqtt.connectAsync(brokerUrl, { reconnectPeriod: 0 });
        await probe.endAsync();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error('mosquitto did not start');
  });

  afterAll(() => {
    broker?.kill('SIGKILL');
  });

  it('ingests gateway messages at QoS 1; killed between send and receipt, the broker redelivers and nothing doubles', async () => {
    const cars = await fleet('mqtt', 4, { faulty: 0.25 });
    const messages = feed(cars, 4);
    const topic = 'fleet/readings';
    const extra = ['--topic', topic, '--client-id', 'ingest-test'];
    const first = startIngester('mqtt', brokerUrl, extra, { INGEST_FAULT: 'after-send:2' }, 25_000);
    // Wait until it subscribed (its persistent session then queues what it misses).
    for (let i = 0; i < 150 && !first.log().includes('"subscribed"'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(first.log()).toContain('"subscribed"');
    const publisher = await mqtt.connectAsync(brokerUrl);
    // Gateways forward a few readings a message, newline-separated.
    for (let i = 0; i < messages.length; i += 3) {
      await publisher.publishAsync(
        topic,
        messages
          .slice(i, i + 3)
          .map((m) => m.line)
          .join('\n'),
        { qos: 1 },
      );
    }
    await publisher.endAsync();
    const killed = await first.done;
    expect(killed.signal, killed.stderr).toBe('SIGKILL');

    const second = startIngester('mqtt', brokerUrl, extra, {}, 30_000);
    const expected = messages.filter((m) => m.valid).length;
    for (let i = 0; i < 200; i++) {
      const recorded = (await Promise.all(cars.map((car) => onChain(car.tokenId)))).reduce(
        (n, c) => n + c.readings.length,
        0,
      );
      if (recorded >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    second.child.kill('SIGTERM');
    const stopped = await second.done;
    expect(stopped.code, stopped.stderr).toBe(0);
    await expectChainEqualsValidInput(cars, messages);
  });
});
