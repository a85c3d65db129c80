/**
 * Adversarial review: config.json's URLs become the dApp's Content-Security-Policy (connect-src, img-src) and its
 * RPC endpoints. WHATWG URLs accept hosts with `*`, `;`, `,` or `'` (`new URL('https://rpc.example;sandbox')`
 * parses), which would widen the policy to a whole domain or add directives to it; other schemes (`javascript:`,
 * `ftp:`) are no RPC or gateway. The configuration must refuse them, and the policy must never carry them.
 */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../dev/stack/csp';
import { parseRuntimeConfig } from './runtime';

const shard = (rpcUrl: string) => ({
  chainId: 31337,
  chainName: 'CarBook',
  rpcUrl,
  contracts: {
    consortium: `0x${'11'.repeat(20)}`,
    carBook: `0x${'22'.repeat(20)}`,
    insurance: `0x${'33'.repeat(20)}`,
    documentAnchor: `0x${'44'.repeat(20)}`,
  },
  deploymentBlock: 0,
});

const HOSTILE = [
  'https://*.example.org',
  'https://rpc.example;sandbox',
  'https://rpc.example;worker-src',
  'https://rpc.example,a.example',
  "https://rpc.example'unsafe-inline'",
  'javascript:alert(1)',
  'ftp://rpc.example',
];

describe('runtime configuration URLs', () => {
  it('refuses an RPC or IPFS URL that is not plain http(s) to a plain host', () => {
    for (const url of HOSTILE) {
      expect(() => parseRuntimeConfig({ shards: [shard(url)] }), url).toThrow(/Invalid runtime configuration/);
      expect(
        () =>
          parseRuntimeConfig({
            shards: [shard('https://rpc.example')],
            ipfs: { api: 'https://ipfs.example', gateway: url },
          }),
        url,
      ).toThrow(/Invalid runtime configuration/);
    }
  });

  it('accepts the URLs a consortium uses (names, IPv4, IPv6, ports, paths)', () => {
    for (const url of [
      'https://rpc.carbook.example/shard-2',
      'http://127.0.0.1:8547',
      'http://localhost:8547',
      'http://[::1]:8547/',
      'https://xn--bcher-kva.example',
    ])
      expect(parseRuntimeConfig({ shards: [shard(url)] }).rpcUrl).toBe(url);
  });

  it('never writes a source that is not a plain origin into the policy, even from an unchecked object', () => {
    for (const url of HOSTILE) {
      const config = { shards: [parseRuntimeConfig({ shards: [shard('https://rpc.example')] }).shards[0]] };
      config.shards[0] = { ...config.shards[0], rpcUrl: url };
      expect(() => contentSecurityPolicy(config, []), url).toThrow(/not a plain http\(s\) origin/);
    }
  });
});
