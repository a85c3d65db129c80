'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { accessOf, grantsOf } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useBookReads } from './readWhen';

/** Current (valid) workshop grants of a book. */
export function useGrants(tokenId: bigint) {
  const { client, config } = useBookReads(tokenId);
  return useQuery({
    queryKey: queryKeys.grants(config.contracts.carBook, tokenId),
    queryFn: () => grantsOf(client, config, tokenId),
  });
}

/** What `account` may do on a book now: its own grant (if any) and whether it may write at all. */
export function useAccessOf(tokenId: bigint | undefined, account: Address | undefined) {
  const { client, config } = useBookReads(tokenId ?? 0n);
  return useQuery({
    queryKey: queryKeys.grants(config.contracts.carBook, tokenId ?? 0n, account),
    ...readWhen([tokenId, account], (tokenId, account) => accessOf(client, config, tokenId, account)),
  });
}
