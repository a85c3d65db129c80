import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProxyConfigError, loadProxyConfig, parseProxyConfig, proxyConfigFromDeployment } from './config';
import { exceedsDepth } from './jsonrpc';
import { SenderLimiter } from './sender-limit';
import { ShardConfigSchema } from '../../browser/config/runtime';

const A = '0x8464135c8F25Da09e49BC8782676a84730C318bC';
const minimal = { chainId: 1337, upstreams: [{ url: 'http://127.0.0.1:8545' }], allowedContracts: [A] };
const examples = path.join(path.dirname(new URL(import.meta.url).pathname), 'examples');

describe('proxy configuration', () => {
  it('fills a default for every limit', () => {
    const c = parseProxyConfig(minimal);
    expect(c.listen).toEqual({ host: '127.0.0.1', port: 8545 });
    expect(c.limits).toMatchObject({
      bodyBytes: 1048576,
      batchSize: 100,
      logsBlockRange: 5000,
      txGasCap: 10_000_000,
      perIp: { max: 1200, windowMs: 60000 },
      perIpUnits: { max: 12_000, windowMs: 60000 },
      perIpUpstreamMs: { max: 30_000, windowMs: 60000 },
      perIpConcurrency: 4,
      logsBlocksPerUnit: 1000,
      callGasCap: 5_000_000,
    });
    expect(c.upstream).toMatchObject({ timeoutMs: 8000, maxBlockLag: 5, healthIntervalMs: 2000, healthyAfter: 2 });
    expect(c.server).toMatchObject({ requestTimeoutMs: 10000, headersTimeoutMs: 5000, trustProxy: false });
  });

  it('lists every problem with its path, and rejects unknown keys (typos)', () => {
    const bad = {
      chainId: 0,
      upstreams: [{ url: 'ftp://x' }],
      allowedContracts: ['0x12'],
      cors: { origins: ['https://a.example/path'] },
      limits: { batchsize: 3 },
    };
    expect(() => parseProxyConfig(bad)).toThrow(ProxyConfigError);
    try {
      parseProxyConfig(bad);
    } catch (e) {
      const msg = (e as Error).message;
      for (const p of ['chainId', 'upstreams.0.url', 'allowedContracts.0', 'cors.origins.0', 'limits.batchsize'])
        expect(msg).toContain(p);
    }
  });

  it('loads a file and applies PROXY_* environment overrides', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-config-'));
    const file = path.join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ ...minimal, cors: { origins: ['http://localhost:3000'] } }));
    const c = loadProxyConfig({
      file,
      env: {
        PROXY_PORT: '9000',
        PROXY_UPSTREAMS: 'http://a:8545, https://user:secret@b:8545/rpc',
        PROXY_TRUST_PROXY: '1',
      },
    });
    expect(c.listen.port).toBe(9000);
    expect(c.upstreams).toEqual([
      { url: 'http://a:8545', name: 'node0' },
      { url: 'https://user:secret@b:8545/rpc', name: 'node1' },
    ]);
    expect(c.server.trustProxy).toBe(1);
    expect(c.cors.origins).toEqual(['http://localhost:3000']);
    expect(() => loadProxyConfig({ file, env: { PROXY_PORT: 'eighty' } })).toThrow(
      /PROXY_PORT must be a non-negative integer/,
    );
    expect(() => loadProxyConfig({ file: path.join(dir, 'missing.json') })).toThrow(
      /Cannot read proxy configuration file/,
    );
    writeFileSync(file, '{ not json');
    expect(() => loadProxyConfig({ file })).toThrow(/not valid JSON/);
  });

  it('builds a config from deployment facts', () => {
    const c = proxyConfigFromDeployment({
      chainId: 31337,
      upstreams: ['http://127.0.0.1:8545'],
      allowedContracts: [A],
      corsOrigins: ['http://127.0.0.1:3000'],
      port: 0,
    });
    expect(c).toMatchObject({
      chainId: 31337,
      listen: { host: '127.0.0.1', port: 0 },
      cors: { origins: ['http://127.0.0.1:3000'] },
      upstreams: [{ name: 'node0' }],
    });
  });

  it('ships valid production examples', () => {
    const files = readdirSync(examples).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const c = loadProxyConfig({ file: path.join(examples, f) });
      expect(c.upstreams.length, f).toBeGreaterThanOrEqual(3);
      expect(c.cors.origins, f).not.toContain('*');
    }
  });
});

describe('issue 10 item 12: production examples', () => {
  /** RFC 1918 / RFC 4193: addresses only the internal network reaches. */
  const internal = new BlockList();
  internal.addSubnet('10.0.0.0', 8);
  internal.addSubnet('172.16.0.0', 12);
  internal.addSubnet('192.168.0.0', 16);
  internal.addSubnet('fc00::', 7, 'ipv6');
  const isInternal = (a: string) => {
    const [ip] = a.split('/');
    const family = isIP(ip);
    return family !== 0 && internal.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
  const files = readdirSync(examples).filter((f) => f.endsWith('.json'));

  it.each(files)('%s: internal bind, trusted load balancer only, own monitoring port, every dApp registry', (f) => {
    const file = path.join(examples, f);
    const c = loadProxyConfig({ file });
    // Listens on an internal interface, never on every interface.
    expect(isInternal(c.listen.host), c.listen.host).toBe(true);
    // X-Forwarded-For is believed only from the load balancer's (internal) addresses: no `true`, no hop count
    // (with either, any client that reaches the port picks its own rate-limit key).
    expect(Array.isArray(c.server.trustProxy), JSON.stringify(c.server.trustProxy)).toBe(true);
    for (const lb of c.server.trustProxy as string[]) expect(isInternal(lb), lb).toBe(true);
    // /health and /metrics on their own internal port, so the public listener does not serve them.
    expect(c.monitoring).toBeDefined();
    expect(isInternal(c.monitoring!.host)).toBe(true);
    expect(c.monitoring!.port).not.toBe(c.listen.port);
    // Every contract the dApp calls (its runtime config's `contracts`) is allowlisted, by name.
    const raw = JSON.parse(readFileSync(file, 'utf8')) as {
      allowedContracts: Array<{ name: string; address: string }>;
    };
    const dappContracts = Object.keys(ShardConfigSchema.entries.contracts.entries).sort();
    expect(dappContracts).toEqual(['carBook', 'consortium', 'documentAnchor', 'insurance', 'keyRegistry']);
    expect(raw.allowedContracts.map((c) => c.name).sort()).toEqual(dappContracts);
    expect(new Set(c.allowedContracts.map((a) => a.toLowerCase())).size).toBe(dappContracts.length);
  });

  it('trustProxy takes addresses and CIDR blocks (also from PROXY_TRUST_PROXY), and refuses anything else', () => {
    expect(
      parseProxyConfig({ ...minimal, server: { trustProxy: ['10.0.0.2', 'fd00::/8'] } }).server.trustProxy,
    ).toEqual(['10.0.0.2', 'fd00::/8']);
    expect(
      loadProxyConfig({ env: { ...envMinimal, PROXY_TRUST_PROXY: '10.0.0.2, 10.0.0.3' } }).server.trustProxy,
    ).toEqual(['10.0.0.2', '10.0.0.3']);
    expect(() => parseProxyConfig({ ...minimal, server: { trustProxy: ['lb.internal'] } })).toThrow(
      /server\.trustProxy\.0: must be an IP address or a CIDR block like 10\.0\.0\.0\/24/,
    );
    expect(() => parseProxyConfig({ ...minimal, server: { trustProxy: ['10.0.0.0/33'] } })).toThrow(/CIDR/);
    const m = loadProxyConfig({
      env: { ...envMinimal, PROXY_MONITORING_HOST: '10.0.0.5', PROXY_MONITORING_PORT: '9100' },
    });
    expect(m.monitoring).toEqual({ host: '10.0.0.5', port: 9100 });
    expect(parseProxyConfig(minimal).monitoring).toBeUndefined();
  });
});

const envMinimal = {
  PROXY_CHAIN_ID: '1337',
  PROXY_UPSTREAMS: 'http://127.0.0.1:8545',
  PROXY_ALLOWED_CONTRACTS: A,
};

describe('helpers', () => {
  it('exceedsDepth is iterative and exact', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(exceedsDepth(deep, 16)).toBe(true);
    expect(exceedsDepth([[[1]]], 3)).toBe(false);
    expect(exceedsDepth([[[1]]], 2)).toBe(true);
    expect(exceedsDepth([{ a: { b: 1 } }], 3)).toBe(false);
  });

  it('SenderLimiter: fixed window per sender, case-insensitive, disabled at 0', () => {
    let now = 0;
    const l = new SenderLimiter(2, 1000, () => now);
    expect([l.take('0xAbC'), l.take('0xabc'), l.take('0xABC')]).toEqual([true, true, false]);
    expect(l.take('0xdef')).toBe(true);
    expect(l.retryAfterSeconds('0xabc')).toBe(1);
    now = 1000;
    expect(l.take('0xabc')).toBe(true);
    const off = new SenderLimiter(0, 1000);
    expect(Array.from({ length: 10 }, () => off.take('0x1')).every(Boolean)).toBe(true);
  });
});
