'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { hasReadingKey, liveShareKeys, orgKeyState } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useBookReads, useReads } from './readWhen';

/** Whether `account` registered a reading key (disabled when the consortium has no key registry). */
export function useHasReadingKey(account: Address | undefined) {
  const { client, config } = useReads();
  const registry = config.contracts.keyRegistry;
  return useQuery({
    queryKey: queryKeys.readingKey(registry ?? '0x', account ?? '0x'),
    ...readWhen([registry, account], (_registry, account) => hasReadingKey(client, config, account)),
  });
}

/** A book's live share links, newest first. */
export function useShareKeys(tokenId: bigint) {
  const { client, config } = useBookReads(tokenId);
  const registry = config.contracts.keyRegistry;
  return useQuery({
    queryKey: queryKeys.shareKeys(registry ?? '0x', tokenId),
    ...readWhen([registry], (_registry) => liveShareKeys(client, config, tokenId)),
  });
}

/** An organisation's key version, which of `staff` have a reading key, and who waits for a wrap. */
export function useOrgKeyState(orgId: number, staff: readonly Address[] | undefined) {
  const { client, config } = useReads();
  const registry = config.contracts.keyRegistry;
  return useQuery({
    queryKey: queryKeys.orgKey(registry ?? '0x', orgId, staff ?? []),
    ...readWhen([registry, staff], (_registry, staff) => orgKeyState(client, config, orgId, staff)),
  });
}
