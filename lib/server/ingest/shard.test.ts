/**
 * Ingestion routes by shard (issue 14 item 1): an ingester reads its chain's `shardRule()` at start and
 * dead-letters a reading for another shard's book as `wrong-shard` before any call or transaction for it, so a
 * stream fed to every shard's ingester is recorded once, on the book's own chain.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Deployment } from '../../dev/stack/deploy';
import { ROOT, rpc, type Anvil } from '../../dev/testing/proxy-anvil';
import { startIngestChain, stopIngestChain } from '../../dev/testing/ingest-chain';
import { readingToJson, signReading } from './reading';

let anvil: Anvil;
let deployment: Deployment;
let domain: Hex;
let dir: string;
const operatorKey = generatePrivateKey();

beforeAll(async () => {
  // Shard 0 of 2: this chain holds the books with an even id.
  ({ anvil, deployment, domain, dir } = await startIngestChain(operatorKey, 'carbook-ingest-shard-', {
    index: 0,
    count: 2,
  }));
}, 120_000);

afterAll(() => stopIngestChain({ anvil, dir }));

function ingest(source: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'lib/server/ingest/main.ts'),
        ...['--rpc', anvil.url, '--carbook', deployment.carBook, '--source', source],
        ...['--journal', path.join(dir, 'run.journal'), '--dead-letters', path.join(dir, 'run.dead')],
        '--exit-when-done',
      ],
      { cwd: ROOT, env: { ...process.env, INGEST_OPERATOR_KEY: operatorKey }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), 25_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('ingestion on one shard of two', () => {
  it("dead-letters a reading for another shard's book as wrong-shard, sending nothing", async () => {
    const device = generatePrivateKey();
    const now = BigInt(Math.floor(Date.now() / 1000));
    const reading = (tokenId: bigint) =>
      JSON.stringify(readingToJson(signReading(domain, device, { tokenId, mileage: 1_000n, timestamp: now - 60n })));
    // 12345 is odd (shard 1); 12346 is even (this shard) but has no book.
    const source = path.join(dir, 'readings.ndjson');
    writeFileSync(source, [reading(12_345n), reading(12_346n)].join('\n') + '\n');

    const run = await ingest(source);
    expect(run.code, run.stderr).toBe(0);
    const dead = readFileSync(path.join(dir, 'run.dead'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { reason: string; message: string });
    expect(dead.map((line) => [JSON.parse(line.message).tokenId, line.reason])).toEqual([
      [toHex(12_345n), 'wrong-shard'],
      [toHex(12_346n), 'unknown-device'],
    ]);
    // No gas spent: the operator sent no transaction.
    const nonce = await rpc(anvil.url, 'eth_getTransactionCount', [privateKeyToAccount(operatorKey).address, 'latest']);
    expect(BigInt(nonce as Hex)).toBe(0n);
  }, 60_000);
});
