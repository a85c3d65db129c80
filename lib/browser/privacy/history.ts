/**
 * The reader's side: a book's verified history (lib/browser/history) with each record's private part opened when the
 * viewer holds the key of the epoch it was written in, and `{ locked: true }` otherwise.
 */
import { type PublicClient } from 'viem';
import { readBookHistory, type BookHistory, type HistoryRecord } from '../history/read';
import { CryptoError, decryptPayload, fromHex, payloadEpoch, type KeyPair, type RecordPayload } from '../crypto';
import { type PrivacyConfig } from './chain';
import { loadKeyring, type EpochKeyring } from './epochs';
import { isSealedPayload, sealedOpener, type SealedOpener } from './diagnosis';

export type PrivatePart =
  | { locked: false; epoch: number; payload: RecordPayload }
  /** `no-key`: the viewer was not a reader when it was written; `undecryptable`: bytes altered or not ours. */
  | { locked: true; epoch?: number; reason: 'no-key' | 'undecryptable' | 'malformed' };

/** A record and its private part (`null` for a record that carries no payload, e.g. a plain odometer reading). */
export type DecryptedRecord = HistoryRecord & { private: PrivatePart | null };

function openPayload(
  payloadHex: `0x${string}`,
  ring: EpochKeyring,
  sealed: SealedOpener | undefined,
): PrivatePart | null {
  const bytes = fromHex(payloadHex);
  if (bytes.length === 0) return null;
  // An expert's diagnosis is sealed for the book's readers rather than written with an epoch key (./diagnosis.ts).
  if (isSealedPayload(bytes)) return sealed ? sealed(bytes) : { locked: true, reason: 'no-key' };
  let epoch: number;
  try {
    epoch = payloadEpoch(bytes);
  } catch {
    return { locked: true, reason: 'malformed' };
  }
  const candidates = ring.get(epoch);
  if (!candidates || candidates.length === 0) return { locked: true, epoch, reason: 'no-key' };
  for (const key of candidates) {
    try {
      const { payload } = decryptPayload(bytes, () => key);
      return { locked: false, epoch, payload };
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
    }
  }
  return { locked: true, epoch, reason: 'undecryptable' };
}

/**
 * Opens every record the key ring can open (pure); sealed diagnoses with `sealed` (`sealedOpener(config,
 * tokenId, viewerKeys)`), shown locked without it.
 */
export function decryptHistory(
  records: readonly HistoryRecord[],
  ring: EpochKeyring,
  sealed?: SealedOpener,
): DecryptedRecord[] {
  return records.map((record) => ({ ...record, private: openPayload(record.payload, ring, sealed) }));
}

/** Reads and verifies a book's history through any RPC and opens what `viewerKeys` can open. */
export async function readPrivateHistory(
  publicClient: PublicClient,
  config: PrivacyConfig,
  tokenId: bigint,
  viewerKeys: readonly KeyPair[],
): Promise<{ history: BookHistory; records: DecryptedRecord[]; ring: EpochKeyring }> {
  const [history, ring] = await Promise.all([
    readBookHistory(publicClient, config.contracts.carBook, tokenId),
    loadKeyring(publicClient, config, tokenId, viewerKeys),
  ]);
  return { history, records: decryptHistory(history.records, ring, sealedOpener(config, tokenId, viewerKeys)), ring };
}
