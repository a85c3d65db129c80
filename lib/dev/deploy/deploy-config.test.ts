import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { getAddress, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { loadProxyConfig } from '../../server/proxy/config';
import { ShardConfigSchema } from '../../browser/config/runtime';
import { DEPLOY_DIR, generatedFiles, readNetwork } from './genesis';
import {
  allEnodes,
  decodeQbftExtraData,
  enodeAddress,
  parseNetwork,
  qbftExtraData,
  QBFT_MIX_HASH,
  validatorsOf,
} from './qbft-genesis';

const read = (name: string) => readFileSync(path.join(DEPLOY_DIR, name), 'utf8');
const readJson = (name: string) => JSON.parse(read(name)) as Record<string, unknown>;
const network = readNetwork();

describe('QBFT genesis generation (issue 14 item 5)', () => {
  it('encodes the validators into QBFT extraData and decodes them back', () => {
    const validators = [1, 2, 3, 4].map((n) => privateKeyToAccount(`0x${n.toString(16).padStart(64, '0')}`).address);
    const extraData = qbftExtraData(validators);
    // RLP list of 122 bytes for 4 validators: the same prefix as the 4-validator example of Besu's QBFT page.
    expect(extraData.startsWith('0xf87aa0' + '00'.repeat(32) + 'f854')).toBe(true);
    expect(extraData.endsWith('c080c0')).toBe(true); // no vote, round 0, no seals
    expect(decodeQbftExtraData(extraData)).toEqual({
      vanity: `0x${'00'.repeat(32)}`,
      validators,
      vote: [],
      round: 0,
      seals: [],
    });
  });

  it('derives each validator address from its enode public key', () => {
    const account = privateKeyToAccount(`0x${'11'.repeat(32)}`);
    expect(enodeAddress(`enode://${account.publicKey.slice(4)}@10.0.0.1:30303`)).toBe(account.address);
  });

  it('refuses a malformed network description in words', () => {
    const raw = readJson('network.json');
    expect(() => parseNetwork({ ...raw, requestTimeoutSeconds: 3 })).toThrow(/at least twice blockPeriodSeconds/);
    expect(() => parseNetwork({ ...raw, members: [{ name: 'x', validator: 'enode://00@h:1', rpcNode: '' }] })).toThrow(
      /members\.0\.validator: must be enode/,
    );
    expect(() => decodeQbftExtraData('0xc0')).toThrow(/5 items/);
  });

  it('keeps the committed deploy/ files equal to what npm run deploy:genesis writes', async () => {
    for (const [name, text] of Object.entries(await generatedFiles(network))) {
      expect(read(name), `deploy/${name} is stale: run npm run deploy:genesis`).toBe(text);
    }
  });

  it('Besu genesis: QBFT with one validator per member, 2 s blocks, zero base fee, nothing allocated', () => {
    const genesis = readJson('besu/genesis.json') as {
      config: Record<string, unknown> & { qbft: Record<string, number> };
      extraData: Hex;
      gasLimit: Hex;
      mixHash: Hex;
      alloc: object;
    };
    expect(genesis.config.chainId).toBe(network.chainId);
    expect(genesis.config.zeroBaseFee).toBe(true);
    expect(genesis.config.londonBlock).toBe(0);
    expect(genesis.config.qbft).toEqual({ blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 4 });
    expect(Number(genesis.gasLimit)).toBe(30_000_000);
    expect(genesis.mixHash).toBe(QBFT_MIX_HASH);
    expect(genesis.alloc).toEqual({});
    const decoded = decodeQbftExtraData(genesis.extraData);
    expect(decoded.validators).toEqual(network.members.map((m) => enodeAddress(m.validator)));
    expect(new Set(decoded.validators).size).toBe(network.members.length);
  });

  it('GoQuorum genesis: the same chain id, validators and timings, isQuorum', () => {
    const besu = readJson('besu/genesis.json');
    const quorum = readJson('goquorum/genesis.json') as { config: Record<string, unknown>; extraData: Hex };
    expect(quorum.extraData).toBe(besu.extraData);
    expect(quorum.config).toMatchObject({
      chainId: network.chainId,
      isQuorum: true,
      qbft: { blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 4 },
    });
    expect(decodeQbftExtraData(quorum.extraData).validators).toEqual(validatorsOf(network));
    const nodes = JSON.parse(read('goquorum/permissioned-nodes.json')) as string[];
    expect(nodes).toHaveLength(2 * network.members.length);
    expect(nodes.every((url) => url.endsWith('?discport=0'))).toBe(true);
  });
});

describe('Besu node configuration and permissioning', () => {
  const config = parseToml(read('besu/config.toml'));
  const permissions = parseToml(read('besu/permissions_config.toml'));

  it('config.toml: permissioned, gas free, no discovery, JSON-RPC ETH/NET/WEB3 on an internal address only', () => {
    expect(config).toMatchObject({
      'genesis-file': expect.stringMatching(/genesis\.json$/),
      'min-gas-price': 0,
      'discovery-enabled': false,
      'permissions-nodes-config-file-enabled': true,
      'permissions-accounts-config-file-enabled': true,
      'rpc-http-api': ['ETH', 'NET', 'WEB3'],
      'rpc-ws-enabled': false,
      'graphql-http-enabled': false,
      'rpc-http-cors-origins': [],
    });
    expect(config['rpc-http-host']).toMatch(/^10\./);
    expect(config['host-allowlist']).not.toContain('*');
    const proxy = loadProxyConfig({ file: path.join(DEPLOY_DIR, 'proxy/carmaker-a.json') });
    expect(Number(config['rpc-max-logs-range'])).toBeGreaterThanOrEqual(proxy.limits.logsBlockRange);
  });

  it('permissions_config.toml: every node of every member, and valid accounts', () => {
    expect([...(permissions['nodes-allowlist'] as string[])].sort()).toEqual([...allEnodes(network)].sort());
    const accounts = permissions['accounts-allowlist'] as string[];
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) expect(getAddress(account)).toBe(account);
  });
});

describe('RPC proxy behind TLS (deploy/proxy)', () => {
  const proxy = loadProxyConfig({ file: path.join(DEPLOY_DIR, 'proxy/carmaker-a.json') });
  const nginx = read('proxy/nginx.conf');

  it("is loaded by the proxy's own loader: the network's chain id, internal bind, monitoring port, every dApp contract", () => {
    expect(proxy.chainId).toBe(network.chainId);
    expect(proxy.listen.host).toMatch(/^10\./);
    expect(proxy.monitoring?.port).not.toBe(proxy.listen.port);
    const names = readJson('proxy/carmaker-a.json').allowedContracts as { name: string }[];
    expect(names.map((c) => c.name).sort()).toEqual(Object.keys(ShardConfigSchema.entries.contracts.entries).sort());
    expect(proxy.upstreams.every((u) => /^http:\/\/10\./.test(u.url))).toBe(true);
  });

  it('nginx terminates TLS 1.2/1.3, overwrites X-Forwarded-For, forwards only POST / to the proxy it trusts', () => {
    const directive = (name: string) =>
      [...nginx.matchAll(new RegExp(`^\\s*${name}\\s+([^;]+);`, 'gm'))].map((m) => m[1]);
    expect(directive('ssl_protocols')).toEqual(['TLSv1.2 TLSv1.3']);
    expect(directive('proxy_set_header').filter((h) => h.startsWith('X-Forwarded-For'))).toEqual([
      'X-Forwarded-For $remote_addr',
    ]);
    expect(directive('proxy_pass')).toEqual([`http://${proxy.listen.host}:${proxy.listen.port}`]);
    const body = /^(\d+)m$/.exec(directive('client_max_body_size')[0] ?? '');
    expect(Number(body?.[1]) * 1024 * 1024).toBeLessThanOrEqual(proxy.limits.bodyBytes);
    // The load balancer's own address (the comment's 10.20.1.2) is the only X-Forwarded-For the proxy believes.
    expect(proxy.server.trustProxy).toEqual([nginx.match(/load balancer (\d+\.\d+\.\d+\.\d+)/)?.[1]]);
  });
});

describe('Kubo and IPFS Cluster (deploy/ipfs-cluster)', () => {
  const cluster = readJson('ipfs-cluster/service.json') as {
    cluster: Record<string, unknown> & { peer_addresses: string[] };
    consensus: { crdt: { trusted_peers: string[] } };
    api: { restapi: { http_listen_multiaddress: string }; ipfsproxy: { listen_multiaddress: string } };
  };
  const kubo = readJson('ipfs-cluster/kubo-config.json') as {
    Addresses: { API: string };
    Gateway: { PublicGateways: Record<string, { UseSubdomains: boolean }> };
    Import: { CidVersion: number };
  };

  it('replicates every pin on every member (replication factor = members), CRDT trusting each member', () => {
    expect(cluster.cluster.replication_factor_min).toBe(network.members.length);
    expect(cluster.cluster.replication_factor_max).toBe(network.members.length);
    expect(cluster.consensus.crdt.trusted_peers).toHaveLength(network.members.length);
    expect(cluster.cluster.peer_addresses).toHaveLength(network.members.length - 1);
    expect(String(cluster.cluster.secret)).toMatch(/^REPLACE/); // never a real secret in the repository
    expect(cluster.api.restapi.http_listen_multiaddress).toMatch(/^\/ip4\/127\.0\.0\.1\//);
  });

  it('keeps the Kubo RPC on loopback, exposes only add and cat, gives every CID its own origin', () => {
    expect(kubo.Addresses.API).toMatch(/^\/ip4\/127\.0\.0\.1\//);
    expect(Object.values(kubo.Gateway.PublicGateways).every((g) => g.UseSubdomains)).toBe(true);
    expect(kubo.Import.CidVersion).toBe(1);
    const nginx = read('ipfs-cluster/nginx-ipfs.conf');
    const locations = [...nginx.matchAll(/location (=?\s*\S+)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g)].map((m) => ({
      path: m[1],
      upstream: /proxy_pass http:\/\/([\d.]+):(\d+);/.exec(m[2])?.slice(1).join(':'),
    }));
    // add through the Cluster's IPFS proxy (a cluster-wide pin), cat straight from Kubo, nothing else.
    const proxyAddress = /^\/ip4\/([\d.]+)\/tcp\/(\d+)$/
      .exec(cluster.api.ipfsproxy.listen_multiaddress)
      ?.slice(1)
      .join(':');
    const kuboAddress = /^\/ip4\/([\d.]+)\/tcp\/(\d+)$/.exec(kubo.Addresses.API)?.slice(1).join(':');
    expect(locations).toEqual([
      { path: '= /api/v0/add', upstream: proxyAddress },
      { path: '= /api/v0/cat', upstream: kuboAddress },
      { path: '/', upstream: undefined },
    ]);
  });
});
