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
