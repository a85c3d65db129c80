import { createPublicClient, defineChain, http, type Chain, type PublicClient } from 'viem';
import { parseRuntimeConfig, type RuntimeConfig } from '../config/runtime';

let cached: Promise<RuntimeConfig> | undefined;

/** Loads /config.json once per page: the consortium this static build talks to. */
export function loadRuntimeConfig(): Promise<RuntimeConfig> {
  cached ??= fetch('/config.json', { cache: 'no-store' })
    .then((response) => {
      if (!response.ok) throw new Error(`Could not load /config.json (HTTP ${response.status})`);
      return response.json();
    })
    .then(parseRuntimeConfig)
    .catch((error) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

export function chainFromConfig(config: RuntimeConfig): Chain {
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
export function publicClientFromConfig(config: RuntimeConfig): PublicClient {
  return createPublicClient({
    chain: chainFromConfig(config),
    transport: http(config.rpcUrl, { batch: { batchSize: 100 } }),
  });
}
