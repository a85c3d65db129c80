/**
 * Several upstream nodes: a node killed under load costs (almost) no failed request, comes back into
 * rotation once healthy again after a restart on the same port, stale nodes serve no reads, and a node
 * of another chain is never used. Also the "already known" path of a retried eth_sendRawTransaction.
 */
import http from 'node:http';
import { parseGwei, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyConfigFromDeployment } from './config';
import { startProxy } from './server';
import { ANVIL_CHAIN_ID, Anvil, DEV_KEYS, rpc } from '../../dev/testing/proxy-anvil';
import { runLoad } from '../../dev/testing/proxy-load';

type Started = Awaited<ReturnType<typeof startProxy>>;
const CONTRACT = '0x8464135c8F25Da09e49BC8782676a84730C318bC';

function proxyFor(upstreams: string[], overrides: Parameters<typeof proxyConfigFromDeployment>[0]['overrides'] = {}) {
  return startProxy(
    proxyConfigFromDeployment({
      chainId: ANVIL_CHAIN_ID,
      upstreams,
      allowedContracts: [CONTRACT],
      port: 0,
      overrides: {
        log: { level: 'silent' },
        // One client IP sends ~8,000 requests a second here: lift the per-IP budgets (not what is tested).
        limits: {
          perIp: { max: 1_000_000, windowMs: 60_000 },
          perIpUnits: { max: 0, windowMs: 60_000 },
          perIpUpstreamMs: { max: 0, windowMs: 60_000 },
        },
        upstream: { healthIntervalMs: 100, healthTimeoutMs: 500, timeoutMs: 2000, healthyAfter: 2 },
        ...overrides,
      },
    }),
  );
}

async function health(p: Started) {
  return (await (await fetch(`${p.url}health`)).json()) as {
    status: string;
    upstreams: Array<{
      name: string;
      healthy: boolean;
      eligible: boolean;
      chainOk: boolean | null;
      lag: number | null;
    }>;
  };
}

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Number of successful attempts the proxy made on one upstream, from /metrics. */
async function servedBy(p: Started, upstream: string): Promise<number> {
  const text = await (await fetch(`${p.url}metrics`)).text();
  const m = text.match(
    new RegExp(`rpc_proxy_upstream_request_duration_seconds_count\\{upstream="${upstream}",outcome="ok"\\} (\\d+)`),
  );
  return m ? Number(m[1]) : 0;
}

describe('two upstream nodes', () => {
  let a: Anvil;
  let b: Anvil;
  let proxy: Started;

  beforeAll(async () => {
    [a, b] = await Promise.all([Anvil.start(), Anvil.start()]);
    proxy = await proxyFor([a.url, b.url]);
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all([a?.kill(), b?.kill()]);
  });

  it('keeps ≥ 99.9 % success when a node is killed under load, and takes it back once restarted', async () => {
    // Assigned in the load callback: keep TypeScript from narrowing it to null here.
    let killed = null as Promise<void> | null;
    const load = await runLoad(proxy.url, {
      durationMs: 3000,
      connections: 16,
      onTick: (elapsed) => {
        if (elapsed >= 1000 && killed === null) killed = b.kill();
      },
    });
    await killed;
    const rate = load.ok / load.sent;
    console.log(
      `failover load: ${load.ok}/${load.sent} ok (${(rate * 100).toFixed(3)} %), failures: ${JSON.stringify(load.samples)}`,
    );
    expect(killed).not.toBeNull();
    expect(load.sent).toBeGreaterThan(1000);
    expect(rate).toBeGreaterThanOrEqual(0.999);
    expect((await health(proxy)).upstreams.find((u) => u.name === 'node1')?.healthy).toBe(false);

    await b.restart();
    await waitFor(async () => (await health(proxy)).upstreams.every((u) => u.eligible));
    const before = await servedBy(proxy, 'node1');
    for (let i = 0; i < 40; i++) await rpc(proxy.url, 'eth_blockNumber');
    expect(await servedBy(proxy, 'node1')).toBeGreaterThan(before);
  });

  it('never reads from a node whose head is stale, and uses it again once it catches up', async () => {
    await rpc(a.url, 'anvil_mine', ['0x14']); // node0 is now 20 blocks ahead (limit: 5)
    await waitFor(async () => (await health(proxy)).upstreams.find((u) => u.name === 'node1')?.eligible === false);
    const h = await health(proxy);
    expect(h.upstreams.find((u) => u.name === 'node1')).toMatchObject({ healthy: true, eligible: false, lag: 20 });
    const before = await servedBy(proxy, 'node1');
    const heads = await Promise.all(Array.from({ length: 30 }, () => rpc(proxy.url, 'eth_blockNumber')));
    expect(new Set(heads)).toEqual(new Set(['0x14']));
    expect(await servedBy(proxy, 'node1')).toBe(before);

    await rpc(b.url, 'anvil_mine', ['0x12']); // 2 behind: within the lag limit
    await waitFor(async () => (await health(proxy)).upstreams.every((u) => u.eligible));
  });
});

describe('upstream on the wrong chain', () => {
  it('is never used and reported as such; /health is 503 when no node is usable', async () => {
    const right = await Anvil.start();
    const wrong = await Anvil.start({ args: ['--chain-id', '999'] });
    const proxy = await proxyFor([wrong.url, right.url]);
    try {
      const h = await health(proxy);
      expect(h.upstreams[0]).toMatchObject({ name: 'node0', healthy: false, chainOk: false });
      for (let i = 0; i < 10; i++) expect(await rpc(proxy.url, 'eth_getBalance', [CONTRACT, 'latest'])).toBe('0x0');
      expect(await servedBy(proxy, 'node0')).toBe(0);
      expect(await servedBy(proxy, 'node1')).toBe(10);

      await right.kill();
      await waitFor(async () => (await fetch(`${proxy.url}health`)).status === 503);
      const res = await fetch(proxy.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}',
      });
      expect(await res.json()).toMatchObject({
        id: 1,
        error: { code: -32603, data: { reason: 'upstream_unavailable' } },
      });
    } finally {
      await proxy.close();
      await Promise.all([right.kill(), wrong.kill()]);
    }
  });
});

describe('eth_sendRawTransaction retried after a node failed mid-request', () => {
  it('answers the locally computed hash when the second node already knows the transaction', async () => {
    // No mining: the transaction stays in the pool, so a second delivery gets "already known".
    const node = await Anvil.start({ args: ['--no-mining'] });
    // A node that passes health checks but, on eth_sendRawTransaction, delivers it and then crashes
    // the connection before answering: the worst case for double submission.
    const flaky = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const body = Buffer.concat(chunks).toString();
          let text: string;
          try {
            const upstream = await fetch(node.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            });
            text = await upstream.text();
          } catch {
            // The node may already be stopped while the test tears down.
            if (!res.headersSent) res.writeHead(502).end();
            return;
          }
          if (JSON.parse(body).method === 'eth_sendRawTransaction') req.socket.destroy();
          else res.writeHead(200, { 'content-type': 'application/json' }).end(text);
        })();
      });
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const flakyUrl = `http://127.0.0.1:${(flaky.address() as { port: number }).port}`;
    // The flaky node is first in the pool; the first call of a fresh proxy starts with it.
    const proxy = await proxyFor([flakyUrl, node.url]);
    try {
      const account = privateKeyToAccount(DEV_KEYS[0]);
      const tx = await account.signTransaction({
        type: 'eip1559',
        chainId: ANVIL_CHAIN_ID,
        nonce: 0,
        to: CONTRACT,
        gas: 50_000n,
        maxFeePerGas: parseGwei('10'),
        maxPriorityFeePerGas: parseGwei('1'),
      });
      const res = await fetch(proxy.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [tx] }),
      });
      const body = (await res.json()) as { result?: Hex; error?: unknown };
      const { keccak256 } = await import('viem');
      expect(body).toEqual({ jsonrpc: '2.0', id: 1, result: keccak256(tx) });
      const metrics = await (await fetch(`${proxy.url}metrics`)).text();
      expect(metrics).toMatch(/rpc_proxy_failovers_total\{method="eth_sendRawTransaction"\} 1/);
      // The node holds exactly one copy.
      const pending = (await rpc(node.url, 'eth_getBlockByNumber', ['pending', false])) as { transactions: Hex[] };
      expect(pending.transactions).toEqual([keccak256(tx)]);
    } finally {
      await proxy.close();
      await new Promise((r) => flaky.close(r));
      await node.kill();
    }
  });
});

/**
 * A node that passes health checks but misbehaves on every other call, the way `mode` says ('pass':
 * forwards everything to the backend). `calls` counts the calls other than health checks it received.
 */
async function misbehaving(
  backend: string,
  mode: 'garbage' | 'hang' | 'http500' | 'huge' | 'cut' | 'revert500' | 'pass',
): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString();
        const { method, id } = JSON.parse(body) as { method: string; id: number };
        if (method === 'eth_chainId' || method === 'eth_blockNumber' || mode === 'pass') {
          if (method !== 'eth_chainId' && method !== 'eth_blockNumber') calls++;
          // The backend may already be gone while the test tears down: answer 502 rather than reject unheard.
          try {
            const up = await fetch(backend, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
            res.writeHead(200, { 'content-type': 'application/json' }).end(await up.text());
          } catch {
            if (!res.headersSent) res.writeHead(502).end();
          }
          return;
        }
        calls++;
        if (mode === 'garbage')
          res.writeHead(200, { 'content-type': 'application/json' }).end('<html>bad gateway</html>');
        else if (mode === 'http500')
          res.writeHead(500).end('{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"boom"}}');
        else if (mode === 'revert500')
          // Some nodes answer a revert with HTTP 500 and a JSON-RPC error: the request's fault, not the node's.
          res
            .writeHead(500)
            .end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: 3, message: 'execution reverted' } }));
        else if (mode === 'huge')
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(`{"jsonrpc":"2.0","id":1,"result":"${'a'.repeat(4096)}"}`);
        else if (mode === 'cut') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
          res.write('{"jsonrpc":"2.0",');
          setTimeout(() => res.socket?.destroy(), 20);
        }
        // 'hang': never answer
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    calls: () => calls,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

describe('misbehaving nodes', () => {
  it.each(['garbage', 'http500', 'cut'] as const)(
    'a node answering %s is failed over to the good node',
    async (mode) => {
      const good = await Anvil.start();
      const bad = await misbehaving(good.url, mode);
      const proxy = await proxyFor([bad.url, good.url], {
        limits: { perIp: { max: 1_000_000, windowMs: 60_000 }, responseBytes: 2048 },
        upstream: { healthIntervalMs: 100, healthTimeoutMs: 500, timeoutMs: 300, healthyAfter: 2 },
      });
      try {
        // The first call of a fresh proxy starts with node0 (the bad one).
        const balances = await Promise.all(
          Array.from({ length: 6 }, () => rpc(proxy.url, 'eth_getBalance', [CONTRACT, 'latest'])),
        );
        expect(balances).toEqual(Array(6).fill('0x0'));
        const metrics = await (await fetch(`${proxy.url}metrics`)).text();
        expect(metrics).toMatch(/rpc_proxy_failovers_total\{method="eth_getBalance"\} [1-9]/);
        expect(metrics).toMatch(
          /rpc_proxy_upstream_request_duration_seconds_count\{upstream="node0",outcome="error"\} [1-9]/,
        );
      } finally {
        await proxy.close();
        await bad.close();
        await good.kill();
      }
    },
  );
});

describe('failures that are not retried on another node', () => {
  /** node0 misbehaves as `mode`, node1 is a counting pass-through to a real anvil. */
  async function pair(mode: 'hang' | 'huge' | 'revert500') {
    const anvil = await Anvil.start();
    const bad = await misbehaving(anvil.url, mode);
    const good = await misbehaving(anvil.url, 'pass');
    const proxy = await proxyFor([bad.url, good.url], {
      limits: { perIp: { max: 1_000_000, windowMs: 60_000 }, responseBytes: 2048 },
      upstream: { healthIntervalMs: 100, healthTimeoutMs: 500, timeoutMs: 300, healthyAfter: 2 },
    });
    const call = async () =>
      (await (
        await fetch(proxy.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [CONTRACT, 'latest'] }),
        })
      ).json()) as { result?: unknown; error?: { code: number; message: string; data: { reason: string } } };
    const close = async () => {
      await proxy.close();
      await Promise.all([bad.close(), good.close()]);
      await anvil.kill();
    };
    return { bad, good, proxy, call, close };
  }

  it('a timed-out call is answered with a timeout error and not retried on the second node', async () => {
    const t = await pair('hang');
    try {
      // The first call of a fresh proxy starts with node0 (the hanging one).
      const body = await t.call();
      expect(body.error).toMatchObject({ code: -32000, data: { reason: 'upstream_timeout' } });
      expect(body.error!.message).toMatch(/did not answer within 0.3 s.*not retried on another node/);
      expect(t.bad.calls()).toBe(1);
      expect(t.good.calls()).toBe(0);
      const metrics = await (await fetch(`${t.proxy.url}metrics`)).text();
      expect(metrics).not.toMatch(/rpc_proxy_failovers_total\{method="eth_getBalance"\} [1-9]/);
      // A timeout is not held against the node (an expensive call must not empty the pool).
      expect((await health(t.proxy)).upstreams[0]).toMatchObject({ name: 'node0', healthy: true });
    } finally {
      await t.close();
    }
  });

  it('an answer above responseBytes is refused, not retried, and the node stays in', async () => {
    const t = await pair('huge');
    try {
      const body = await t.call();
      expect(body.error).toMatchObject({ code: -32000, data: { reason: 'response_too_large' } });
      expect(t.bad.calls()).toBe(1);
      expect(t.good.calls()).toBe(0);
      expect((await health(t.proxy)).upstreams[0]).toMatchObject({ name: 'node0', healthy: true });
    } finally {
      await t.close();
    }
  });

  it('a client-caused error answered with HTTP 500 (execution reverted) is passed on, not retried', async () => {
    const t = await pair('revert500');
    try {
      const body = await t.call();
      expect(body.error).toMatchObject({ code: 3, message: 'execution reverted' });
      expect(t.bad.calls()).toBe(1);
      expect(t.good.calls()).toBe(0);
      expect((await health(t.proxy)).upstreams[0]).toMatchObject({ name: 'node0', healthy: true });
    } finally {
      await t.close();
    }
  });
});
