'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address, PublicClient } from 'viem';
import { usePublicClient } from 'wagmi';
import { carBookAbi, consortiumAbi } from '@/lib/contracts/generated';
import { booksOwnedBy, readBookHistory } from '@/lib/history/read';
import { useRuntimeConfig } from './Providers';

/** Query keys in one place, so a write invalidates exactly what it touched. */
export const queryKeys = {
  myBooks: (carBook: Address, owner?: Address) => ['books', carBook, owner] as const,
  history: (carBook: Address, tokenId: bigint) => ['history', carBook, tokenId.toString()] as const,
  membership: (consortium: Address, account?: Address) => ['membership', consortium, account] as const,
};

export function useMyBooks(owner?: Address) {
  const config = useRuntimeConfig();
  const client = usePublicClient() as PublicClient | undefined;
  return useQuery({
    queryKey: queryKeys.myBooks(config.contracts.carBook, owner),
    enabled: Boolean(owner && client),
    queryFn: () => booksOwnedBy(client!, config.contracts.carBook, owner!, BigInt(config.deploymentBlock)),
  });
}

export function useBookHistory(tokenId: bigint) {
  const config = useRuntimeConfig();
  const client = usePublicClient() as PublicClient | undefined;
  return useQuery({
    queryKey: queryKeys.history(config.contracts.carBook, tokenId),
    enabled: Boolean(client),
    queryFn: async () => {
      const [history, created] = await Promise.all([
        readBookHistory(client!, config.contracts.carBook, tokenId, BigInt(config.deploymentBlock)),
        client!.getContractEvents({
          address: config.contracts.carBook,
          abi: carBookAbi,
          eventName: 'CarBookCreated',
          args: { tokenId },
          fromBlock: BigInt(config.deploymentBlock),
        }),
      ]);
      return { history, metadataURI: created[0]?.args.metadataURI ?? '' };
    },
  });
}

export function useMembership(account?: Address) {
  const config = useRuntimeConfig();
  const client = usePublicClient() as PublicClient | undefined;
  return useQuery({
    queryKey: queryKeys.membership(config.contracts.consortium, account),
    enabled: Boolean(account && client),
    queryFn: async () => {
      const [orgId, kind, role] = await client!.readContract({
        address: config.contracts.consortium,
        abi: consortiumAbi,
        functionName: 'membershipOf',
        args: [account!],
      });
      const org = orgId > 0
        ? await client!.readContract({ address: config.contracts.consortium, abi: consortiumAbi, functionName: 'organisation', args: [orgId] })
        : undefined;
      return { orgId, kind, role, orgName: org?.name };
    },
  });
}
