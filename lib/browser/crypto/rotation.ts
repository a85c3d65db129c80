/**
 * Epoch rotation rules, as pure functions of the reader set (no I/O, no randomness):
 * - the first write of a book starts epoch 0;
 * - a reader who held the current epoch key and is no longer a reader (revoked, grant expired, the
 *   seller after a sale, a rotated organisation key, a revoked share link) forces a new epoch before
 *   the next write, wrapped only for the current readers; so does a publisher of the current key's wraps
 *   who may no longer publish (`publisherLeft`: whoever created or passed on a key holds it);
 * - a sale always starts a new epoch (even if the reader set looks unchanged);
 * - a new reader gets the key the next write uses, and — unless `history: false` — every earlier
 *   epoch key too (a workshop, a new owner, a buyer's link see the whole history).
 */
import { requireBytes, toHex } from './bytes';
import { CryptoError } from './errors';
import { wrapEpochKey, type BookContext } from './wrap';

export type ReaderEntry = {
  publicKey: Uint8Array;
  /** Unix seconds after which the reader's grant is over (exclusive); omitted = no expiry. */
  expiresAt?: number;
  /** Whether a new reader gets the earlier epochs (default true). */
  history?: boolean;
};

export type EpochState = {
  /** The book's current epoch, or undefined before the first encrypted write. */
  epoch?: number;
  /** Public keys the current epoch key has been wrapped for. */
  holders: readonly Uint8Array[];
  /** True when the book changed owner since the current epoch started. */
  soldSinceEpochStart?: boolean;
  /**
   * True when an account that published a wrap of the current epoch (so created or passed on its key) may no longer
   * publish: it holds the key whether or not it wrapped it for itself.
   */
  publisherLeft?: boolean;
};

export type RotationReason = 'first-epoch' | 'reader-removed' | 'publisher-left' | 'sale';

export type EpochPlan = {
  /** True when the next write must use a new epoch key. */
  rotate: boolean;
  /** The epoch the next write uses. */
  epoch: number;
  reasons: RotationReason[];
  /** Holders of the current key who are not readers any more (they get nothing from `epoch` on). */
  removed: Uint8Array[];
  /** Readers to wrap the key of `epoch` for (everyone if rotating, else only readers who lack it). */
  wrapCurrentFor: Uint8Array[];
  /** New readers who must also receive every epoch key listed in `historyEpochs`. */
  wrapHistoryFor: Uint8Array[];
  /** Epochs before `epoch` (0 .. epoch - 1). */
  historyEpochs: number[];
};

const id = (pk: Uint8Array) => toHex(requireBytes(pk, 32, 'reader public key'));

/** Readers whose grant is still valid at `now` (unix seconds), without duplicates. */
export function activeReaders(readers: readonly ReaderEntry[], now: number): ReaderEntry[] {
  const seen = new Map<string, ReaderEntry>();
  for (const r of readers) {
    if (r.expiresAt !== undefined && r.expiresAt <= now) continue;
    const key = id(r.publicKey);
    const prior = seen.get(key);
    // The same key listed twice: keep the more generous entry.
    if (!prior || (prior.history === false && r.history !== false)) seen.set(key, r);
  }
  return [...seen.values()];
}

/** Decide whether the next write starts a new epoch and which wraps it needs. */
export function planEpoch(state: EpochState, readers: readonly ReaderEntry[], now: number): EpochPlan {
  if (!Number.isFinite(now)) throw new CryptoError('invalid-argument', 'now must be unix seconds');
  const active = activeReaders(readers, now);
  const activeIds = new Set(active.map((r) => id(r.publicKey)));
  const holderIds = new Set(state.holders.map(id));
  const reasons: RotationReason[] = [];
  const removed = state.holders.filter(
    (h, i, all) => !activeIds.has(id(h)) && all.findIndex((o) => id(o) === id(h)) === i,
  );
  if (state.epoch === undefined) reasons.push('first-epoch');
  else {
    if (!Number.isInteger(state.epoch) || state.epoch < 0 || state.epoch > 0xffff_ffff) {
      throw new CryptoError('invalid-argument', 'epoch must be a uint32');
    }
    if (removed.length > 0) reasons.push('reader-removed');
    if (state.publisherLeft) reasons.push('publisher-left');
    if (state.soldSinceEpochStart) reasons.push('sale');
  }
  const rotate = reasons.length > 0;
  const epoch = state.epoch === undefined ? 0 : rotate ? state.epoch + 1 : state.epoch;
  if (epoch > 0xffff_ffff) throw new CryptoError('invalid-argument', 'this book has used all 2^32 epochs');
  const newcomers = active.filter((r) => !holderIds.has(id(r.publicKey)));
  return {
    rotate,
    epoch,
    reasons,
    removed,
    wrapCurrentFor: (rotate ? active : newcomers).map((r) => r.publicKey),
    wrapHistoryFor: epoch === 0 ? [] : newcomers.filter((r) => r.history !== false).map((r) => r.publicKey),
    historyEpochs: Array.from({ length: epoch }, (_, i) => i),
  };
}

export type EpochKeys = ReadonlyMap<number, Uint8Array> | readonly { epoch: number; key: Uint8Array }[];
export type EpochWrap = { epoch: number; wrap: Uint8Array };

function entries(keys: EpochKeys): { epoch: number; key: Uint8Array }[] {
  const list =
    keys instanceof Map
      ? [...(keys as ReadonlyMap<number, Uint8Array>)].map(([epoch, key]) => ({ epoch, key }))
      : [...(keys as readonly { epoch: number; key: Uint8Array }[])];
  return list.sort((a, b) => a.epoch - b.epoch);
}

/** Wrap every given past epoch key for a new reader (a workshop's grant, a new owner, a share link). */
export function wrapsForNewReader(
  pastEpochKeys: EpochKeys,
  readerPublicKey: Uint8Array,
  context: BookContext,
): EpochWrap[] {
  const list = entries(pastEpochKeys);
  for (let i = 1; i < list.length; i++) {
    if (list[i].epoch === list[i - 1].epoch)
      throw new CryptoError('invalid-argument', `epoch ${list[i].epoch} is listed twice`);
  }
  return list.map(({ epoch, key }) => ({ epoch, wrap: wrapEpochKey(key, readerPublicKey, { ...context, epoch }) }));
}
