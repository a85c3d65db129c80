'use client';

import { useQuery } from '@tanstack/react-query';
import { staffOf } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useReads } from './readWhen';

/** An organisation's current staff (its admin excluded). */
export function useStaff(orgId: number | undefined) {
  const { client, config } = useReads();
  return useQuery({
    queryKey: queryKeys.staff(config.contracts.consortium, orgId ?? 0),
    ...readWhen([orgId || undefined], (orgId) => staffOf(client, config, orgId)),
  });
}
