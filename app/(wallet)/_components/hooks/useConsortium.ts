'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address, Hex } from 'viem';
import { membershipOf, organisations, parameterOf } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useReads } from './readWhen';

export function useMembership(account?: Address) {
  const { client, config } = useReads();
  return useQuery({
    queryKey: queryKeys.membership(config.contracts.consortium, account),
    ...readWhen([account], (account) => membershipOf(client, config, account)),
  });
}

/** Every organisation ever admitted and the current member count. */
export function useOrganisations() {
  const { client, config } = useReads();
  return useQuery({
    queryKey: queryKeys.organisations(config.contracts.consortium),
    queryFn: () => organisations(client, config),
  });
}

/** Names of organisations by id, for record tables. */
export function useOrgNames(): Record<number, string> | undefined {
  const orgs = useOrganisations();
  return orgs.data ? Object.fromEntries(orgs.data.organisations.map((org) => [org.id, org.name])) : undefined;
}

export function useParameter(key: Hex) {
  const { client, config } = useReads();
  return useQuery({
    queryKey: queryKeys.parameter(config.contracts.consortium, key),
    queryFn: () => parameterOf(client, config, key),
  });
}
