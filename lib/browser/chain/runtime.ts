import { createPublicClient, defineChain, http, type Chain, type PublicClient } from 'viem';
import { parseRuntimeConfig, type RuntimeConfig, type ShardConfig } from '../config/runtime';

let cached: Promise<RuntimeConfig> | undefined;

/**
 * Where the runtime configuration sits: `config.json` beside the page, resolved against the page's URL, so
 * `/verify` reads `/config.json` and `/ipfs/<cid>/verify.html` (the export served by an IPFS gateway) reads
 * `/ipfs/<cid>/config.json`. Every page of the export is a top-level file, so "beside" is the export's root.
 */
export function runtimeConfigUrl(pageUrl: string): string {
  return new URL('config.json', pageUrl).href;
}

/** Loads config.json once per page: the consortium this static build talks to. */
export function loadRuntimeConfig(): Promise<RuntimeConfig> {
  cached ??= fetch(runtimeConfigUrl(window.location.href), { cache: 'no-store' })
    .then((response) => {
      if (!response.ok) throw new Error(`Could not load config.json (HTTP ${response.status})`);
      return response.json();
    })
    .then(parseRuntimeConfig)
    .catch((error) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

export function chainFromConfig(config: ShardConfig): Chain {
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  });
}

/**
 * Batched JSON-RPC (at most 100 entries a request, the proxy's batch cap): a read's calls issued together (a book's
 * per-block eth_getLogs) travel in a few HTTP requests.
 */
export function publicClientFromConfig(config: ShardConfig): PublicClient {
  return createPublicClient({
    chain: chainFromConfig(config),
    transport: http(config.rpcUrl, { batch: { batchSize: 100 } }),
  });
}
