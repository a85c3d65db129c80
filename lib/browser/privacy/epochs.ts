/**
 * A book's epoch keys as one viewer holds them, and the writer's side of the protocol: decide with
 * `planEpoch` whether the next record starts a new epoch, wrap the key for the readers who lack it (and the
 * earlier epochs for new readers), encrypt the payload, publish the wraps, append the record.
 */
import { type Address, type Hex, type PublicClient, type WalletClient } from 'viem';
import { carBookAbi, keyRegistryAbi } from '../contracts/generated';
import {
  activeReaders,
  encryptPayload,
  fromHex,
  newEpochKey,
  planEpoch,
  toHex,
  unwrapEpochKey,
  wrapEpochKey,
  wrapEpochKeyForReaders,
  type EpochPlan,
  type KeyPair,
  type RecordPayload,
} from '../crypto';
import type { TxStep } from '../chain/send';
import { bookContext, keyRegistryLogs, sendContract, topicOf, type PrivacyConfig } from './chain';
import { readersOf, type BookReaders } from './readers';

export type PublishedWrap = {
  epoch: number;
  readerKey: Hex;
  wrap: Hex;
  publisher: Address;
  blockNumber: bigint;
  /** Whether the publisher is a trusted publisher of the book now (its owner, or the maker's network). */
  trusted: boolean;
};

/** What a wrap's publisher may do now, at the state's block. */
export type PublisherStanding = { mayPublish: boolean; trusted: boolean };

export type BookKeyState = {
  started: boolean;
  currentEpoch: number;
  soldSinceEpochStart: boolean;
  /** Every published wrap, in chain order. */
  wraps: PublishedWrap[];
  /** Every account that published a wrap (lower-case address), with its standing now. */
  publishers: Map<string, PublisherStanding>;
};

/**
 * Epoch → candidate keys, in the order their wraps were published (the first is the key the epoch was started
 * with). Several candidates exist only if an authorised publisher wrapped a different key for the same epoch;
 * readers try each, writers use the first.
 */
export type EpochKeyring = Map<number, Uint8Array[]>;

export async function bookKeyState(
  publicClient: PublicClient,
  config: PrivacyConfig,
  tokenId: bigint,
  atBlock?: bigint,
): Promise<BookKeyState> {
  const blockNumber = atBlock ?? (await publicClient.getBlockNumber({ cacheTime: 0 }));
  const [keys, book, logs] = await Promise.all([
    publicClient.readContract({
      address: config.contracts.keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'bookKeys',
      args: [tokenId],
      blockNumber,
    }),
    publicClient.readContract({
      address: config.contracts.carBook,
      abi: carBookAbi,
      functionName: 'book',
      args: [tokenId],
      blockNumber,
    }),
    keyRegistryLogs(publicClient, config, 'EpochKeyWrapped', [topicOf.uint(tokenId)], blockNumber),
  ]);
  const publishers = await publisherStandings(
    publicClient,
    config,
    tokenId,
    logs.map((log) => log.args.publisher),
    blockNumber,
  );
  return {
    started: keys.started,
    currentEpoch: keys.currentEpoch,
    soldSinceEpochStart: keys.started && keys.ownershipEpochAtStart !== book.ownershipEpoch,
    wraps: logs.map((log) => ({
      epoch: log.args.epoch,
      readerKey: log.args.readerKey,
      wrap: log.args.wrap,
      publisher: log.args.publisher,
      blockNumber: log.blockNumber,
      trusted: publishers.get(log.args.publisher.toLowerCase())?.trusted ?? false,
    })),
    publishers,
  };
}

/** Whether each distinct account may publish the book's wraps at `blockNumber`, and whether it is trusted. */
async function publisherStandings(
  publicClient: PublicClient,
  config: PrivacyConfig,
  tokenId: bigint,
  accounts: readonly Address[],
  blockNumber: bigint,
): Promise<Map<string, PublisherStanding>> {
  const distinct = [...new Set(accounts.map((a) => a.toLowerCase() as Address))];
  const ask = (functionName: 'canPublishEpochWraps' | 'isTrustedPublisher', account: Address) =>
    publicClient.readContract({
      address: config.contracts.keyRegistry,
      abi: keyRegistryAbi,
      functionName,
      args: [tokenId, account],
      blockNumber,
    });
  const standings = await Promise.all(
    distinct.map(async (account) => {
      const [mayPublish, trusted] = await Promise.all([
        ask('canPublishEpochWraps', account),
        ask('isTrustedPublisher', account),
      ]);
      return [account, { mayPublish, trusted }] as const;
    }),
  );
  return new Map(standings);
}

/**
 * Opens every wrap addressed to one of `viewerKeys` (a person's key, organisation keys, a share key). Wraps from
 * trusted publishers (the owner, the maker's network) come first, so an epoch's first candidate key — the one
 * writers use — is a trusted publisher's whenever one wrapped it. `opened` receives `epoch:readerKey` of each
 * wrap that opened.
 */
export function keyringFor(
  config: PrivacyConfig,
  tokenId: bigint,
  wraps: readonly PublishedWrap[],
  viewerKeys: readonly KeyPair[],
  opened?: Set<string>,
): EpochKeyring {
  const byPublicKey = new Map(viewerKeys.map((k) => [toHex(k.publicKey), k]));
  const ring: EpochKeyring = new Map();
  const trustedFirst = [...wraps.filter((w) => w.trusted), ...wraps.filter((w) => !w.trusted)];
  for (const w of trustedFirst) {
    const viewer = byPublicKey.get(w.readerKey.toLowerCase() as Hex);
    if (!viewer) continue;
    let key: Uint8Array;
    try {
      key = unwrapEpochKey(fromHex(w.wrap), viewer.secretKey, { ...bookContext(config, tokenId), epoch: w.epoch });
    } catch {
      continue; // altered, or made for another context: it does not count
    }
    opened?.add(`${w.epoch}:${w.readerKey.toLowerCase()}`);
    const list = ring.get(w.epoch) ?? [];
    if (!list.some((k) => toHex(k) === toHex(key))) list.push(key);
    ring.set(w.epoch, list);
  }
  return ring;
}

/** The key ring of `viewerKeys` for one book, read from the chain. */
export async function loadKeyring(
  publicClient: PublicClient,
  config: PrivacyConfig,
  tokenId: bigint,
  viewerKeys: readonly KeyPair[],
): Promise<EpochKeyring> {
  const state = await bookKeyState(publicClient, config, tokenId);
  return keyringFor(config, tokenId, state.wraps, viewerKeys);
}

export type EpochWrapsBatch = { epoch: number; readerKeys: Hex[]; wraps: Hex[] };

export type PreparedRecord = {
  /** The encrypted payload for `appendRecord`. */
  payloadBytes: Hex;
  epoch: number;
  plan: Omit<EpochPlan, 'reasons'> & { reasons: (EpochPlan['reasons'][number] | 'key-unavailable')[] };
  /** Send with `publishEpochWrapsBatch` before `appendRecord` (absent when nothing is new). */
  wrapsToPublish?: EpochWrapsBatch[];
  /** Earlier epochs a new reader should get but the writer does not hold (someone who does can add them). */
  historyNotWrapped: { epoch: number; readerKey: Hex }[];
  readers: BookReaders;
};

/**
 * Which (epoch, reader key) pairs a writer treats as already wrapped. A workshop or insurer (a guest publisher) may
 * add only the first wrap of a pair, so for it any published wrap counts. The owner's side and the maker's network
 * count only wraps from a publisher trusted now (or one the writer opened itself): a wrap only someone else
 * published — a seller, a workshop — may not open, so they re-issue it, as far as the registry's bound allows.
 */
async function wrapCoverage(
  publicClient: PublicClient,
  config: PrivacyConfig,
  tokenId: bigint,
  state: BookKeyState,
  opened: ReadonlySet<string>,
  writer: Address | undefined,
  blockNumber: bigint,
) {
  const pair = (epoch: number, readerKey: Hex) => `${epoch}:${readerKey.toLowerCase()}`;
  const any = new Set(state.wraps.map((w) => pair(w.epoch, w.readerKey)));
  const trustedPairs = new Set(state.wraps.filter((w) => w.trusted).map((w) => pair(w.epoch, w.readerKey)));
  const writerTrusted =
    writer !== undefined &&
    (state.publishers.get(writer.toLowerCase())?.trusted ??
      (await publicClient.readContract({
        address: config.contracts.keyRegistry,
        abi: keyRegistryAbi,
        functionName: 'isTrustedPublisher',
        args: [tokenId, writer],
        blockNumber,
      })));
  return {
    writerTrusted,
    covered(epoch: number, readerKey: Hex) {
      const p = pair(epoch, readerKey);
      return writerTrusted ? trustedPairs.has(p) || opened.has(p) : any.has(p);
    },
    /** Whether a re-issue of a pair someone else wrapped still fits the registry's bound. */
    async reissuable(epoch: number, readerKey: Hex) {
      if (!any.has(pair(epoch, readerKey))) return true;
      const count = await publicClient.readContract({
        address: config.contracts.keyRegistry,
        abi: keyRegistryAbi,
        functionName: 'wrapCount',
        args: [tokenId, epoch, readerKey],
        blockNumber,
      });
      return count < MAX_WRAPS_PER_READER;
    },
  };
}

/** The registry's `MAX_WRAPS_PER_READER`. */
const MAX_WRAPS_PER_READER = 3;

/**
 * Publishers of the current epoch's wraps who may not publish any more (a grant expired or revoked — expiring by
 * `now` —, a cover ended, a staff member gone, the seller). Each knew the current key, like a holder.
 */
function departedPublishers(state: BookKeyState, readers: BookReaders, now: number): Address[] {
  if (!state.started) return [];
  const expiredWorkshops = new Set(
    readers.readers
      .filter((r) => r.kind === 'workshop' && r.account && r.expiresAt !== undefined && r.expiresAt <= now)
      .map((r) => r.account!.toLowerCase()),
  );
  const publishers = new Set(
    state.wraps.filter((w) => w.epoch === state.currentEpoch).map((w) => w.publisher.toLowerCase() as Address),
  );
  return [...publishers].filter((p) => !state.publishers.get(p)?.mayPublish || expiredWorkshops.has(p));
}

/**
 * Encrypts a record payload for the book's readers. Rotates when a holder of the current key is no longer a
 * reader (revoked or expired grant, the seller after a sale, a revoked share link, an old organisation key), when
 * a publisher of the current key may no longer publish (it created or passed on the key: a workshop or insurer
 * that started the epoch and wrapped it for everyone but itself still holds it), after a sale, or when the writer
 * does not hold the current key; wraps the key for whoever lacks it and every earlier epoch the writer holds for
 * new readers (a granted workshop, a new owner see the whole history). `writer` is the sending account: as the
 * owner or the maker's network it re-issues wraps only others published. Nothing is sent.
 */
export async function prepareRecordPayload(
  publicClient: PublicClient,
  config: PrivacyConfig,
  input: { tokenId: bigint; payload: RecordPayload; writerKeys: readonly KeyPair[]; writer?: Address },
): Promise<PreparedRecord> {
  const { tokenId } = input;
  const atBlock = await publicClient.getBlockNumber({ cacheTime: 0 });
  const [readers, state] = await Promise.all([
    readersOf(publicClient, config, tokenId, atBlock),
    bookKeyState(publicClient, config, tokenId, atBlock),
  ]);
  const opened = new Set<string>();
  const ring = keyringFor(config, tokenId, state.wraps, input.writerKeys, opened);
  const holders = state.wraps
    .filter((w) => state.started && w.epoch === state.currentEpoch)
    .map((w) => fromHex(w.readerKey, 32));
  // The next block is at least one second later than the pinned one: a grant expiring then is over.
  const now = readers.now + 1;
  let plan: PreparedRecord['plan'] = planEpoch(
    {
      epoch: state.started ? state.currentEpoch : undefined,
      holders,
      soldSinceEpochStart: state.soldSinceEpochStart,
      publisherLeft: departedPublishers(state, readers, now).length > 0,
    },
    readers.readers,
    now,
  );
  if (!plan.rotate && !ring.has(plan.epoch)) {
    // The writer cannot wrap a key it does not hold: it starts the next epoch for everyone.
    const active = activeReaders(readers.readers, now);
    const holderIds = new Set(holders.map(toHex));
    const epoch = plan.epoch + 1;
    plan = {
      ...plan,
      rotate: true,
      epoch,
      reasons: [...plan.reasons, 'key-unavailable'],
      wrapCurrentFor: active.map((r) => r.publicKey),
      wrapHistoryFor: active
        .filter((r) => !holderIds.has(toHex(r.publicKey)) && r.history !== false)
        .map((r) => r.publicKey),
      historyEpochs: Array.from({ length: epoch }, (_, i) => i),
    };
  }
  if (plan.wrapCurrentFor.length === 0 && plan.rotate) {
    throw new Error(
      'This book has no reader with a registered key: the owner must unlock (register) a reading key first',
    );
  }
  const epochKey = plan.rotate ? newEpochKey() : ring.get(plan.epoch)![0];
  const context = bookContext(config, tokenId);
  const coverage = await wrapCoverage(publicClient, config, tokenId, state, opened, input.writer, atBlock);
  const batches: EpochWrapsBatch[] = [];
  const historyNotWrapped: PreparedRecord['historyNotWrapped'] = [];
  // Every current reader gets every earlier epoch it lacks, not only readers new to the current epoch: a
  // workshop that wrote before anyone wrapped the history for it (and so started an epoch itself) still
  // receives the history at the next write of someone who holds it.
  const active = activeReaders(readers.readers, now);
  const historyReaders = active.filter((r) => r.history !== false);
  for (const epoch of plan.historyEpochs) {
    const batch: EpochWrapsBatch = { epoch, readerKeys: [], wraps: [] };
    for (const { publicKey: reader } of historyReaders) {
      const readerKey = toHex(reader);
      if (coverage.covered(epoch, readerKey)) continue;
      const key = ring.get(epoch)?.[0];
      if (!key || !(await coverage.reissuable(epoch, readerKey))) {
        historyNotWrapped.push({ epoch, readerKey });
        continue;
      }
      batch.readerKeys.push(readerKey);
      batch.wraps.push(toHex(wrapEpochKey(key, reader, { ...context, epoch })));
    }
    if (batch.readerKeys.length > 0) batches.push(batch);
  }
  // Rotating: everyone gets the new key. Otherwise: the readers the current key is not (trustworthily) wrapped for.
  const currentFor: Uint8Array[] = plan.rotate ? [...plan.wrapCurrentFor] : [];
  if (!plan.rotate) {
    for (const { publicKey } of active) {
      const readerKey = toHex(publicKey);
      if (!coverage.covered(plan.epoch, readerKey) && (await coverage.reissuable(plan.epoch, readerKey)))
        currentFor.push(publicKey);
    }
  }
  const current = await wrapEpochKeyForReaders(epochKey, currentFor, { ...context, epoch: plan.epoch });
  if (current.length > 0) {
    batches.push({
      epoch: plan.epoch,
      readerKeys: current.map((w) => toHex(w.readerPublicKey)),
      wraps: current.map((w) => toHex(w.wrap)),
    });
  }
  return {
    payloadBytes: toHex(encryptPayload(input.payload, epochKey, plan.epoch)),
    epoch: plan.epoch,
    plan,
    wrapsToPublish: batches.length > 0 ? batches : undefined,
    historyNotWrapped,
    readers,
  };
}

export async function publishWraps(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  tokenId: bigint,
  batches: readonly EpochWrapsBatch[],
) {
  return sendContract(publicClient, walletClient, {
    address: config.contracts.keyRegistry,
    abi: keyRegistryAbi,
    functionName: 'publishEpochWrapsBatch',
    args: [tokenId, batches.map((b) => ({ epoch: b.epoch, readerKeys: b.readerKeys, wraps: b.wraps }))],
  });
}

export type PrivateRecordInput = {
  tokenId: bigint;
  mileage: number | bigint;
  /** ICarBook.RecordKind as a number (lib/browser/contracts/roles RecordKind). */
  kind: number;
  /** sha256 of the plain document (public), or zero. */
  documentHash?: Hex;
  payload: RecordPayload;
  writerKeys: readonly KeyPair[];
  /** The sending account (default: the wallet client's account). */
  writer?: Address;
  /**
   * Called before each transaction is sent: `share-key` (the book's key wrapped for new readers) or `rotate-key`
   * (a new key period for the book's readers), then `record`. One step when no wraps are needed.
   */
  onStep?: (step: TxStep<RecordStepLabel>) => void;
};

export type RecordStepLabel = 'share-key' | 'rotate-key' | 'record';

/**
 * Writes one private record: prepares it, publishes the wraps (if any) and then appends the record, each
 * transaction simulated first and awaited (`onStep` announces each). If the wraps are refused nothing is
 * appended.
 */
export async function writePrivateRecord(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  input: PrivateRecordInput,
): Promise<{ epoch: number; rotated: boolean; prepared: PreparedRecord; blockNumber: bigint }> {
  const prepared = await prepareRecordPayload(publicClient, config, {
    ...input,
    writer: input.writer ?? walletClient.account?.address,
  });
  const total = prepared.wrapsToPublish ? 2 : 1;
  if (prepared.wrapsToPublish) {
    input.onStep?.({ index: 1, total, label: prepared.plan.rotate ? 'rotate-key' : 'share-key' });
    await publishWraps(walletClient, publicClient, config, input.tokenId, prepared.wrapsToPublish);
  }
  input.onStep?.({ index: total, total, label: 'record' });
  const { blockNumber } = await sendContract(publicClient, walletClient, {
    address: config.contracts.carBook,
    abi: carBookAbi,
    functionName: 'appendRecord',
    args: [
      input.tokenId,
      BigInt(input.mileage),
      input.kind,
      input.documentHash ?? `0x${'0'.repeat(64)}`,
      prepared.payloadBytes,
    ],
  });
  return { epoch: prepared.epoch, rotated: prepared.plan.rotate, prepared, blockNumber };
}

/**
 * Gives a new reader key every epoch the sender holds (the whole history): the owner after granting a
 * workshop, or the seller for the buyer's key before the transfer. Returns the epochs wrapped.
 */
export async function publishHistoryFor(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  input: { tokenId: bigint; readerPublicKey: Uint8Array; senderKeys: readonly KeyPair[] },
): Promise<number[]> {
  const atBlock = await publicClient.getBlockNumber({ cacheTime: 0 });
  const state = await bookKeyState(publicClient, config, input.tokenId, atBlock);
  const opened = new Set<string>();
  const ring = keyringFor(config, input.tokenId, state.wraps, input.senderKeys, opened);
  const readerKey = toHex(input.readerPublicKey);
  const coverage = await wrapCoverage(
    publicClient,
    config,
    input.tokenId,
    state,
    opened,
    walletClient.account?.address,
    atBlock,
  );
  const context = bookContext(config, input.tokenId);
  const batches: EpochWrapsBatch[] = [];
  for (const [epoch, keys] of [...ring].sort((a, b) => a[0] - b[0])) {
    if (coverage.covered(epoch, readerKey) || !(await coverage.reissuable(epoch, readerKey))) continue;
    batches.push({
      epoch,
      readerKeys: [readerKey],
      wraps: [toHex(wrapEpochKey(keys[0], input.readerPublicKey, { ...context, epoch }))],
    });
  }
  if (batches.length > 0) await publishWraps(walletClient, publicClient, config, input.tokenId, batches);
  return batches.map((b) => b.epoch);
}
