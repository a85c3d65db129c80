/**
 * An orderly stop (close(), SIGTERM): no error or warning is logged for a normal stop, a call in flight is
 * answered by its node when it can be within the grace period, else with a clean HTTP 503 (`shutting_down`),
 * and the upstream connections are closed only after that (undici's UND_ERR_DESTROYED never reaches a log).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { proxyConfigFromDeployment } from './config';
import { startProxy } from './server';

const CHAIN_ID = 31337;

/** A node that answers health checks at once and holds eth_getBalance until `release()` (or for ever). */
async function slowNode(options: { healthDelayMs?: number } = {}) {
  const held: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { id, method } = JSON.parse(body) as { id: number; method: string };
      const answer = (result: unknown) => {
        if (res.destroyed) return;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
      };
      if (method === 'eth_chainId') answer(`0x${CHAIN_ID.toString(16)}`);
      else if (method === 'eth_blockNumber') setTimeout(answer, options.healthDelayMs ?? 0, '0x10');
      else held.push(() => answer('0x2a'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    release: () => held.splice(0).forEach((answer) => answer()),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The proxy's log lines, parsed (pino's JSON), as they are written. */
function logSink() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

async function proxyFor(url: string, logDestination: Writable, server: { shutdownGraceMs: number }, healthMs = 1000) {
  return startProxy(
    proxyConfigFromDeployment({
      chainId: CHAIN_ID,
      upstreams: [url],
      allowedContracts: ['0x8464135c8F25Da09e49BC8782676a84730C318bC'],
      port: 0,
      overrides: {
        log: { level: 'info' },
        server,
        upstream: { healthIntervalMs: healthMs, healthTimeoutMs: 2000, timeoutMs: 10_000 },
      },
    }),
    { logDestination },
  );
}

const balance = (proxyUrl: string) =>
  fetch(proxyUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 7,
      method: 'eth_getBalance',
      params: ['0x0000000000000000000000000000000000000001', 'latest'],
    }),
  });

/** Warnings and errors (pino levels 40 and up), and any line that names an undici error. */
const noise = (lines: { level: number; msg: string }[]) =>
  lines.filter((l) => l.level >= 40 || /UND_ERR/.test(JSON.stringify(l)));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the proxy stops in order', () => {
  it('a normal close logs no error or warning', async () => {
    const node = await slowNode();
    cleanups.push(node.close);
    const log = logSink();
    const proxy = await proxyFor(node.url, log.stream, { shutdownGraceMs: 1000 });
    const pending = balance(proxy.url);
    await expect.poll(() => node.held.length).toBe(1);
    node.release();
    expect((await pending).status).toBe(200);
    await proxy.close();
    expect(noise(log.lines)).toEqual([]);
  });

  it('a call in flight at close is answered by its node within the grace period', async () => {
    const node = await slowNode();
    cleanups.push(node.close);
    const log = logSink();
    const proxy = await proxyFor(node.url, log.stream, { shutdownGraceMs: 5000 });
    const pending = balance(proxy.url);
    await expect.poll(() => node.held.length).toBe(1);
    const closed = proxy.close();
    setTimeout(node.release, 200);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ jsonrpc: '2.0', id: 7, result: '0x2a' });
    await closed;
    expect(noise(log.lines)).toEqual([]);
  });

  it('a call still in flight when the grace period ends gets a clean 503, and nothing is logged as an error', async () => {
    const node = await slowNode();
    cleanups.push(node.close);
    const log = logSink();
    const proxy = await proxyFor(node.url, log.stream, { shutdownGraceMs: 200 });
    const pending = balance(proxy.url);
    await expect.poll(() => node.held.length).toBe(1);
    const started = Date.now();
    await proxy.close();
    expect(Date.now() - started).toBeLessThan(3000);
    const response = await pending;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32603, data: { reason: 'shutting_down' } },
    });
    expect(noise(log.lines)).toEqual([]);
  });

  it('a health check in flight at close is not reported as the node failing', async () => {
    const node = await slowNode({ healthDelayMs: 300 });
    cleanups.push(node.close);
    const log = logSink();
    const proxy = await proxyFor(node.url, log.stream, { shutdownGraceMs: 0 }, 100);
    // The first check (at start) took 300 ms; the next round starts 100 ms later and is in flight at close.
    await new Promise((r) => setTimeout(r, 200));
    await proxy.close();
    expect(noise(log.lines)).toEqual([]);
  });
});
