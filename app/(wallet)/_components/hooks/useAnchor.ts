'use client';

import { useQuery } from '@tanstack/react-query';
import type { Hex } from 'viem';
import { anchorOf } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useReads } from './readWhen';

/** Whether, when and by whom a document hash was anchored (null: never). */
export function useAnchor(documentHash: Hex | undefined) {
  const { client, config } = useReads();
  return useQuery({
    queryKey: queryKeys.anchor(config.contracts.documentAnchor, documentHash ?? '0x'),
    ...readWhen([documentHash], (documentHash) => anchorOf(client, config, documentHash)),
  });
}
