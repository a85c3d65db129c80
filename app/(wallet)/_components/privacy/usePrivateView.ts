'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { BookHistory } from '@/lib/browser/history';
import { decryptHistory, loadKeyring, sealedOpener, type EpochKeyring } from '@/lib/browser/privacy';

const EMPTY_KEYRING: EpochKeyring = new Map();
import type { PrivateView } from '@/app/_components/HistoryView';
import { ipfsClientFor } from '@/app/_components/ipfs';
import { readClientFor, useRuntimeConfig } from '../Providers';
import { shardForBook } from '@/lib/browser/chain';
import { queryKeys } from '../hooks';
import { readWhen } from '../hooks/readWhen';
import { usePrivateKeys } from './PrivateKeys';

/**
 * The private parts of a book's records as this viewer can open them: decrypted with the epoch keys wrapped for
 * its unlocked keys, "locked" otherwise. Keyed under the book's history, so every write that refreshes the
 * history refreshes this too.
 */
export function usePrivateView(tokenId: bigint, history: BookHistory | undefined): PrivateView | undefined {
  const runtime = useRuntimeConfig();
  const keys = usePrivateKeys();
  const client = readClientFor(shardForBook(runtime, tokenId));
  const ring = useQuery({
    queryKey: queryKeys.keyring(runtime.contracts.carBook, tokenId, keys.keysId),
    ...readWhen([keys.config, keys.unlocked], (config, _unlocked) =>
      loadKeyring(client, config, tokenId, keys.viewerKeys),
    ),
  });
  return useMemo(() => {
    if (!history || !keys.config) return undefined;
    if (keys.unlocked && !ring.data) return undefined;
    const records = decryptHistory(
      history.records,
      ring.data ?? EMPTY_KEYRING,
      sealedOpener(keys.config, tokenId, keys.viewerKeys),
    );
    return { parts: new Map(records.map((r) => [r.index, r.private])), ipfs: () => ipfsClientFor(runtime) };
  }, [history, keys.config, keys.unlocked, keys.viewerKeys, ring.data, runtime, tokenId]);
}
