/**
 * `npm run bench:ingest [-- --json] [-- --cars 10000] [-- --seconds 60] [-- --block-time 2]`
 *
 * The telematics ingester, bundled as a maker deploys it (one esbuild file run by plain node: no TypeScript
 * compiler at start-up, which on a loaded machine took longer than the recovery target), as a child process
 * against anvil through the RPC whitelist proxy, with a simulated fleet (lib/dev/fleet):
 *
 *   ingest.readingsPerSecond  readings mined per second over the fixed window (--seconds)          target ≥ 1,000
 *   ingest.gasPerReading      gas used by the window's batches / readings they recorded            target ≤ 25,000
 *   ingest.recoverySeconds    SIGKILL, restart → first batch signed by the new process mined      target ≤ 5
 *   ingest.peakMemoryMB       the ingester's peak resident memory (VmHWM) over the window
 *   ingest.loadAverage1m      the machine's 1-minute load average, mean of the window's start and end
 *   ingest.cpuCores*          CPU used over the window by the ingester (all its threads), this process (the
 *                             RPC proxy) and anvil, in cores; the stage timers and a CPU profile
 *                             (BENCH_INGEST_PROFILE=<file>) go to stderr / that file
 *
 * Chain: anvil with a 2 s block time (interval mining, like the consortium's QBFT chain) and a 1,000,000,000
 * block gas limit, so that a block takes every batch sent during its 2 s (the ingester keeps --max-in-flight
 * batches, each with its own nonce). Not automine: anvil then mines each transaction as it arrives, inside
 * eth_sendRawTransaction, so the ingester's broadcasts would wait for the node's execution one batch at a
 * time and the figure would be anvil's per-block cost, not the pipeline's. `--block-time 0` measures that.
 * Unlike production: one node, no consensus round, and 33 times the production block gas limit (30 M, where a
 * shard takes ~670 readings a second: docs/CAPACITY.md). The figure is the ingester's, run once per shard.
 *
 * Set-up (not measured): --cars car books with device keys, created with interval mining of one second (a
 * few thousand creations a block instead of one block each); a pre-generated feed file of one signed reading
 * a car a round (device times an hour apart, the consortium's minimum interval). A warm-up is ingested
 * before the window opens, cars staggered (see WARM_UP_ROUNDS): a car's first reading ever creates its
 * reading cursor and checkpoint list (two fresh storage slots, ~59,000 gas), once in the car's life, and every
 * eighth reading is a checkpoint (its block joins `readingCheckpoints`, +5,457 gas; one checkpoint in eight
 * writes a fresh word of that list, +27,659 in all); the window measures the steady state of a fleet at every
 * checkpoint phase. The feed is
 * a file, so the window measures what the ingester and the node sustain, not a feed rate; the bench fails if
 * the feed runs out during the window (then the figure would understate the rate).
 *
 * The proxy runs with its defaults except the per-sender and per-IP limits, raised for the one operator key
 * and address: those limits are the public edge's (a browser), and a maker gives its ingester its own node or
 * its own limits (lib/server/ingest/README.md).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
const BLOCK_TIME = Number(argValue('--block-time') ?? 2);
/** Batches in flight: what a 2 s block must hold at the target rate (~200 readings a batch). */
const IN_FLIGHT = Number(argValue('--max-in-flight') ?? (BLOCK_TIME > 0 ? 24 : 4));
/** Readings a second the feed is generated for (the window fails rather than run dry). */
const FEED_RATE = Number(argValue('--feed-rate') ?? 2_500);
/** Warm-up rounds: car i joins at round 7 - i % 8 (see the feed below): the checkpoint period, 8 readings. */
const WARM_UP_ROUNDS = 8;
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

async function scrape(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^(ingest_[a-z_]+)(?:\{([^}]*)\})? ([0-9.e+-]+)$/.exec(line);
    if (!match) continue;
    out[match[1]] = (out[match[1]] ?? 0) + Number(match[3]);
    // Per-stage timers keep their label: `ingest_stage_seconds_total:encode`.
    const stage = match[1] === 'ingest_stage_seconds_total' ? /stage="([^"]+)"/.exec(match[2] ?? '') : null;
    if (stage) out[`${match[1]}:${stage[1]}`] = Number(match[3]);
  }
  return out;
}

/** Peak resident memory of a process so far, in MB (Linux /proc). */
function peakMemoryMB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** CPU seconds (user + system) a process used so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The process whose command line has `--port <port>` (the bench's anvil). */
function pidListeningOn(port: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const i = args.indexOf('--port');
      if (i >= 0 && args[i + 1] === String(port) && /anvil/.test(args[0])) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** The ingester as one ES module (esbuild), run by node: what a maker's container runs. */
function bundleIngester(): string {
  const out = path.join(ROOT, '.carbook/bench/ingest.mjs');
  mkdirSync(path.dirname(out), { recursive: true });
  const result = spawnSync(
    path.join(ROOT, 'node_modules/.bin/esbuild'),
    [
      'lib/server/ingest/main.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      `--outfile=${out}`,
      // The native bindings (recovery, keccak) stay packages (resolved from the repository's node_modules).
      '--external:secp256k1',
      '--external:keccak',
      "--banner:js=import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
      '--log-level=warning',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`bundling the ingester failed:\n${result.stderr}`);
  return out;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'carbook-bench-ingest-'));
  const anvil = await Anvil.start({ args: ['--gas-limit', '1000000000'] });
  let child: ChildProcess | undefined;
  const logs: (() => string)[] = [];
  try {
    const bundle = bundleIngester();
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
          // The node answers late on a machine this busy: not a reason to take it out of service.
          upstream: { timeoutMs: 30_000, healthTimeoutMs: 10_000 },
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

    // Creations mined a block a second: thousands a block, not one block each.
    await rpc(anvil.url, 'evm_setAutomine', [false]);
    await rpc(anvil.url, 'evm_setIntervalMining', [1]);
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
    if (BLOCK_TIME > 0) {
      await rpc(anvil.url, 'evm_setIntervalMining', [BLOCK_TIME]);
    } else {
      await rpc(anvil.url, 'evm_setIntervalMining', [0]);
      await rpc(anvil.url, 'evm_setAutomine', [true]);
    }

    // The warm-up (not measured): car i joins at round 7 - i % 8, so that when the window opens the cars have
    // 1 to 8 readings, evenly: each round of the window then holds one car in eight at a checkpoint (its reading
    // number 8, 16, ... pushes its block to `readingCheckpoints`, +5,457 gas), as in a fleet that has been
    // reporting for a while. Cars all in step (one round each) would put every checkpoint in the same round, and
    // a 60 s window would see several rounds' worth of them or none. The longer period (one checkpoint in eight
    // writes a fresh list word: reading 56, 120, ... of a car, +22,202 more) is beyond a 60 s window: its share,
    // 22,202 / 64 = 347 gas a reading, is added in the README's long-run figure, not measured here. Then enough
    // rounds for the window and the restart.
    const rounds = WARM_UP_ROUNDS + Math.ceil(((SECONDS + 30) * FEED_RATE) / CARS);
    const firstAt = Math.floor(Date.now() / 1000) - (rounds + 1) * 3_600;
    t = Date.now();
    const feedFile = path.join(dir, 'feed.ndjson');
    const lines: string[] = [];
    let warmUp = 0;
    for (let round = 0; round < rounds; round++) {
      const those = cars.filter((_, i) => round >= WARM_UP_ROUNDS - 1 - (i % WARM_UP_ROUNDS));
      if (round < WARM_UP_ROUNDS) warmUp += those.length;
      lines.push(...nextReadings(those, domain, { firstAt, interval: 3_600, round }).map((m) => m.line));
    }
    writeFileSync(feedFile, `${lines.join('\n')}\n`);
    log(`${CARS * rounds} signed readings in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const metricsPort = await freePort();
    let profiled = false;
    const run = (source: string, journal: string, exitWhenDone: boolean) => {
      const proc = spawn(
        process.execPath,
        [
          bundle,
          '--rpc',
          process.env.BENCH_INGEST_DIRECT ? anvil.url : proxy.url,
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
          '--max-in-flight',
          String(IN_FLIGHT),
          '--log-level',
          process.env.BENCH_INGEST_LOG_LEVEL ?? 'info',
          ...(exitWhenDone ? ['--exit-when-done'] : []),
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            INGEST_OPERATOR_KEY: operatorKey,
            // BENCH_INGEST_PROFILE=<file>: the first ingester's CPU profile over the window (.cpuprofile).
            ...(process.env.BENCH_INGEST_PROFILE && journal === 'feed.journal' && !profiled
              ? { INGEST_CPU_PROFILE: process.env.BENCH_INGEST_PROFILE }
              : {}),
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      proc.stderr.on('data', (chunk) => (stderr += chunk));
      const done = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
      logs.push(() => stderr);
      return { proc, done, log: () => stderr };
    };

    // One process throughout, as in production: the window opens once every car's first reading is mined, i.e.
    // once the ingester has every car's state cached and every car's readings chain exists (the steady state).
    t = Date.now();
    const main = run(feedFile, 'feed.journal', false);
    profiled = true;
    child = main.proc;
    let before: Record<string, number> | undefined;
    for (let i = 0; i < 9_000 && !before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      try {
        const m = await scrape(metricsPort);
        if ((m.ingest_readings_mined_total ?? 0) >= warmUp) before = m;
      } catch {
        // not listening yet
      }
      if (main.proc.exitCode !== null) break;
    }
    if (!before) throw new Error(`the warm-up was not mined:\n${main.log().slice(-2000)}`);
    log(`warm-up (${warmUp} readings, every car's first) mined in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const load0 = loadavg()[0];
    const anvilPid = pidListeningOn(anvil.port);
    const cpu0 = { anvil: cpuSeconds(anvilPid), bench: process.cpuUsage() };
    const windowStart = Date.now();
    log(`window open (${SECONDS} s, load average ${load0.toFixed(2)})`);
    let ranDry = false;
    while (Date.now() - windowStart < SECONDS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const m = await scrape(metricsPort);
      if (m.ingest_backlog_readings === 0 && m.ingest_readings_received_total >= lines.length) ranDry = true;
    }
    const after = await scrape(metricsPort);
    const windowSeconds = (Date.now() - windowStart) / 1000;
    const benchCpu = process.cpuUsage(cpu0.bench);
    const cores = {
      anvil: (cpuSeconds(anvilPid) - cpu0.anvil) / windowSeconds,
      // This process: the RPC proxy (its checks, each batch's sender recovery) and the bench's metric scrapes.
      proxy: (benchCpu.user + benchCpu.system) / 1e6 / windowSeconds,
    };
    const load1 = loadavg()[0];
    const peakMB = peakMemoryMB(main.proc.pid!);
    if (ranDry) throw new Error('the feed ran out during the window: raise --feed-rate');
    if (process.env.BENCH_INGEST_PROFILE) {
      main.proc.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    const mined = after.ingest_readings_mined_total - before.ingest_readings_mined_total;
    const gas = after.ingest_gas_used_total - before.ingest_gas_used_total;
    const batches = after.ingest_batches_mined_total - before.ingest_batches_mined_total;
    log(`window closed: ${mined} readings in ${batches} batches, load average ${load1.toFixed(2)}`);
    // Where the ingester's time went during the window (seconds per second of window, by stage).
    const stages = Object.keys(after)
      .filter((key) => key.startsWith('ingest_stage_seconds_total:'))
      .map((key) => ({
        stage: key.split(':')[1],
        share: (after[key] - (before[key] ?? 0)) / windowSeconds,
      }))
      .sort((a, b) => b.share - a.share);
    log(`stages (s per s of window): ${stages.map((s) => `${s.stage} ${s.share.toFixed(3)}`).join(', ')}`);
    const cpuKey = Object.keys(after).find((key) => /process_cpu_seconds_total$/.test(key)) ?? '';
    const cpu = (after[cpuKey] ?? NaN) - (before[cpuKey] ?? NaN);
    log(
      `CPU over the window, in cores: ingester ${(cpu / windowSeconds).toFixed(2)}, proxy ${cores.proxy.toFixed(2)}, anvil ${cores.anvil.toFixed(2)}`,
    );

    // Recovery: SIGKILL mid-stream, restart on the same journal, time to the first batch the new process
    // signed and saw mined (batches it re-broadcast from the journal mined earlier do not count).
    main.proc.kill('SIGKILL');
    await main.done;
    const restartedAt = Date.now();
    const again = run(feedFile, 'feed.journal', false);
    child = again.proc;
    let recovery: number | undefined;
    let firstReceipt: number | undefined;
    const ours = new Set<number>();
    for (let i = 0; i < 2400 && recovery === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      for (const line of again.log().split('\n')) {
        if (!line.startsWith('{')) continue;
        let entry: { msg?: string; batch?: number };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue;
        }
        if (entry.msg === 'batch sent' && entry.batch !== undefined) ours.add(entry.batch);
        if (entry.msg === 'batch mined') {
          firstReceipt ??= (Date.now() - restartedAt) / 1000;
          if (entry.batch !== undefined && ours.has(entry.batch)) recovery = (Date.now() - restartedAt) / 1000;
        }
      }
    }
    if (recovery === undefined) {
      const code = again.proc.exitCode;
      throw new Error(`no new batch mined after the restart (exit ${code}):\n${again.log().slice(-2000)}`);
    }
    again.proc.kill('SIGTERM');
    await again.done;
    child = undefined;
    await proxy.close();

    const metrics: Metric[] = [
      { metric: 'ingest.readingsPerSecond', value: Math.round(mined / windowSeconds), unit: 'readings/s' },
      { metric: 'ingest.gasPerReading', value: Math.round(gas / mined), unit: 'gas' },
      { metric: 'ingest.recoverySeconds', value: Number(recovery.toFixed(2)), unit: 's' },
      { metric: 'ingest.recoveryFirstReceiptSeconds', value: Number((firstReceipt ?? recovery).toFixed(2)), unit: 's' },
      { metric: 'ingest.peakMemoryMB', value: peakMB, unit: 'MB' },
      { metric: 'ingest.readingsPerBatch', value: Math.round(mined / batches), unit: 'readings' },
      { metric: 'ingest.cars', value: CARS, unit: 'cars' },
      { metric: 'ingest.windowSeconds', value: Number(windowSeconds.toFixed(1)), unit: 's' },
      { metric: 'ingest.blockTimeSeconds', value: BLOCK_TIME, unit: 's' },
      { metric: 'ingest.cpuCoresIngester', value: Number((cpu / windowSeconds).toFixed(2)), unit: 'cores' },
      { metric: 'ingest.cpuCoresProxy', value: Number(cores.proxy.toFixed(2)), unit: 'cores' },
      { metric: 'ingest.cpuCoresAnvil', value: Number(cores.anvil.toFixed(2)), unit: 'cores' },
      { metric: 'ingest.loadAverage1m', value: Number(((load0 + load1) / 2).toFixed(2)), unit: 'load' },
    ];
    for (const m of metrics) {
      if (json) process.stdout.write(`${JSON.stringify(m)}\n`);
      else process.stderr.write(`${m.metric.padEnd(36)} ${m.value} ${m.unit}\n`);
    }
  } finally {
    // BENCH_INGEST_LOG=<file>: the ingester runs' logs, for a look at where the time went.
    if (process.env.BENCH_INGEST_LOG)
      writeFileSync(process.env.BENCH_INGEST_LOG, logs.map((l) => l()).join('\n=====\n'));
    child?.kill('SIGKILL');
    await anvil.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
