'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { coverOf, expertMandatesPage, insurerDesk, mergeInsurerDesks } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useAllShardReads, useBookReads, useReads } from './readWhen';

/** A book's insurance cover as the owner sees it. */
export function useCover(tokenId: bigint) {
  const { client, config } = useBookReads(tokenId);
  return useQuery({
    queryKey: queryKeys.cover(config.contracts.insurance, tokenId),
    queryFn: () => coverOf(client, config, tokenId),
  });
}

/** An insurer's desk: cover requests waiting for it, the books it covers, its claims, from every chain. */
export function useInsurerDesk(orgId: number | undefined) {
  const { config } = useReads();
  const shards = useAllShardReads();
  return useQuery({
    queryKey: queryKeys.insurerDesk(config.contracts.insurance, orgId ?? 0),
    ...readWhen([orgId || undefined], async (orgId) =>
      mergeInsurerDesks(await Promise.all(shards.map(({ client, config }) => insurerDesk(client, config, orgId)))),
    ),
  });
}

/** One page (0 = newest) of the claims an expert is mandated for on every chain, each tagged with its chain. */
export function useExpertMandatesPage(expert: Address | undefined, page: number, size: number) {
  const { config } = useReads();
  const shards = useAllShardReads();
  return useQuery({
    queryKey: [...queryKeys.expertClaims(config.contracts.insurance, expert), 'page', page, size],
    placeholderData: keepPreviousData,
    ...readWhen([expert], (expert) =>
      expertMandatesPage(
        shards.map(({ client, config }, shard) => ({ shard, client, config })),
        expert,
        page,
        size,
      ),
    ),
  });
}
