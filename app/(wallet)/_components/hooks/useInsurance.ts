'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { coverOf, expertClaims, insurerDesk } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useBookReads, useReads } from './readWhen';

/** A book's insurance cover as the owner sees it. */
export function useCover(tokenId: bigint) {
  const { client, config } = useBookReads(tokenId);
  return useQuery({
    queryKey: queryKeys.cover(config.contracts.insurance, tokenId),
    queryFn: () => coverOf(client, config, tokenId),
  });
}

/** An insurer's desk: cover requests waiting for it, the books it covers, its claims. */
export function useInsurerDesk(orgId: number | undefined) {
  const { client, config } = useReads();
  return useQuery({
    queryKey: queryKeys.insurerDesk(config.contracts.insurance, orgId ?? 0),
    ...readWhen([orgId || undefined], (orgId) => insurerDesk(client, config, orgId)),
  });
}

/** Claims an expert is mandated for now. */
export function useExpertClaims(expert: Address | undefined) {
  const { client, config } = useReads();
  return useQuery({
    queryKey: queryKeys.expertClaims(config.contracts.insurance, expert),
    ...readWhen([expert], (expert) => expertClaims(client, config, expert)),
  });
}
