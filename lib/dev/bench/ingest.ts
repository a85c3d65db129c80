/**
 * `npm run bench:ingest [-- --json] [-- --cars 10000] [-- --seconds 60]`
 *
 * The telematics ingester (`npm run ingest`, a child process, as a maker runs it) against anvil through the
 * RPC whitelist proxy, with a simulated fleet (lib/dev/fleet):
 *
 *   ingest.readingsPerSecond  readings mined per second over the measured window (≥ --seconds)   target ≥ 1,000
 *   ingest.gasPerReading      gas used by the window's batches / readings they recorded            target ≤ 25,000
 *   ingest.recoverySeconds    SIGKILL, restart → first batch mined by the new process             target ≤ 5
 *
 * Set-up (not measured): --cars car books with device keys; a feed file of one reading a car a round (device
 * times an hour apart, the consortium's minimum interval). The first round is ingested before the window
 * opens: a car's first reading ever creates its readings' chain head and block list (two fresh storage slots,
 * ~66,000 gas), once in the car's life; the window measures the steady state. The feed is a file, so the window
 * measures what the ingester and the node sustain, not a feed rate.
 *
 * The proxy runs with its defaults except the per-sender and per-IP limits, raised for the one operator key
 * and address: those limits are the public edge's (a browser), and a maker gives its ingester its own node or
 * its own limits (lib/server/ingest/README.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import { toHex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createPublicClient, http } from 'viem';
import { carBookAbi } from '../../browser/contracts/generated';
import { demoAccounts } from '../stack/accounts';
import { deployLocalConsortium, registryAddresses } from '../stack/deploy';
import { startProxy } from '../../server/proxy/server';
import { proxyConfigFromDeployment } from '../../server/proxy/config';
import { Anvil, ROOT, freePort, rpc } from '../testing/proxy-anvil';
import { nextReadings, registerFleet } from '../fleet/fleet';
import { argValue, type Metric } from './measure';

const json = process.argv.includes('--json');
const CARS = Number(argValue('--cars') ?? 10_000);
const SECONDS = Number(argValue('--seconds') ?? 60);
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

async function scrape(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^(ingest_[a-z_]+)(?:\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (match) out[match[1]] = (out[match[1]] ?? 0) + Number(match[2]);
  }
  return out;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'carbook-bench-ingest-'));
  const anvil = await Anvil.start({ args: ['--gas-limit', '60000000'] });
  let child: ChildProcess | undefined;
  try {
    log(`anvil ${anvil.url}; deploying`);
    const deployment = await deployLocalConsortium(anvil.url, 31337);
    const proxy = await startProxy(
      proxyConfigFromDeployment({
        chainId: 31337,
        upstreams: [anvil.url],
        allowedContracts: registryAddresses(deployment, deployment.carBook),
        corsOrigins: ['http://127.0.0.1'],
        host: '127.0.0.1',
        port: 0,
        overrides: {
          log: { level: 'warn' },
          limits: {
            perIp: { max: 1_000_000, windowMs: 60_000 },
            perIpUnits: { max: 10_000_000, windowMs: 60_000 },
            perIpUpstreamMs: { max: 6_000_000, windowMs: 60_000 },
            perIpConcurrency: 64,
            perSender: { max: 1_000_000, windowMs: 60_000 },
          },
        },
      }),
    );
    const operatorKey = generatePrivateKey();
    await rpc(anvil.url, 'anvil_setBalance', [privateKeyToAccount(operatorKey).address, toHex(10n ** 27n)]);
    const client = createPublicClient({ transport: http(anvil.url) });
    const domain = await client.readContract({
      address: deployment.carBook,
      abi: carBookAbi,
      functionName: 'domainSeparator',
    });

    let t = Date.now();
    const cars = await registerFleet({
      rpcUrl: anvil.url,
      carBook: deployment.carBook,
      dealerKey: demoAccounts().dealer.privateKey,
      owner: demoAccounts().alice.address,
      count: CARS,
      seed: 'bench',
      faulty: 0,
      tampered: 0,
    });
    log(`${CARS} car books in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    // Enough rounds for the window at 1,500 readings/s, plus the warm-up round.
    const rounds = 1 + Math.ceil((SECONDS * 1_500) / CARS) + 1;
    const firstAt = Math.floor(Date.now() / 1000) - (rounds + 1) * 3_600;
    t = Date.now();
    const warmFile = path.join(dir, 'warm.ndjson');
    const feedFile = path.join(dir, 'feed.ndjson');
    writeFileSync(
      warmFile,
      `${nextReadings(cars, domain, { firstAt, interval: 3_600, round: 0 })
        .map((m) => m.line)
        .join('\n')}\n`,
    );
    const lines: string[] = [];
    for (let round = 1; round < rounds; round++) {
      lines.push(...nextReadings(cars, domain, { firstAt, interval: 3_600, round }).map((m) => m.line));
    }
    writeFileSync(feedFile, `${lines.join('\n')}\n`);
    log(`${CARS * rounds} signed readings in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const metricsPort = await freePort();
    const run = (source: string, journal: string, exitWhenDone: boolean) => {
      const proc = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(ROOT, 'lib/server/ingest/main.ts'),
          '--rpc',
          proxy.url,
          '--carbook',
          deployment.carBook,
          '--source',
          source,
          '--journal',
          path.join(dir, journal),
          '--dead-letters',
          path.join(dir, 'dead.ndjson'),
          '--metrics-port',
          String(metricsPort),
          ...(exitWhenDone ? ['--exit-when-done'] : []),
        ],
        { cwd: ROOT, env: { ...process.env, INGEST_OPERATOR_KEY: operatorKey }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      proc.stderr.on('data', (chunk) => (stderr += chunk));
      const done = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
      return { proc, done, log: () => stderr };
    };

    t = Date.now();
    const warm = run(warmFile, 'warm.journal', true);
    if ((await warm.done) !== 0) throw new Error(`warm-up ingest failed:\n${warm.log().slice(-2000)}`);
    log(`warm-up round (first readings) ingested in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const main = run(feedFile, 'feed.journal', false);
    child = main.proc;
    let before: Record<string, number> | undefined;
    for (let i = 0; i < 300 && !before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      try {
        const m = await scrape(metricsPort);
        if ((m.ingest_batches_mined_total ?? 0) >= 1) before = m;
      } catch {
        // not listening yet
      }
    }
    if (!before) throw new Error(`the ingester mined nothing:\n${main.log().slice(-2000)}`);
    const load0 = loadavg()[0];
    const windowStart = Date.now();
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    const after = await scrape(metricsPort);
    const windowSeconds = (Date.now() - windowStart) / 1000;
    const load1 = loadavg()[0];
    const mined = after.ingest_readings_mined_total - before.ingest_readings_mined_total;
    const gas = after.ingest_gas_used_total - before.ingest_gas_used_total;
    const batches = after.ingest_batches_mined_total - before.ingest_batches_mined_total;

    // Recovery: SIGKILL mid-stream, restart on the same journal, time to the new process's first mined batch.
    main.proc.kill('SIGKILL');
    await main.done;
    const restartedAt = Date.now();
    const again = run(feedFile, 'feed.journal', false);
    child = again.proc;
    let recovery: number | undefined;
    for (let i = 0; i < 600 && recovery === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      if (again.log().includes('"batch mined"')) recovery = (Date.now() - restartedAt) / 1000;
    }
    if (recovery === undefined) throw new Error(`no batch mined after the restart:\n${again.log().slice(-2000)}`);
    again.proc.kill('SIGTERM');
    await again.done;
    if (process.env.BENCH_INGEST_LOG)
      writeFileSync(process.env.BENCH_INGEST_LOG, `${main.log()}\n=====\n${again.log()}`);
    child = undefined;
    await proxy.close();

    const metrics: Metric[] = [
      { metric: 'ingest.readingsPerSecond', value: Math.round(mined / windowSeconds), unit: 'readings/s' },
      { metric: 'ingest.gasPerReading', value: Math.round(gas / mined), unit: 'gas' },
      { metric: 'ingest.recoverySeconds', value: Number(recovery.toFixed(2)), unit: 's' },
      { metric: 'ingest.readingsPerBatch', value: Math.round(mined / batches), unit: 'readings' },
      { metric: 'ingest.windowSeconds', value: Number(windowSeconds.toFixed(1)), unit: 's' },
      { metric: 'ingest.loadAverage1m', value: Number(((load0 + load1) / 2).toFixed(2)), unit: 'load' },
    ];
    for (const m of metrics) {
      if (json) process.stdout.write(`${JSON.stringify(m)}\n`);
      else process.stderr.write(`${m.metric.padEnd(28)} ${m.value} ${m.unit}\n`);
    }
  } finally {
    child?.kill('SIGKILL');
    await anvil.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
