/**
 * The node's result text is forwarded as it is (no parse + re-serialise) only when the node's envelope has the
 * exact expected shape and the text is exactly one JSON value; anything a node could smuggle around it (a second
 * id, an error next to the result, trailing keys) takes the full validation path.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyConfigFromDeployment } from './config';
import { startProxy } from './server';

const CHAIN_ID = 31337;
const STORE = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

/** What the node answers to eth_getBalance, by the account asked for (`{id}` is replaced by the request id). */
const ANSWERS: Record<string, string> = {
  // Compact, with an object result whose key order and spacing a re-serialisation would change.
  '0x0000000000000000000000000000000000000001': '{"jsonrpc":"2.0","id":{id},"result":{"b": 1,"a":[1, 2]}}\n',
  // A second id after the result: taken for a result, the client would read another request's id.
  '0x0000000000000000000000000000000000000002': '{"jsonrpc":"2.0","id":{id},"result":"0x1","id":999}',
  // An error next to the result.
  '0x0000000000000000000000000000000000000003':
    '{"jsonrpc":"2.0","id":{id},"result":"0x1","error":{"code":-32000,"message":"both"}}',
  // Trailing text that is not JSON.
  '0x0000000000000000000000000000000000000004': '{"jsonrpc":"2.0","id":{id},"result":"0x1"}}',
};

const node = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const call = JSON.parse(Buffer.concat(chunks).toString()) as { id: number; method: string; params: string[] };
    let body: string;
    if (call.method === 'eth_chainId') body = JSON.stringify({ jsonrpc: '2.0', id: call.id, result: '0x7a69' });
    else if (call.method === 'eth_blockNumber') body = JSON.stringify({ jsonrpc: '2.0', id: call.id, result: '0x10' });
    else body = ANSWERS[call.params[0]].replaceAll('{id}', String(call.id));
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});

let proxy: Awaited<ReturnType<typeof startProxy>>;

beforeAll(async () => {
  await new Promise<void>((r) => node.listen(0, '127.0.0.1', r));
  proxy = await startProxy(
    proxyConfigFromDeployment({
      chainId: CHAIN_ID,
      upstreams: [`http://127.0.0.1:${(node.address() as { port: number }).port}`],
      allowedContracts: [STORE],
      port: 0,
      overrides: { log: { level: 'silent' }, upstream: { maxAttempts: 1 } },
    }),
  );
});

afterAll(async () => {
  await proxy?.close();
  await new Promise((r) => node.close(r));
});

async function balance(account: string, id: unknown = 7): Promise<string> {
  const res = await fetch(proxy.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'eth_getBalance', params: [account, 'latest'] }),
  });
  return res.text();
}

describe('forwarding the node result text', () => {
  it("a compact answer's result text reaches the client unchanged, under the client's own id", async () => {
    expect(await balance('0x0000000000000000000000000000000000000001', 'a"b')).toBe(
      '{"jsonrpc":"2.0","id":"a\\"b","result":{"b": 1,"a":[1, 2]}}',
    );
  });

  it('a second id, an error beside the result or trailing text is never spliced into the answer', async () => {
    for (const account of [
      '0x0000000000000000000000000000000000000002',
      '0x0000000000000000000000000000000000000004',
    ]) {
      const text = await balance(account);
      const answer = JSON.parse(text) as { id: unknown; result?: unknown; error?: { data?: { reason?: string } } };
      // Refused as a node failure (another id / not JSON), not passed on.
      expect(answer.id).toBe(7);
      expect(answer.result).toBeUndefined();
      expect(answer.error?.data?.reason).toBe('upstream_unavailable');
      expect(text).not.toContain('999');
    }
    // An error object next to the result: the full path reads it as the node's error, one envelope.
    const both = await balance('0x0000000000000000000000000000000000000003');
    expect(JSON.parse(both)).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32000, message: 'both' } });
  });
});

describe('the upstream transport', () => {
  it("an upstream URL's credentials reach the node as basic auth, its path and query are kept, never shown", async () => {
    const seen: Array<{ url?: string; authorization?: string; contentType?: string }> = [];
    const guarded = http.createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization, contentType: req.headers['content-type'] });
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const call = JSON.parse(Buffer.concat(chunks).toString()) as { id: number; method: string };
        if (req.headers.authorization !== `Basic ${Buffer.from('us@er:s3cr:et').toString('base64')}`)
          return res.writeHead(401).end();
        const result = call.method === 'eth_chainId' ? '0x7a69' : '0x10';
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(`{"jsonrpc":"2.0","id":${call.id},"result":"${result}"}`);
      });
    });
    await new Promise<void>((r) => guarded.listen(0, '127.0.0.1', r));
    const port = (guarded.address() as { port: number }).port;
    const behind = await startProxy(
      proxyConfigFromDeployment({
        chainId: CHAIN_ID,
        upstreams: [`http://us%40er:s3cr%3Aet@127.0.0.1:${port}/rpc/node?key=1`],
        allowedContracts: [STORE],
        port: 0,
        overrides: { log: { level: 'silent' } },
      }),
    );
    try {
      const res = await fetch(behind.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
      });
      expect(await res.json()).toEqual({ jsonrpc: '2.0', id: 1, result: '0x10' });
      expect(seen.length).toBeGreaterThan(1); // health checks and the call
      for (const s of seen) {
        expect(s.url).toBe('/rpc/node?key=1');
        expect(s.contentType).toBe('application/json');
      }
      const health = await (await fetch(`${behind.url}health`)).text();
      expect(health).toContain('"healthy":true');
      expect(health).not.toContain('s3cr');
      expect(await (await fetch(`${behind.url}metrics`)).text()).not.toContain('s3cr');
    } finally {
      await behind.close();
      await new Promise((r) => guarded.close(r));
    }
  });
});
