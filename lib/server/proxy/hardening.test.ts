/**
 * Issue 10 items 3, 4 and 10 against real anvil: response amplification (per-answer and per-body caps,
 * streaming cut-off, eth_feeHistory bounds, a small-heap proxy under a flood), filter-key smuggling (only
 * exact keys, the node receives the proxy's rebuilt params), and client-caused failures that must never take
 * a node out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyConfigFromDeployment, type ProxyConfigInput } from './config';
import { startProxy } from './server';
import { ANVIL_CHAIN_ID, Anvil, ROOT, deployStore, rpc } from '../../dev/testing/proxy-anvil';

type Overrides = NonNullable<Parameters<typeof proxyConfigFromDeployment>[0]['overrides']>;

/** RETURN(0, 0x180000): a 1.5 MiB answer (3 MiB of hex) for 4.89 M gas, under the 5 M call gas cap. */
const AMPLIFIER = '0x00000000000000000000000000000000000b0004' as const;
/** JUMPDEST KECCAK256(0, 256 KiB) POP JUMP(0): hashes until out of gas, ~50-250 ms of node CPU at 5 M gas. */
const HASHER = '0x00000000000000000000000000000000000b0003' as const;
const FOREIGN = '0x000000000000000000000000000000000000dEaD' as const;
const MiB = 1024 * 1024;

let anvil: Anvil;
let store: Hex;

beforeAll(async () => {
  anvil = await Anvil.start();
  store = await deployStore(anvil.url);
  await rpc(anvil.url, 'anvil_setCode', [AMPLIFIER, '0x621800006000f3']);
  await rpc(anvil.url, 'anvil_setCode', [HASHER, '0x5b6204000060002050600056']);
});

afterAll(async () => {
  await anvil?.kill();
});

function proxyFor(upstreams: string[], overrides: Overrides = {}) {
  return startProxy(
    proxyConfigFromDeployment({
      chainId: ANVIL_CHAIN_ID,
      upstreams,
      allowedContracts: [store],
      port: 0,
      overrides: { log: { level: 'silent' }, upstream: { healthIntervalMs: 100 }, ...overrides },
    }),
  );
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

const entry = (method: string, params: unknown[], id: number | string = 1) => ({ jsonrpc: '2.0', id, method, params });

/** A pass-through node in front of anvil that records the JSON-RPC requests it receives (not health checks). */
async function recordingNode(backend: string) {
  const seen: Array<{ method: string; params: unknown[] }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString();
        const parsed = JSON.parse(body) as { method: string; params: unknown[] };
        if (parsed.method !== 'eth_chainId' && parsed.method !== 'eth_blockNumber') seen.push(parsed);
        try {
          const up = await fetch(backend, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          res.writeHead(200, { 'content-type': 'application/json' }).end(await up.text());
        } catch {
          if (!res.headersSent) res.writeHead(502).end();
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('issue 10 item 3: response amplification', () => {
  it('an endless upstream answer is cut off at responseBytes while streaming, answered in words', async () => {
    // A node that passes health checks and then streams an answer that never ends, counting what it wrote.
    let written = 0;
    const node = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const body = Buffer.concat(chunks).toString();
          if (/eth_chainId|eth_blockNumber/.test(body)) {
            const up = await fetch(anvil.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            });
            res.writeHead(200, { 'content-type': 'application/json' }).end(await up.text());
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"jsonrpc":"2.0","id":1,"result":"0x');
          const chunk = Buffer.alloc(64 * 1024, 'a');
          const pump = () => {
            while (!res.destroyed && written < 256 * MiB) {
              written += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
          };
          res.on('close', () => res.removeAllListeners('drain'));
          pump();
        })();
      });
    });
    await new Promise<void>((r) => node.listen(0, '127.0.0.1', r));
    const proxy = await proxyFor([`http://127.0.0.1:${(node.address() as { port: number }).port}`]);
    try {
      const { body } = await post(proxy.url, entry('eth_getBalance', [store, 'latest']));
      expect(body.error).toMatchObject({ code: -32000, data: { reason: 'response_too_large' } });
      expect(body.error.message).toBe(
        "The node's answer is larger than 4194304 bytes, the limit of this endpoint; ask for less",
      );
      // The default cap is 4 MiB: the proxy stopped reading there (socket buffers add a few MiB at most).
      expect(written).toBeLessThan(16 * MiB);
      expect((await fetch(`${proxy.url}health`)).status).toBe(200);
    } finally {
      await proxy.close();
      node.closeAllConnections();
      await new Promise((r) => node.close(r));
    }
  });

  it('a batch whose answers add up past batchResponseBytes: later entries refused, not forwarded', async () => {
    const node = await recordingNode(anvil.url);
    const proxy = await proxyFor([node.url], {
      limits: { batchResponseBytes: 8 * MiB, perIpConcurrency: 1 },
    });
    try {
      const batch = Array.from({ length: 20 }, (_, i) => entry('eth_call', [{ to: AMPLIFIER }, 'latest'], i));
      const { status, body, text } = await post(proxy.url, batch);
      expect(status).toBe(200);
      expect(body).toHaveLength(20);
      const ok = body.filter((a: { result?: string }) => typeof a.result === 'string');
      const refused = body.filter((a: { error?: { data?: { reason?: string } } }) => a.error);
      // 3 MiB of hex each: two fit in 8 MiB, the third is cut while streaming, the rest never reach the node.
      expect(ok.length).toBe(2);
      expect(ok[0].result.length).toBe(2 + 2 * 0x180000);
      for (const r of refused) {
        expect(r.error).toMatchObject({ code: -32005, data: { reason: 'batch_response_too_large' } });
        expect(r.error.message).toBe(
          'Limit exceeded: the answers to this batch add up to more than 8388608 bytes, the limit of this endpoint; split the batch',
        );
      }
      expect(node.seen.length).toBeLessThanOrEqual(3);
      expect(text.length).toBeLessThan(8 * MiB + 100_000);
    } finally {
      await proxy.close();
      await node.close();
    }
  });

  it('eth_feeHistory: blockCount and reward percentiles are bounded; ordinary queries answer like the node', async () => {
    const proxy = await proxyFor([anvil.url]);
    try {
      const many = Array.from({ length: 20_000 }, (_, i) => (i * 100) / 20_000);
      const cases: Array<[unknown[], string, RegExp]> = [
        [['0x5', 'latest', many], 'fee_history_percentiles', /at most 100 reward percentiles, got 20000/],
        [['0x401', 'latest', [50]], 'fee_history_blocks', /blockCount must be between 1 and 1024, got 1025/],
        [[100_000, 'latest'], 'fee_history_blocks', /blockCount must be between 1 and 1024, got 100000/],
        [['0x5', 'latest', [50, 10]], 'invalid_params', /increasing numbers between 0 and 100/],
        [['0x5', 'latest', [101]], 'invalid_params', /increasing numbers between 0 and 100/],
        [['0x5', { blockNumber: '0x0' }, [50]], 'invalid_params', /newest block/],
      ];
      for (const [params, reason, message] of cases) {
        const { body } = await post(proxy.url, entry('eth_feeHistory', params));
        expect(body.error, reason).toMatchObject({ code: -32602, data: { reason } });
        expect(body.error.message).toMatch(message);
      }
      const params = ['0x2', 'latest', [25, 75]];
      expect((await post(proxy.url, entry('eth_feeHistory', params))).body.result).toEqual(
        (await post(anvil.url, entry('eth_feeHistory', params))).body.result,
      );
    } finally {
      await proxy.close();
    }
  });

  it('a flood of amplifying batches: a proxy with a 96 MiB heap keeps answering and /health stays 200', async () => {
    // Defaults except what a one-machine test needs: distinct client addresses via X-Forwarded-For, and the
    // per-IP node-time budget lifted so that memory, not the budget, is what the flood runs into.
    const config: ProxyConfigInput = {
      chainId: ANVIL_CHAIN_ID,
      upstreams: [{ url: anvil.url, name: 'node0' }],
      allowedContracts: [store],
      listen: { host: '127.0.0.1', port: 0 },
      log: { level: 'silent' },
      limits: { perIpUpstreamMs: { max: 0, windowMs: 60_000 } },
      server: { trustProxy: true },
    };
    const child: ChildProcess = spawn(
      process.execPath,
      ['--max-old-space-size=96', '--import', 'tsx', path.join(ROOT, 'lib/dev/testing/proxy-child.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, PROXY_CHILD_CONFIG: JSON.stringify(config) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n')[0];
          if (out.includes('\n')) resolve(line);
        });
        child.once('exit', () => reject(new Error(`proxy child exited before listening: ${stderr}`)));
      });
      // 8 clients at once, each a 12 kB batch of 100 calls asking for 3 MiB each: 2.4 GB if all were held.
      const batch = Array.from({ length: 100 }, (_, i) => entry('eth_call', [{ to: AMPLIFIER }, 'latest'], i));
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          post(url, batch, { 'x-forwarded-for': `198.51.100.${i + 1}` }).catch((err: Error) => ({
            status: 0,
            text: err.message,
            body: undefined,
          })),
        ),
      );
      for (const a of answers) {
        expect(a.status, `${a.text.slice(0, 200)} ${stderr.slice(-400)}`).toBe(200);
        expect(a.body).toHaveLength(100);
        for (const r of a.body as Array<{ result?: string; error?: { data: { reason: string } } }>) {
          if (r.error) expect(['batch_response_too_large', 'proxy_memory']).toContain(r.error.data.reason);
        }
      }
      const served = answers.flatMap((a) => a.body as Array<{ result?: string }>).filter((r) => r.result).length;
      console.log(`flood: ${served} of 800 amplifying calls answered, the rest refused in words`);
      expect(served).toBeGreaterThan(0);
      expect((await fetch(`${url}health`)).status).toBe(200);
      expect((await post(url, entry('eth_blockNumber', []))).body.result).toMatch(/^0x/);
      expect(child.exitCode, stderr).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 120_000);
});

describe('issue 10 item 4: filter-key smuggling', () => {
  it('keys outside the exact known ones are refused in every checked parameter object', async () => {
    const proxy = await proxyFor([anvil.url]);
    try {
      const block = (await rpc(anvil.url, 'eth_getBlockByNumber', ['0x1', false])) as { hash: Hex };
      const cases: Array<[string, unknown[]]> = [
        ['eth_getLogs', [{ address: store, fromBlock: '0x1', toBlock: '0x1', FromBlock: '0x0' }]],
        ['eth_getLogs', [{ address: store, Address: FOREIGN, blockHash: block.hash }]],
        ['eth_getLogs', [{ address: store, blockHash: block.hash, BlockHash: block.hash }]],
        ['eth_getStorageAt', [store, '0x0', { blockNumber: '0x1', BlockHash: block.hash }]],
        ['eth_call', [{ to: store }, { blockHash: block.hash, BlockNumber: '0x0' }]],
        ['eth_call', [{ to: store }, { blockHash: block.hash, RequireCanonical: true }]],
        ['eth_estimateGas', [{ to: store }, { blockNumber: '0x1', extra: 1 }]],
        ['eth_getBalance', [store, { blockNumber: '0x1', BlockHash: block.hash }]],
        ['eth_getCode', [store, { blockHash: block.hash, requirecanonical: true }]],
        ['eth_call', [{ to: store, accessList: [{ address: store, storageKeys: [], Address: FOREIGN }] }, 'latest']],
      ];
      for (const [method, params] of cases) {
        const { body } = await post(proxy.url, entry(method, params));
        expect(body.error, `${method} ${JSON.stringify(params)}`).toMatchObject({ code: -32602 });
        expect(body.error.data.reason).toMatch(/unknown_field$/);
        expect(body.error.message).toMatch(/unknown field "[A-Za-z]+"/);
      }
      // Values inside known keys are checked too: a topic must be a hash (or null, or a list of hashes).
      const topic = await post(proxy.url, entry('eth_getLogs', [{ address: store, topics: [{ a: 1 }] }]));
      expect(topic.body.error).toMatchObject({ code: -32602, data: { reason: 'invalid_params' } });
    } finally {
      await proxy.close();
    }
  });

  it('the node receives the params the proxy rebuilt, never the client object', async () => {
    const node = await recordingNode(anvil.url);
    const proxy = await proxyFor([node.url]);
    try {
      const block = (await rpc(anvil.url, 'eth_getBlockByNumber', ['0x1', false])) as { hash: Hex };
      const topic = `0x${'00'.repeat(32)}`;
      const sent: Array<[string, unknown[], unknown[]]> = [
        [
          'eth_getLogs',
          [{ toBlock: 'latest', topics: [null, [topic]], fromBlock: '0x0', address: [store], unused: undefined }],
          [{ address: [store], fromBlock: '0x0', toBlock: 'latest', topics: [null, [topic]] }],
        ],
        ['eth_getLogs', [{ blockHash: block.hash, address: store }], [{ address: store, blockHash: block.hash }]],
        ['eth_getStorageAt', [store, '0x0', { blockHash: block.hash }], [store, '0x0', { blockHash: block.hash }]],
        ['eth_getStorageAt', [store, '0x0', 'latest'], [store, '0x0', 'latest']],
        ['eth_feeHistory', [2, 'latest', [50]], ['0x2', 'latest', [50]]],
        ['eth_getBalance', [store, { blockNumber: '0x1' }], [store, { blockNumber: '0x1' }]],
        ['eth_call', [{ to: store }, { blockNumber: '0x1' }], [{ to: store, gas: '0x4c4b40' }, { blockNumber: '0x1' }]],
      ];
      for (const [method, params, expected] of sent) {
        const before = node.seen.length;
        const { body } = await post(proxy.url, entry(method, params));
        expect(body.error, `${method} ${JSON.stringify(params)}`).toBeUndefined();
        expect(node.seen.length).toBe(before + 1);
        // Same values, and the exact key order the proxy builds: proof the object was rebuilt, not passed on.
        expect(JSON.stringify(node.seen.at(-1)!.params), method).toBe(JSON.stringify(expected));
      }
    } finally {
      await proxy.close();
      await node.close();
    }
  });
});

describe('issue 10 item 10: client-caused failures never take a node out', () => {
  it('heavy calls under the gas cap that time out or answer too much: node stays in, /health stays 200', async () => {
    // One socket to the node: client calls queue behind each other, as they do under load with maxSockets.
    const proxy = await proxyFor([anvil.url], {
      limits: { perIpConcurrency: 64, responseBytes: MiB },
      upstream: { maxSockets: 1, timeoutMs: 600, healthIntervalMs: 50, healthTimeoutMs: 300, healthyAfter: 2 },
    });
    try {
      const statuses: number[] = [];
      let polling = true;
      const poller = (async () => {
        while (polling) {
          statuses.push((await fetch(`${proxy.url}health`)).status);
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      const calls = [
        // 24 calls of >= 50 ms each through one socket: the queue outlasts the 600 ms timeout on any machine.
        ...Array.from({ length: 24 }, (_, i) => entry('eth_call', [{ to: HASHER }, 'latest'], i)),
        ...Array.from({ length: 4 }, (_, i) => entry('eth_call', [{ to: AMPLIFIER }, 'latest'], 100 + i)),
      ];
      const answers = await Promise.all(calls.map((c) => post(proxy.url, c)));
      await new Promise((r) => setTimeout(r, 400)); // a few more health rounds after the flood
      polling = false;
      await poller;
      const reasons = new Set(answers.map((a) => a.body.error?.data?.reason ?? a.body.error?.message));
      // Every heavy call failed for its own reason: out of gas, timeout, or an answer over the 1 MiB cap.
      for (const r of reasons) expect(['upstream_timeout', 'response_too_large', 'EVM error OutOfGas']).toContain(r);
      expect(reasons.has('upstream_timeout')).toBe(true);
      expect(statuses.length).toBeGreaterThan(10);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      const health = (await (await fetch(`${proxy.url}health`)).json()) as { upstreams: Array<{ healthy: boolean }> };
      expect(health.upstreams[0]).toMatchObject({ healthy: true, lastError: null });
      const metrics = await (await fetch(`${proxy.url}metrics`)).text();
      expect(metrics).not.toMatch(/rpc_proxy_failovers_total\{[^}]*\} [1-9]/);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

describe('issue 10 item 12: monitoring listener and trusted load balancer', () => {
  it('with `monitoring`, /health and /metrics are served only on their own port', async () => {
    const proxy = await proxyFor([anvil.url], { monitoring: { host: '127.0.0.1', port: 0 } });
    try {
      expect(proxy.monitorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(proxy.monitorUrl).not.toBe(proxy.url);
      for (const route of ['health', 'metrics']) {
        const pub = await fetch(`${proxy.url}${route}`);
        expect(pub.status, route).toBe(404);
        expect(((await pub.json()) as { error: { data: { reason: string } } }).error.data.reason).toBe('not_found');
      }
      expect((await fetch(`${proxy.monitorUrl}health`)).status).toBe(200);
      expect(await (await fetch(`${proxy.monitorUrl}metrics`)).text()).toMatch(/rpc_proxy_requests_total/);
      // JSON-RPC stays on the public port only.
      expect((await post(proxy.url, entry('eth_blockNumber', []))).body.result).toMatch(/^0x/);
      expect((await post(proxy.monitorUrl!, entry('eth_blockNumber', []))).status).toBe(404);
    } finally {
      await proxy.close();
    }
  });

  it('X-Forwarded-For picks the rate-limit key only when it comes from a trusted load balancer address', async () => {
    const limited = (trustProxy: string[]) =>
      proxyFor([anvil.url], { limits: { perIp: { max: 2, windowMs: 60_000 } }, server: { trustProxy } });
    const statuses = async (url: string) => {
      const out: number[] = [];
      for (let i = 0; i < 4; i++)
        out.push((await post(url, entry('eth_blockNumber', []), { 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
      return out;
    };
    // The test client (127.0.0.1) is not the load balancer: its X-Forwarded-For is ignored, one key for all.
    const untrusted = await limited(['10.0.0.2']);
    try {
      expect(await statuses(untrusted.url)).toEqual([200, 200, 429, 429]);
    } finally {
      await untrusted.close();
    }
    // The same requests from the trusted address: one key per forwarded client.
    const trusted = await limited(['127.0.0.1']);
    try {
      expect(await statuses(trusted.url)).toEqual([200, 200, 200, 200]);
    } finally {
      await trusted.close();
    }
  });
});
