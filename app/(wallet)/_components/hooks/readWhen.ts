import { skipToken, type SkipToken } from '@tanstack/react-query';
import type { PublicClient } from 'viem';
import type { ReadConfig } from '@/lib/browser/reads';
import { useReadClient, useRuntimeConfig } from '../Providers';

/** The wallet pages' batched read client and the runtime configuration, what every read takes. */
export function useReads(): { client: PublicClient; config: ReadConfig } {
  return { client: useReadClient(), config: useRuntimeConfig() };
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
