import { skipToken, type SkipToken } from '@tanstack/react-query';
import type { PublicClient } from 'viem';
import type { ReadConfig } from '@/lib/browser/reads';
import { configForShard, shardForBook } from '@/lib/browser/chain';
import type { RuntimeConfig } from '@/lib/browser/config';
import { readClientFor, useReadClient, useRuntimeConfig } from '../Providers';

/** The wallet pages' batched read client and the runtime configuration, what every read takes. */
export function useReads(): { client: PublicClient; config: ReadConfig } {
  return { client: useReadClient(), config: useRuntimeConfig() };
}

/** The read client and configuration of the chain that holds `tokenId` (its shard; the only chain for K = 1). */
export function useBookReads(tokenId: bigint): { client: PublicClient; config: RuntimeConfig } {
  const config = shardForBook(useRuntimeConfig(), tokenId);
  return { client: readClientFor(config), config };
}

/** Every chain's read client and configuration, in shard order (lists that span shards: an owner's cars). */
export function useAllShardReads(): { client: PublicClient; config: RuntimeConfig }[] {
  const runtime = useRuntimeConfig();
  return runtime.shards.map((_, index) => {
    const config = configForShard(runtime, index);
    return { client: readClientFor(config), config };
  });
}

type Maybe<A extends readonly unknown[]> = { [K in keyof A]: A[K] | undefined };

function allDefined<A extends readonly unknown[]>(args: Maybe<A>): args is A {
  return args.every((arg) => arg !== undefined);
}

/**
 * The `enabled` and `queryFn` of a query that needs `args`: runs `read` with them once all are defined, and is
 * disabled (react-query's skipToken) until then. No non-null assertions in the hooks.
 */
export function readWhen<const A extends readonly unknown[], T>(
  args: Maybe<A>,
  read: (...args: A) => Promise<T>,
): { enabled: boolean; queryFn: (() => Promise<T>) | SkipToken } {
  return allDefined(args) ? { enabled: true, queryFn: () => read(...args) } : { enabled: false, queryFn: skipToken };
}
