/**
 * The proxy in front of a real anvil, driven by real clients (viem, cast): allowed calls must be
 * transparent (same answers as anvil directly), refused ones must carry the right JSON-RPC error.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseGwei,
  serializeTransaction,
  type Hex,
  type PublicClient,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyConfigFromDeployment } from './config';
import { startProxy } from './server';
import { ANVIL_CHAIN_ID, Anvil, CAST_BIN, DEV_KEYS, deployStore, rpc } from '../../dev/testing/proxy-anvil';

const run = promisify(execFile);
const chain = { ...foundry, id: ANVIL_CHAIN_ID };
const FOREIGN = '0x000000000000000000000000000000000000dEaD' as const;
const ORIGIN = 'http://localhost:3000';

let anvil: Anvil;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let store: Hex;
let deployTx: Hex;
let direct: PublicClient;
let proxied: PublicClient;

async function raw(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** cast 1.7 prints RPC errors on stderr but does not always exit non-zero: tests check the output. */
async function cast(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(CAST_BIN, args).catch((e: { stdout: string; stderr: string }) => ({ stdout: e.stdout, stderr: e.stderr }));
}

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  anvil = await Anvil.start();
  store = await deployStore(anvil.url);
  const block = (await rpc(anvil.url, 'eth_getBlockByNumber', ['0x1', false])) as { transactions: Hex[] };
  deployTx = block.transactions[0]!;
  proxy = await startProxy(
    proxyConfigFromDeployment({
      chainId: ANVIL_CHAIN_ID,
      upstreams: [anvil.url],
      allowedContracts: [store],
      corsOrigins: [ORIGIN],
      port: 0,
      overrides: {
        log: { level: 'silent' },
        limits: { logsBlockRange: 10, perSender: { max: 5, windowMs: 60_000 }, txGasCap: 1_000_000 },
        upstream: { healthIntervalMs: 100 },
      },
    }),
  );
  direct = createPublicClient({ chain, transport: http(anvil.url) });
  proxied = createPublicClient({ chain, transport: http(proxy.url, { batch: true }) });
});

afterAll(async () => {
  await proxy?.close();
  await anvil?.kill();
});

describe('transparency: allowed reads answer exactly like the node', () => {
  it('every allowlisted read method', async () => {
    const latest = (await rpc(anvil.url, 'eth_getBlockByNumber', ['latest', false])) as { hash: Hex };
    const calls: Array<[string, unknown[]]> = [
      ['web3_clientVersion', []],
      ['net_version', []],
      ['eth_chainId', []],
      ['eth_syncing', []],
      ['eth_blockNumber', []],
      ['eth_gasPrice', []],
      ['eth_maxPriorityFeePerGas', []],
      ['eth_feeHistory', ['0x4', 'latest', [25, 75]]],
      ['eth_call', [{ to: store, data: '0x' }, 'latest']],
      [
        'eth_estimateGas',
        [{ from: privateKeyToAccount(DEV_KEYS[0]).address, to: store, data: `0x${'00'.repeat(31)}07` }],
      ],
      ['eth_getBalance', [privateKeyToAccount(DEV_KEYS[0]).address, 'latest']],
      ['eth_getCode', [store, 'latest']],
      ['eth_getTransactionCount', [privateKeyToAccount(DEV_KEYS[1]).address, 'latest']],
      ['eth_getStorageAt', [store, '0x0', 'latest']],
      ['eth_getBlockByNumber', ['0x1', true]],
      ['eth_getBlockByHash', [latest.hash, false]],
      ['eth_getTransactionByHash', [deployTx]],
      ['eth_getTransactionReceipt', [deployTx]],
      ['eth_getLogs', [{ address: store, fromBlock: '0x0', toBlock: '0x1' }]],
    ];
    for (const [method, params] of calls) {
      const a = await raw(anvil.url, { jsonrpc: '2.0', id: 7, method, params });
      const b = await raw(proxy.url, { jsonrpc: '2.0', id: 7, method, params });
      expect(b.status, method).toBe(200);
      expect(b.body, method).toEqual(a.body);
    }
  });

  it('viem public client (batched transport) gets the same values as direct', async () => {
    const account = privateKeyToAccount(DEV_KEYS[0]).address;
    const [chainId, blockNumber, balance, code, call, block] = await Promise.all([
      proxied.getChainId(),
      proxied.getBlockNumber({ cacheTime: 0 }),
      proxied.getBalance({ address: account }),
      proxied.getCode({ address: store }),
      proxied.call({ to: store, data: '0x' }),
      proxied.getBlock({ blockNumber: 1n }),
    ]);
    expect(chainId).toBe(ANVIL_CHAIN_ID);
    expect(blockNumber).toBe(await direct.getBlockNumber({ cacheTime: 0 }));
    expect(balance).toBe(await direct.getBalance({ address: account }));
    expect(code).toBe(await direct.getCode({ address: store }));
    expect(call).toEqual(await direct.call({ to: store, data: '0x' }));
    expect(block.hash).toBe((await direct.getBlock({ blockNumber: 1n })).hash);
  });

  it('cast reads through the proxy match cast against the node', async () => {
    for (const args of [['chain-id'], ['block-number'], ['balance', FOREIGN], ['call', store, '0x'], ['code', store]]) {
      const viaProxy = await run(CAST_BIN, [...args, '--rpc-url', proxy.url]);
      const viaNode = await run(CAST_BIN, [...args, '--rpc-url', anvil.url]);
      expect(viaProxy.stdout, args.join(' ')).toBe(viaNode.stdout);
    }
  });
});

describe('eth_sendRawTransaction', () => {
  it('viem wallet client: a transaction to an allowed contract is accepted and mined', async () => {
    const wallet = createWalletClient({
      account: privateKeyToAccount(DEV_KEYS[0]),
      chain,
      transport: http(proxy.url),
    });
    const value = `0x${'00'.repeat(31)}2a` as Hex;
    const hash = await wallet.sendTransaction({ to: store, data: value });
    const receipt = await proxied.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    expect(receipt.status).toBe('success');
    expect((await proxied.call({ to: store, data: '0x' })).data).toBe(value);
  });

  it('cast send (EIP-1559 and legacy) is accepted; cast send --create is refused', async () => {
    const common = ['--private-key', DEV_KEYS[0], '--rpc-url', proxy.url];
    const out = await run(CAST_BIN, ['send', ...common, store, `0x${'00'.repeat(31)}05`, '--json']);
    expect(JSON.parse(out.stdout).status).toBe('0x1');
    const legacy = await run(CAST_BIN, ['send', ...common, '--legacy', store, `0x${'00'.repeat(31)}06`, '--json']);
    expect(JSON.parse(legacy.stdout).status).toBe('0x1');
    const created = await cast(['send', ...common, '--create', '0x6017600c60003960176000f3']);
    expect(created.stdout).toBe('');
    expect(created.stderr).toMatch(/-32003.*contract creation is not allowed/);
  });

  const account = privateKeyToAccount(DEV_KEYS[0]);
  async function signed(overrides: Record<string, unknown>): Promise<Hex> {
    const nonce = await direct.getTransactionCount({ address: account.address });
    return account.signTransaction({
      type: 'eip1559',
      chainId: ANVIL_CHAIN_ID,
      nonce,
      to: store,
      gas: 100_000n,
      maxFeePerGas: parseGwei('10'),
      maxPriorityFeePerGas: parseGwei('1'),
      ...overrides,
    });
  }
  async function sendRaw(tx: Hex) {
    return (await raw(proxy.url, { jsonrpc: '2.0', id: 'tx', method: 'eth_sendRawTransaction', params: [tx] })).body;
  }

  it.each([
    ['foreign destination', { to: FOREIGN }, -32003, /not one of the consortium's contracts/],
    ['foreign chain id', { chainId: 1 }, -32003, /signed for chain id 1, this network is chain id 31337/],
    ['contract creation', { to: undefined, data: '0x6017600c60003960176000f3' }, -32003, /contract creation/],
    ['gas above the cap', { gas: 1_000_001n }, -32003, /exceeds the cap of 1000000/],
  ])('refuses %s', async (_name, overrides, code, message) => {
    const body = await sendRaw(await signed(overrides));
    expect(body.id).toBe('tx');
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
  });

  it('refuses a pre-EIP-155 legacy transaction (no chain id: replayable on any chain)', async () => {
    const nonce = await direct.getTransactionCount({ address: account.address });
    const tx = await account.signTransaction({
      type: 'legacy',
      nonce,
      to: store,
      gas: 50_000n,
      gasPrice: parseGwei('10'),
    });
    const body = await sendRaw(tx);
    expect(body.error).toMatchObject({ code: -32003, data: { reason: 'chain_id_missing' } });
  });

  it('refuses undecodable and unsigned transactions with -32602', async () => {
    expect((await sendRaw('0x02deadbeef')).error).toMatchObject({ code: -32602, data: { reason: 'tx_undecodable' } });
    const unsigned = serializeTransaction({
      type: 'eip1559',
      chainId: ANVIL_CHAIN_ID,
      nonce: 0,
      to: store,
      gas: 50_000n,
      maxFeePerGas: 1n,
      maxPriorityFeePerGas: 1n,
    });
    expect((await sendRaw(unsigned)).error).toMatchObject({ code: -32602, data: { reason: 'tx_unsigned' } });
  });

  it('limits transactions per recovered sender', async () => {
    const stranger = privateKeyToAccount(generatePrivateKey());
    const tx = await stranger.signTransaction({
      type: 'eip1559',
      chainId: ANVIL_CHAIN_ID,
      nonce: 0,
      to: store,
      gas: 50_000n,
      maxFeePerGas: 1n,
      maxPriorityFeePerGas: 1n,
    });
    // The unfunded sender's first five reach the node (which refuses them: no funds) and count.
    for (let i = 0; i < 5; i++) expect((await sendRaw(tx)).error.data?.reason).not.toBe('sender_rate');
    const body = await sendRaw(tx);
    expect(body.error).toMatchObject({ code: -32005, data: { reason: 'sender_rate' } });
    expect(body.error.message).toContain(stranger.address);
    // The local hash is what the node would return: sanity check of the hashing the failover path uses.
    expect(keccak256(tx)).toMatch(/^0x[0-9a-f]{64}$/);
  });
});

describe('refused methods', () => {
  it.each([
    'eth_accounts',
    'eth_sendTransaction',
    'eth_sign',
    'eth_signTypedData_v4',
    'personal_sign',
    'admin_peers',
    'debug_traceTransaction',
    'miner_start',
    'txpool_content',
    'anvil_setBalance',
    'evm_mine',
    'eth_newFilter',
    'eth_getFilterChanges',
    'qbft_getValidatorsByBlockNumber',
  ])('%s gets -32601 through viem', async (method) => {
    await expect(proxied.request({ method: method as 'eth_chainId', params: [] as never })).rejects.toMatchObject({
      code: -32601,
    });
  });

  it('cast rpc admin_nodeInfo fails with the proxy error', async () => {
    const out = await cast(['rpc', 'admin_nodeInfo', '--rpc-url', proxy.url]);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/-32601.*admin_nodeInfo does not exist\/is not available/);
  });

  it('extra positional params are refused rather than passed through', async () => {
    const body = (await raw(proxy.url, { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: ['x'] })).body;
    expect(body.error.code).toBe(-32602);
  });
});

describe('eth_getLogs policy', () => {
  const logs = (filter: unknown) =>
    raw(proxy.url, { jsonrpc: '2.0', id: 3, method: 'eth_getLogs', params: [filter] }).then((r) => r.body);

  it('requires an address filter within the consortium contracts', async () => {
    expect((await logs({ fromBlock: '0x0', toBlock: '0x1' })).error).toMatchObject({
      code: -32602,
      data: { reason: 'logs_address_required' },
    });
    expect((await logs({ address: [], fromBlock: '0x0' })).error.data.reason).toBe('logs_address_required');
    expect((await logs({ address: [store, FOREIGN], fromBlock: '0x0' })).error).toMatchObject({
      code: -32000,
      data: { reason: 'logs_address_not_allowed' },
    });
  });

  it('caps the block range, resolving tags against the current head', async () => {
    // Mine straight on the node, then let a health check see the new head.
    await rpc(anvil.url, 'anvil_mine', ['0x14']);
    const head = BigInt((await rpc(anvil.url, 'eth_blockNumber')) as string);
    await waitFor(async () => (await (await fetch(`${proxy.url}health`)).json()).bestHead === head.toString());
    expect((await logs({ address: store, fromBlock: '0x0', toBlock: '0x9' })).result).toBeInstanceOf(Array);
    expect((await logs({ address: store, fromBlock: '0x0', toBlock: '0xa' })).error).toMatchObject({
      code: -32005,
      data: { reason: 'logs_range' },
    });
    const tagged = await logs({ address: store, fromBlock: 'earliest', toBlock: 'latest' });
    expect(tagged.error.code).toBe(-32005);
    expect(tagged.error.message).toContain(`0..${head}`);
    expect((await logs({ address: store, fromBlock: `0x${(head - 9n).toString(16)}` })).result).toBeInstanceOf(Array);
  });

  it('answers blockHash queries (one block, no range) like the node', async () => {
    const block = (await rpc(anvil.url, 'eth_getBlockByNumber', ['0x2', false])) as { hash: Hex };
    const filter = { address: store, blockHash: block.hash };
    const viaNode = (await raw(anvil.url, { jsonrpc: '2.0', id: 3, method: 'eth_getLogs', params: [filter] })).body;
    expect(await logs(filter)).toEqual(viaNode);
    expect((await logs({ ...filter, fromBlock: '0x0' })).error.code).toBe(-32602);
  });

  it('restricts eth_getStorageAt to the consortium contracts', async () => {
    const body = (
      await raw(proxy.url, { jsonrpc: '2.0', id: 1, method: 'eth_getStorageAt', params: [FOREIGN, '0x0', 'latest'] })
    ).body;
    expect(body.error).toMatchObject({ code: -32000, data: { reason: 'storage_address_not_allowed' } });
  });
});

describe('JSON-RPC envelope', () => {
  it('echoes ids of every type and answers batches in order, skipping notifications', async () => {
    const r = await raw(proxy.url, [
      { jsonrpc: '2.0', id: 'a', method: 'eth_chainId' },
      { jsonrpc: '2.0', method: 'eth_chainId' },
      { jsonrpc: '2.0', id: null, method: 'eth_chainId' },
      { jsonrpc: '2.0', id: 12345678901234, method: 'admin_peers' },
      { jsonrpc: '1.0', id: 9, method: 'eth_chainId' },
    ]);
    expect(r.body).toEqual([
      { jsonrpc: '2.0', id: 'a', result: '0x7a69' },
      { jsonrpc: '2.0', id: null, result: '0x7a69' },
      { jsonrpc: '2.0', id: 12345678901234, error: expect.objectContaining({ code: -32601 }) },
      { jsonrpc: '2.0', id: 9, error: expect.objectContaining({ code: -32600 }) },
    ]);
  });

  it('answers nothing (204) to notifications only', async () => {
    expect((await raw(proxy.url, { jsonrpc: '2.0', method: 'eth_blockNumber' })).status).toBe(204);
    expect((await raw(proxy.url, [{ jsonrpc: '2.0', method: 'eth_blockNumber' }])).status).toBe(204);
  });
});

describe('HTTP surface', () => {
  it('CORS: preflight allowed for configured origins only, and answers carry the header', async () => {
    const preflight = (origin: string) =>
      fetch(proxy.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight(ORIGIN)).headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const r = await raw(proxy.url, { jsonrpc: '2.0', id: 1, method: 'eth_chainId' }, { origin: ORIGIN });
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('GET /health reports upstream states; GET /metrics exposes counters', async () => {
    const health = await fetch(`${proxy.url}health`);
    expect(health.status).toBe(200);
    const h = await health.json();
    expect(h).toMatchObject({
      status: 'ok',
      chainId: ANVIL_CHAIN_ID,
      upstreams: [{ name: 'node0', healthy: true, chainOk: true, eligible: true }],
    });
    const metrics = await (await fetch(`${proxy.url}metrics`)).text();
    expect(metrics).toMatch(/rpc_proxy_requests_total\{method="eth_chainId",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/rpc_proxy_refusals_total\{reason="method_not_allowed"\} \d+/);
    expect(metrics).toMatch(
      /rpc_proxy_upstream_request_duration_seconds_bucket\{le="0.001",upstream="node0",outcome="ok"\}/,
    );
    expect(metrics).not.toMatch(/method="qbft_getValidatorsByBlockNumber"/); // unbounded labels are folded into "other"
  });

  it('per-IP rate limit (via @fastify/rate-limit) answers 429 with a JSON-RPC -32005 and CORS headers', async () => {
    const limited = await startProxy(
      proxyConfigFromDeployment({
        chainId: ANVIL_CHAIN_ID,
        upstreams: [anvil.url],
        allowedContracts: [store],
        corsOrigins: [ORIGIN],
        port: 0,
        overrides: { log: { level: 'silent' }, limits: { perIp: { max: 3, windowMs: 60_000 } } },
      }),
    );
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof raw>> | undefined;
      for (let i = 0; i < 4; i++) {
        last = await raw(limited.url, { jsonrpc: '2.0', id: i, method: 'eth_chainId' }, { origin: ORIGIN });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(last!.body.error).toMatchObject({ code: -32005, data: { reason: 'ip_rate' } });
      expect(last!.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(last!.headers.get('retry-after')).not.toBeNull();
    } finally {
      await limited.close();
    }
  });

  it('answers under the per-IP limit carry no x-ratelimit-* headers; the 429 carries them with retry-after', async () => {
    const limited = await startProxy(
      proxyConfigFromDeployment({
        chainId: ANVIL_CHAIN_ID,
        upstreams: [anvil.url],
        allowedContracts: [store],
        corsOrigins: [ORIGIN],
        port: 0,
        overrides: { log: { level: 'silent' }, limits: { perIp: { max: 1, windowMs: 60_000 } } },
      }),
    );
    try {
      const ok = await raw(limited.url, { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber' }, { origin: ORIGIN });
      expect(ok.status).toBe(200);
      const names = [...ok.headers.keys()];
      expect(names.filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
      const over = await raw(limited.url, { jsonrpc: '2.0', id: 2, method: 'eth_blockNumber' }, { origin: ORIGIN });
      expect(over.status).toBe(429);
      expect(over.headers.get('x-ratelimit-limit')).toBe('1');
      expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('node CPU bounds: gas cap, no overrides, weighted units, node-time budget', () => {
  // Runtime code set straight on anvil (eth_call may target any address; only logs/storage/txs are restricted).
  const GASLEFT = '0x00000000000000000000000000000000000b0002' as const; // returns gasleft()
  const BURNER = '0x00000000000000000000000000000000000b0001' as const; // JUMPDEST PUSH1 0 JUMP: loops until out of gas
  const CAP = 5_000_000n; // the default limits.callGasCap
  const call = (url: string, method: string, params: unknown[], headers: Record<string, string> = {}) =>
    raw(url, { jsonrpc: '2.0', id: 1, method, params }, headers);

  beforeAll(async () => {
    await rpc(anvil.url, 'anvil_setCode', [GASLEFT, '0x5a60005260206000f3']);
    await rpc(anvil.url, 'anvil_setCode', [BURNER, '0x5b600056']);
  });

  function limitedProxy(limits: NonNullable<Parameters<typeof proxyConfigFromDeployment>[0]['overrides']>['limits']) {
    return startProxy(
      proxyConfigFromDeployment({
        chainId: ANVIL_CHAIN_ID,
        upstreams: [anvil.url],
        allowedContracts: [store],
        corsOrigins: [ORIGIN],
        port: 0,
        overrides: { log: { level: 'silent' }, limits },
      }),
    );
  }

  it('heavy eth_call capped: forwarded with gas = callGasCap when the caller gives none', async () => {
    const direct = BigInt((await call(anvil.url, 'eth_call', [{ to: GASLEFT }, 'latest'])).body.result);
    const proxied = BigInt((await call(proxy.url, 'eth_call', [{ to: GASLEFT }, 'latest'])).body.result);
    expect(direct).toBeGreaterThan(CAP); // the node alone would run it with its block gas limit (30 M on anvil)
    expect(proxied).toBeLessThanOrEqual(CAP - 21_000n);
    expect(proxied).toBeGreaterThan(CAP - 22_000n);
    // An infinite loop stops at the cap: the node's own out-of-gas answer, passed on.
    const burn = (await call(proxy.url, 'eth_call', [{ to: BURNER }, 'latest'])).body;
    expect(burn.error.message).toMatch(/out ?of ?gas/i);
    // eth_estimateGas searches no higher than the cap.
    const est = (await call(proxy.url, 'eth_estimateGas', [{ to: BURNER }])).body;
    expect(est.error.message).toContain(String(CAP));
    // A smaller explicit gas is kept as asked.
    const small = (await call(proxy.url, 'eth_call', [{ to: GASLEFT, gas: '0x7a120' }, 'latest'])).body; // 500,000
    expect(BigInt(small.result)).toBeLessThan(500_000n - 21_000n + 1n);
  });

  it('heavy eth_call capped: a larger explicit gas is refused in words', async () => {
    for (const method of ['eth_call', 'eth_estimateGas']) {
      const body = (await call(proxy.url, method, [{ to: GASLEFT, gas: `0x${(CAP + 1n).toString(16)}` }, 'latest']))
        .body;
      expect(body.error, method).toMatchObject({ code: -32602, data: { reason: 'call_gas_cap' } });
      expect(body.error.message).toBe(
        `Invalid params: ${method} asks for 5000001 gas, this endpoint allows at most 5000000 per call; ask for less or leave gas out`,
      );
    }
    await expect(proxied.call({ to: GASLEFT, gas: 30_000_000n })).rejects.toThrow(/allows at most 5000000/);
  });

  it('state and block overrides refused (eth_call 3rd/4th params, eth_estimateGas 3rd)', async () => {
    // The state override would read the store's slot 0 through foreign code: what eth_getStorageAt refuses.
    const override = { [FOREIGN]: { code: '0x60005460005260206000f3' } };
    const cases: Array<[string, unknown[], string]> = [
      ['eth_call', [{ to: FOREIGN }, 'latest', override], 'state_override'],
      ['eth_call', [{ to: FOREIGN }, 'latest', {}], 'state_override'],
      ['eth_call', [{ to: store }, 'latest', null, { number: '0x1' }], 'block_override'],
      ['eth_estimateGas', [{ to: FOREIGN }, 'latest', override], 'state_override'],
    ];
    for (const [method, params, reason] of cases) {
      const body = (await call(proxy.url, method, params)).body;
      expect(body.error, `${method} ${reason}`).toMatchObject({ code: -32602, data: { reason } });
      expect(body.error.message).toMatch(/overrides \((third|fourth) parameter\) are not accepted by this endpoint/);
    }
    await expect(
      proxied.call({ to: FOREIGN, stateOverride: [{ address: FOREIGN, code: '0x60005460005260206000f3' }] }),
    ).rejects.toThrow(/state overrides/);
    // A key that a Go node would read case-insensitively next to the checked one is refused, not forwarded.
    const smuggled = (await call(proxy.url, 'eth_call', [{ to: GASLEFT, Gas: '0x1c9c380' }, 'latest'])).body;
    expect(smuggled.error).toMatchObject({ code: -32602, data: { reason: 'call_unknown_field' } });
  });

  it('a 100-entry batch counted as 100 weighted units (eth_estimateGas as 10)', async () => {
    const limited = await limitedProxy({ perIpUnits: { max: 150, windowMs: 60_000 } });
    try {
      const batch = (n: number, method = 'eth_blockNumber', params: unknown[] = []) =>
        Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method, params }));
      const first = await raw(limited.url, batch(100), { origin: ORIGIN });
      expect(first.status).toBe(200);
      expect(first.body.every((a: { result?: string }) => typeof a.result === 'string')).toBe(true);
      // 100 of 150 used: 5 estimates (10 each) fit exactly, the next entry does not.
      const estimate = [{ from: privateKeyToAccount(DEV_KEYS[0]).address, to: store, data: '0x' }];
      expect((await raw(limited.url, batch(5, 'eth_estimateGas', estimate))).status).toBe(200);
      const over = await raw(limited.url, batch(1), { origin: ORIGIN });
      expect(over.status).toBe(429);
      expect(over.body.error).toMatchObject({ code: -32005, data: { reason: 'ip_units' } });
      expect(over.body.error.message).toMatch(/this request weighs 1 units and this address used 150 of its 150 units/);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    } finally {
      await limited.close();
    }
  });

  it('eth_getLogs weighs by block range (one unit per started logsBlocksPerUnit blocks), a blockHash query 1', async () => {
    const limited = await limitedProxy({ perIpUnits: { max: 7, windowMs: 60_000 }, logsBlocksPerUnit: 10 });
    try {
      const block = (await rpc(anvil.url, 'eth_getBlockByNumber', ['0x1', false])) as { hash: Hex };
      const logs = (filter: unknown) => call(limited.url, 'eth_getLogs', [filter]);
      expect((await logs({ address: store, blockHash: block.hash })).status).toBe(200); // 1
      expect((await logs({ address: store, fromBlock: '0x1', toBlock: '0x1' })).status).toBe(200); // 1
      expect((await logs({ address: store, fromBlock: '0x0', toBlock: '0x31' })).status).toBe(200); // 50 blocks: 5
      expect((await logs({ address: store, fromBlock: '0x0', toBlock: '0x1' })).status).toBe(429); // 1 more: 8 > 7
    } finally {
      await limited.close();
    }
  });

  it('node-time budget exhausted: JSON-RPC -32005 and HTTP 429 with Retry-After', async () => {
    // Each capped burner call costs the node a few ms; a 20 ms budget is spent after a handful.
    const limited = await limitedProxy({ perIpUpstreamMs: { max: 20, windowMs: 60_000 } });
    try {
      let last: Awaited<ReturnType<typeof raw>> | undefined;
      let served = 0;
      for (let i = 0; i < 200; i++) {
        last = await call(limited.url, 'eth_call', [{ to: BURNER }, 'latest'], { origin: ORIGIN });
        if (last.status !== 200) break;
        served++;
      }
      expect(served).toBeGreaterThan(0);
      expect(last!.status).toBe(429);
      expect(last!.body.error).toMatchObject({ code: -32005, data: { reason: 'ip_node_time' } });
      expect(last!.body.error.message).toMatch(
        /^Limit exceeded: calls from this address used \d+ ms of node time in 60 s \(limit 20 ms\); retry in \d+ s$/,
      );
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      // Once the time is spent the address waits, whatever the method: light calls do not pay for heavy ones.
      expect((await call(limited.url, 'eth_blockNumber', [])).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
