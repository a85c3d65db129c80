import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startAnvil, type AnvilHandle } from './anvil';

const started: AnvilHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map((anvil) => anvil.stop()));
});

describe('startAnvil', () => {
  it("refuses a port another process listens on, instead of taking that process's answers for its own", async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as net.AddressInfo;
    try {
      await expect(startAnvil({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('with port 0, gives each caller its own node on a free port', async () => {
    const [a, b] = await Promise.all([startAnvil({ port: 0, chainId: 4001 }), startAnvil({ port: 0, chainId: 4002 })]);
    started.push(a, b);
    expect(a.port).not.toBe(b.port);
    const chainIdOf = async (url: string) =>
      (
        (await (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
          })
        ).json()) as { result: string }
      ).result;
    expect([await chainIdOf(a.url), await chainIdOf(b.url)]).toEqual(['0xfa1', '0xfa2']);
  });
});
