'use client';

import { useQuery } from '@tanstack/react-query';
import type { Hex } from 'viem';
import { anchorOnChains } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useAllShardReads, useReads } from './readWhen';

/**
 * Whether, when, by whom and on which chain a document hash was anchored (`anchor` null: on none of the chains read),
 * asking every chain at once.
 */
export function useAnchor(documentHash: Hex | undefined) {
  const { config } = useReads();
  const shards = useAllShardReads();
  return useQuery({
    queryKey: queryKeys.anchor(config.contracts.documentAnchor, documentHash ?? '0x'),
    ...readWhen([documentHash], (documentHash) =>
      anchorOnChains(
        shards.map(({ client, config }, shard) => ({ shard, client, config })),
        documentHash,
      ),
    ),
  });
}
