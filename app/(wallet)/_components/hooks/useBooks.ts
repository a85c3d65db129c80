'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { bookHistory, bookSummary, booksOf, heldBooksPage } from '@/lib/browser/reads';
import { queryKeys } from './queryKeys';
import { readWhen, useAllShardReads, useBookReads, useReads } from './readWhen';

/** Books `owner` holds now: an owner's cars, an insurer's held wrecks, a recycler's yard. */
export function useMyBooks(owner?: Address) {
  const { config } = useReads();
  const shards = useAllShardReads();
  return useQuery({
    queryKey: queryKeys.myBooks(config.contracts.carBook, owner),
    // Every shard at once: an owner's cars may live on several chains.
    ...readWhen([owner], async (owner) =>
      (await Promise.all(shards.map(({ client, config }) => booksOf(client, config, owner)))).flat(),
    ),
  });
}

export function useBookHistory(tokenId: bigint) {
  const { client, config } = useBookReads(tokenId);
  return useQuery({
    queryKey: queryKeys.history(config.contracts.carBook, tokenId),
    queryFn: () => bookHistory(client, config, tokenId),
  });
}

/** A book's hot state, owner and model, for lists (the insurer's, the expert's, the recycler's). */
export function useBookSummary(tokenId: bigint) {
  const { client, config } = useBookReads(tokenId);
  return useQuery({
    queryKey: queryKeys.bookSummary(config.contracts.carBook, tokenId),
    queryFn: () => bookSummary(client, config, tokenId),
  });
}

/**
 * One page (0 = newest) of the books `holder` holds on every chain: a recycler's yard, read a page at a time, each
 * book tagged with its chain.
 */
export function useHeldBooksPage(holder: Address | undefined, page: number, size: number) {
  const { config } = useReads();
  const shards = useAllShardReads();
  return useQuery({
    queryKey: [...queryKeys.myBooks(config.contracts.carBook, holder), 'page', page, size],
    placeholderData: keepPreviousData,
    ...readWhen([holder], (holder) =>
      heldBooksPage(
        shards.map(({ client, config }, shard) => ({ shard, client, config })),
        holder,
        page,
        size,
      ),
    ),
  });
}
