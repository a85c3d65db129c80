/**
 * `npm run bench:proxy [-- --json] [-- --duration 5]`
 *
 * Same run, same machine, loopback only, bounded in time:
 * 1. throughput + latency percentiles (autocannon) of a read mix (eth_blockNumber, eth_call, eth_getBalance,
 *    eth_chainId), directly against anvil and through the proxy (a separate process, as in production);
 * 2. unloaded latency (one request at a time, hrtime) direct vs proxied: the proxy's own added latency;
 * 3. failover: two anvils behind a proxy, one SIGKILLed mid-run, then restarted and timed back to healthy;
 * 4. page loads with the DEFAULT per-IP limits: the read of a 1,000-record book's /verify (3 eth_call + 1,000
 *    single-block eth_getLogs by block hash in 10 batches of 100, all at once), 10 times in a row from one
 *    IP, each timed; every answer must be a result (no 429), and the node time the proxy measured is printed.
 * Phases 1-3 lift every per-IP limit (one client IP; the proxy's cost is what they measure).
 * `proxy.vs.rawForwarder` (issue 10's target): the proxy and a bare Node forwarder (same upstream, same keep-alive,
 * same connections) measured in alternation, `--rounds` rounds (default 3) of 1 s warm-up + `--duration` s each,
 * the order flipped every round (A B, B A, ...) so that other jobs' load hits both alike; the median of the
 * per-round ratios is reported, with each process's CPU time per request (from /proc, Linux).
 * `--only ratio` runs just that phase (and the direct baseline), for repeated runs.
 * With --json prints one {"metric","value","unit"} object per line; otherwise a table.
 * PROXY_BENCH_CPU_PROF=<dir> makes every proxy process write V8 CPU profiles into <dir>/<phase>/ when it stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ProxyConfigInput } from '../../server/proxy/config';
import { ANVIL_CHAIN_ID, Anvil, ROOT, deployStore, freePort } from '../testing/proxy-anvil';
import { runLoad } from '../testing/proxy-load';
import type { Metric } from './measure';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    only: { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds ?? 3);
const ONLY_RATIO = args.only === 'ratio';
const DURATION_S = Number(args.duration ?? 5);
const CONNECTIONS = Number(args.connections ?? 16);

const metrics: Metric[] = [];
const report = (metric: string, value: number, unit: string) => {
  const m = { metric, value: Number(value.toFixed(4)), unit };
  metrics.push(m);
  if (args.json) process.stdout.write(`${JSON.stringify(m)}\n`);
};
const note = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};

/** CPU time (user + system) of a process so far, in µs, from /proc (Linux); null elsewhere. */
function cpuMicros(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function mix(store: string) {
  const body = (method: string, params: unknown[]) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  return [
    body('eth_blockNumber', []),
    body('eth_call', [{ to: store, data: '0x' }, 'latest']),
    body('eth_getBalance', ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'latest']),
    body('eth_chainId', []),
  ];
}

async function cannon(url: string, bodies: string[], seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: bodies.map((body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body })),
  });
}

/** One request at a time over one keep-alive socket: latency without queueing. */
async function sequentialLatency(url: string, bodies: string[], count: number): Promise<{ p50: number; p99: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(url);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const body = bodies[i % bodies.length];
    const t0 = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          hostname: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  agent.destroy();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

/** The proxy as its own process (node --import tsx, a single process we can kill by pid). */
async function spawnProxy(
  dir: string,
  name: string,
  config: ProxyConfigInput,
): Promise<{ url: string; proc: ChildProcess }> {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  // PROXY_BENCH_CPU_PROF=<dir>: each proxy writes V8 CPU profiles into <dir>/<phase>/ when it stops (one per
  // thread: the largest is the main thread; tsx's loader thread writes a small one).
  const prof = process.env.PROXY_BENCH_CPU_PROF;
  const profile = prof ? ['--cpu-prof', `--cpu-prof-dir=${path.join(prof, name)}`] : [];
  const proc = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', path.join(ROOT, 'lib/server/proxy/main.ts'), '--config', file],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${config.listen!.port}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${url}health`)).status === 200) return { url, proc };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`proxy ${name} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const RAW_FORWARDER = `
const http = require('node:http');
const [port, upstream] = process.argv.slice(1).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const up = http.request({ hostname: '127.0.0.1', port: upstream, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (r) => {
      const out = [];
      r.on('data', (c) => out.push(c));
      r.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.concat(out)));
    });
    up.end(body);
  });
}).listen(port, '127.0.0.1');
`;

async function spawnRawForwarder(port: number, upstreamPort: number): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['-e', RAW_FORWARDER, String(port), String(upstreamPort)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}',
      });
      return { url, proc };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('raw forwarder did not start');
}

function proxyConfig(port: number, upstreams: string[], store: string): ProxyConfigInput {
  return {
    chainId: ANVIL_CHAIN_ID,
    listen: { host: '127.0.0.1', port },
    upstreams: upstreams.map((url, i) => ({ url, name: `node${i}` })),
    allowedContracts: [store],
    // The bench is one client IP: lift the per-IP limits, they are not what is measured.
    limits: {
      perIp: { max: 100_000_000, windowMs: 60_000 },
      perIpUnits: { max: 0, windowMs: 60_000 },
      perIpUpstreamMs: { max: 0, windowMs: 60_000 },
      perIpConcurrency: 1024,
    },
    upstream: { healthIntervalMs: 250, healthTimeoutMs: 500, timeoutMs: 2000 },
    log: { level: 'error' },
  };
}

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

/** Sum of the upstream attempt durations the proxy measured (its /metrics histogram), in ms. */
async function upstreamMs(url: string): Promise<number> {
  const text = await (await fetch(`${url}metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(/^rpc_proxy_upstream_request_duration_seconds_sum\{[^}]*\} ([0-9.e+-]+)$/gm))
    sum += Number(m[1]);
  return sum * 1000;
}

/** Phase 4: 10 /verify-shaped page loads of a 1,000-record book through a proxy with the default limits. */
async function pageLoads(dir: string, anvil: Anvil, store: string): Promise<void> {
  await fetch(anvil.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_mine', params: ['0x3e8'] }),
  });
  const hashes: string[] = [];
  for (let b = 0; b < 10; b++) {
    const batch = Array.from({ length: 100 }, (_, i) => ({
      jsonrpc: '2.0',
      id: i,
      method: 'eth_getBlockByNumber',
      params: [`0x${(b * 100 + i + 1).toString(16)}`, false],
    }));
    for (const a of (await post(anvil.url, batch)).body as Array<{ result: { hash: string } }>)
      hashes.push(a.result.hash);
  }
  const config = proxyConfig(await freePort(), [anvil.url], store);
  const proxy = await spawnProxy(dir, 'defaults', { ...config, limits: {} });
  try {
    const calls = Array.from({ length: 3 }, (_, i) => ({
      jsonrpc: '2.0',
      id: `c${i}`,
      method: 'eth_call',
      params: [{ to: store, data: '0x' }, 'latest'],
    }));
    const batches = Array.from({ length: 10 }, (_, b) =>
      hashes.slice(b * 100, b * 100 + 100).map((blockHash, i) => ({
        jsonrpc: '2.0',
        id: i,
        method: 'eth_getLogs',
        params: [{ address: store, blockHash }],
      })),
    );
    const times: number[] = [];
    let refused = 0;
    const nodeBefore = await upstreamMs(proxy.url);
    for (let load = 0; load < 10; load++) {
      const t0 = performance.now();
      const answers = await Promise.all([post(proxy.url, calls), ...batches.map((b) => post(proxy.url, b))]);
      times.push(performance.now() - t0);
      for (const a of answers) {
        if (a.status !== 200) refused++;
        else for (const e of a.body as Array<{ result?: unknown }>) if (e.result === undefined) refused++;
      }
    }
    const nodeMs = (await upstreamMs(proxy.url)) - nodeBefore;
    times.sort((a, b) => a - b);
    report('defaults.verify1000.requests', 11, 'HTTP requests per page load');
    report('defaults.verify1000.units', 3 + 1000, 'units per page load');
    report('defaults.verify1000.ms.median', times[5], 'ms');
    report('defaults.verify1000.ms.max', times[9], 'ms');
    report('defaults.verify1000.nodeMs', nodeMs / 10, 'ms of node time per page load');
    report('defaults.tenPageLoads.refused', refused, 'entries refused (must be 0)');
  } finally {
    proxy.proc.kill('SIGTERM');
  }
}

function printTable(): void {
  if (!args.json) {
    const width = Math.max(...metrics.map((m) => m.metric.length));
    process.stdout.write(`\n${'metric'.padEnd(width)}  ${'value'.padStart(12)}  unit\n${'-'.repeat(width + 22)}\n`);
    for (const m of metrics)
      process.stdout.write(`${m.metric.padEnd(width)}  ${String(m.value).padStart(12)}  ${m.unit}\n`);
    process.stdout.write(
      `\ntargets: proxy.vs.rawForwarder >= 0.8, proxy.latency.p50.addedMs <= 1, failover.successRate >= 0.999\n`,
    );
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-bench-'));
  const anvils: Anvil[] = [];
  const procs: ChildProcess[] = [];
  const cleanup = async () => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(anvils.map((a) => a.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const anvil = await Anvil.start();
    anvils.push(anvil);
    const store = await deployStore(anvil.url);
    const proxy = await spawnProxy(dir, 'single', proxyConfig(await freePort(), [anvil.url], store));
    procs.push(proxy.proc);
    const bodies = mix(store);

    // Sanity: every body of the mix gets a result through the proxy (a fast error would inflate numbers).
    for (const body of bodies) {
      const res = (await (
        await fetch(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      ).json()) as { result?: unknown };
      if (res.result === undefined) throw new Error(`mix request failed through the proxy: ${body}`);
    }

    if (!ONLY_RATIO) {
      note(`read mix, ${CONNECTIONS} connections, ${DURATION_S} s each (1 s warm-up)`);
      await cannon(anvil.url, bodies, 1);
      const d = await cannon(anvil.url, bodies, DURATION_S);
      await cannon(proxy.url, bodies, 1);
      const p = await cannon(proxy.url, bodies, DURATION_S);
      for (const [name, r] of [
        ['direct', d],
        ['proxy', p],
      ] as const) {
        report(`${name}.throughput`, r.requests.average, 'req/s');
        report(`${name}.latency.p50`, r.latency.p50, 'ms');
        report(`${name}.latency.p90`, r.latency.p90, 'ms');
        report(`${name}.latency.p99`, r.latency.p99, 'ms');
        report(`${name}.errors`, r.errors + r.timeouts + r.non2xx, 'count');
      }
      report('proxy.throughput.ratio', p.requests.average / d.requests.average, 'ratio');
      report('proxy.latency.loaded.p50.addedMs', p.latency.p50 - d.latency.p50, 'ms');
    }

    // eth_chainId is answered by the proxy itself; the mix without it shows the cost of the node round trip.
    const nodeBound = bodies.filter((b) => !b.includes('eth_chainId'));
    await cannon(anvil.url, nodeBound, 1);
    const dn = await cannon(anvil.url, nodeBound, DURATION_S);
    // Reference: the thinnest possible Node forwarder (no parsing, no policy) on the same machine, i.e. what
    // one more HTTP exchange through Node costs here. Proxy and forwarder alternate (see the header).
    const raw = await spawnRawForwarder(await freePort(), anvil.port);
    procs.push(raw.proc);
    const sides = [
      { name: 'proxy', url: proxy.url, proc: proxy.proc, rps: [] as number[], cpu: [] as number[], errors: 0 },
      { name: 'rawForwarder', url: raw.url, proc: raw.proc, rps: [] as number[], cpu: [] as number[], errors: 0 },
    ];
    // A longer first warm-up of both (JIT; with --only ratio the proxy has served nothing yet).
    for (const side of sides) await cannon(side.url, nodeBound, 3);
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        await cannon(side.url, nodeBound, 1);
        const before = cpuMicros(side.proc.pid);
        const r = await cannon(side.url, nodeBound, DURATION_S);
        const after = cpuMicros(side.proc.pid);
        side.rps.push(r.requests.average);
        side.errors += r.errors + r.timeouts + r.non2xx;
        if (before !== null && after !== null && r.requests.total > 0)
          side.cpu.push((after - before) / r.requests.total);
        note(`round ${round + 1}: ${side.name} ${r.requests.average.toFixed(0)} req/s`);
      }
    }
    raw.proc.kill('SIGTERM');
    const [pn, rn] = sides;
    const ratios = pn.rps.map((v, i) => v / rn.rps[i]);
    report('proxy.nodeBoundMix.throughput.ratio', median(pn.rps) / dn.requests.average, 'ratio');
    report('baseline.rawForwarder.nodeBoundMix.throughput.ratio', median(rn.rps) / dn.requests.average, 'ratio');
    report('proxy.nodeBoundMix.errors', pn.errors, 'count');
    for (const side of sides) {
      report(`${side.name}.nodeBoundMix.throughput`, median(side.rps), 'req/s (median of rounds)');
      if (side.cpu.length > 0) report(`${side.name}.cpuPerRequest`, median(side.cpu), 'µs (median of rounds)');
    }
    for (const [i, ratio] of ratios.entries()) report(`proxy.vs.rawForwarder.round${i + 1}`, ratio, 'ratio');
    // Issue 10's target: the proxy's throughput over the bare forwarder's, same run, node-bound mix.
    report('proxy.vs.rawForwarder', median(ratios), 'ratio (median of rounds)');
    if (ONLY_RATIO) {
      proxy.proc.kill('SIGTERM');
      printTable();
      return;
    }

    const n = 3000;
    await sequentialLatency(anvil.url, bodies, 300);
    const ds = await sequentialLatency(anvil.url, bodies, n);
    await sequentialLatency(proxy.url, bodies, 300);
    const ps = await sequentialLatency(proxy.url, bodies, n);
    report('direct.latency.unloaded.p50', ds.p50, 'ms');
    report('proxy.latency.unloaded.p50', ps.p50, 'ms');
    report('proxy.latency.unloaded.p99', ps.p99, 'ms');
    report('proxy.latency.p50.addedMs', ps.p50 - ds.p50, 'ms');
    proxy.proc.kill('SIGTERM');

    // Failover: two nodes, one SIGKILLed after 40 % of the run.
    const second = await Anvil.start();
    anvils.push(second);
    const pair = await spawnProxy(dir, 'pair', proxyConfig(await freePort(), [anvil.url, second.url], store));
    procs.push(pair.proc);
    const failoverMs = Math.max(3000, DURATION_S * 1000);
    // Assigned in the load callback: keep TypeScript from narrowing it to null here.
    let killed = null as Promise<void> | null;
    const load = await runLoad(pair.url, {
      durationMs: failoverMs,
      connections: CONNECTIONS,
      onTick: (elapsed) => {
        if (elapsed >= failoverMs * 0.4 && killed === null) killed = second.kill();
      },
    });
    await killed;
    report('failover.requests', load.sent, 'count');
    report('failover.failed', load.failed, 'count');
    report('failover.successRate', load.ok / load.sent, 'ratio');
    const restartedAt = Date.now();
    await second.restart();
    for (;;) {
      const h = (await (await fetch(`${pair.url}health`)).json()) as { upstreams: Array<{ eligible: boolean }> };
      if (h.upstreams.every((u) => u.eligible)) break;
      if (Date.now() - restartedAt > 15_000) throw new Error('restarted node did not come back');
      await new Promise((r) => setTimeout(r, 25));
    }
    report('failover.backInRotationMs', Date.now() - restartedAt, 'ms');
    if (load.samples.length > 0) note(`failover failures (first ${load.samples.length}): ${load.samples.join(' | ')}`);
    pair.proc.kill('SIGTERM');

    await pageLoads(dir, anvil, store);

    printTable();
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
