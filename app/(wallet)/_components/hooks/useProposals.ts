'use client';

import { useQuery } from '@tanstack/react-query';
import { proposals } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { useReads } from './readWhen';

/** Every proposal, newest first, with whether `orgId` approved it. */
export function useProposals(orgId: number | undefined) {
  const { client, config } = useReads();
  return useQuery({
    queryKey: queryKeys.proposals(config.contracts.consortium, orgId ?? 0),
    queryFn: () => proposals(client, config, orgId),
  });
}
