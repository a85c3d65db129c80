/**
 * VIN sharding (issue 14): a consortium runs K ≥ 1 chains and each book lives on exactly one, the chain whose
 * CarBook was deployed with `shardIndex == bookId % K` (`CarBook.shardRule`). The rule is on the book id,
 * `keccak256(wmi ‖ vinDigest)`, itself a commitment to the VIN: a book id alone routes, so a lookup by id asks one
 * chain, never all of them, and a lookup by VIN computes the id first (the VIN commitment parameters are the same on
 * every shard: governance keeps them equal). Legacy books (id = the VIN digest, created before the WMI binding) exist
 * only on a consortium that ran one chain, where every id routes to that chain.
 */
import { createPublicClient, encodePacked, http, keccak256, type Address, type Hex, type PublicClient } from 'viem';
import type { RuntimeConfig, ShardConfig } from '../config/runtime';
import { chainFromConfig } from './runtime';

/** The shard index of a book id among `shardCount` chains (CarBook's rule, `tokenId % shardCount`). */
export function shardIndexOf(bookId: bigint, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error(`A consortium runs at least one chain.`);
  if (bookId < 0n) throw new Error('A book id is not negative.');
  return Number(bookId % BigInt(shardCount));
}

/** The book id of a VIN commitment: `keccak256(abi.encodePacked(bytes3 wmi, bytes32 vinDigest))`. */
export function bookIdOfCommitment(wmi: Hex, vinDigest: Hex): bigint {
  return BigInt(keccak256(encodePacked(['bytes3', 'bytes32'], [wmi, vinDigest])));
}

/** The shard a VIN commitment (WMI and VIN digest) belongs to. */
export function shardOf(config: RuntimeConfig, wmi: Hex, vinDigest: Hex): number {
  return shardIndexOf(bookIdOfCommitment(wmi, vinDigest), config.shards.length);
}

/** The configuration seen from shard `index`: its chain, RPC URL and registries at the top level. */
export function configForShard(config: RuntimeConfig, index: number): RuntimeConfig {
  const shard: ShardConfig | undefined = config.shards[index];
  if (!shard) throw new Error(`This consortium has no chain ${index + 1}.`);
  return { ...config, ...shard };
}

/** The configuration of the chain that holds `bookId`. */
export function shardForBook(config: RuntimeConfig, bookId: bigint): RuntimeConfig {
  return configForShard(config, shardIndexOf(bookId, config.shards.length));
}

const clients = new Map<string, PublicClient>();

/**
 * One batched read client per chain (kept for the page's life): a page about books on two shards reads each over
 * its own chain's proxy.
 */
export function publicClientForShard(
  shard: ShardConfig,
  options: { batchSize?: number; wait?: number; pollingInterval?: number } = {},
): PublicClient {
  const key = `${shard.chainId} ${shard.rpcUrl} ${options.batchSize ?? 100} ${options.wait ?? 0} ${options.pollingInterval ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = createPublicClient({
      chain: chainFromConfig(shard),
      transport: http(shard.rpcUrl, { batch: { batchSize: options.batchSize ?? 100, wait: options.wait ?? 0 } }),
      ...(options.pollingInterval === undefined ? {} : { pollingInterval: options.pollingInterval }),
    });
    clients.set(key, client);
  }
  return client;
}

/** Where each book id is read: its shard's read client and CarBook (`bookIdForVin` takes it). */
export function bookLocator(config: RuntimeConfig): (tokenId: bigint) => { client: PublicClient; carBook: Address } {
  return (tokenId) => {
    const shard = shardForBook(config, tokenId);
    return { client: publicClientForShard(shard), carBook: shard.contracts.carBook };
  };
}
