/**
 * The ingestion pipeline: source messages → checks (before any gas is spent) → durable journal → gas-sized
 * batches → `submitReadings` transactions with managed nonces → receipts.
 *
 * Exactly-once effect, by construction:
 * - a reading is acknowledged to its source (MQTT PUBACK, a file's resume point) only after its journal line
 *   is fsync'd; on restart a file source resumes after the last journaled line, and a redelivered MQTT message
 *   is recognised by its (car, device time) key;
 * - a batch transaction is signed with its nonce and journaled (raw bytes) before it is broadcast; after a
 *   restart every batch not known mined is re-broadcast byte for byte, so it can only mine once (one nonce);
 *   a stuck one is replaced with the same nonce and data and a higher fee, so at most one of them mines;
 * - a batch's readings go back to the queue only when its nonce was consumed by none of its transactions or
 *   its transaction reverted, i.e. when it had no effect;
 * - and the contract itself skips a reading not newer than the car's last one (`NotNewer`), so even a
 *   duplicate from another ingester instance cannot record a reading twice.
 */
import { appendFileSync } from 'node:fs';
import type { Logger } from 'pino';
import {
  decodeEventLog,
  encodeEventTopics,
  encodeFunctionData,
  hexToBytes,
  serializeTransaction,
  type AccessList,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { carBookAbi, consortiumAbi } from '../../browser/contracts/generated';
import { PARAMETERS, READING_SKIP_REASONS } from '../../browser/contracts/roles';
import { MAX_MILEAGE_KM } from '../../browser/mileage';
import { Journal, type JournalEntry } from './journal';
import type { IngestMetrics } from './metrics';
import {
  encodeSubmitReadings,
  keccakHex,
  keccak_256,
  parseReading,
  readingKey,
  readingToJson,
  recoverReadingSigner,
  signDigest,
  type Reading,
} from './reading';
import { Rpc, RpcError } from './rpc';
import type { VerifyPool } from './verify-pool';

/** Why a reading was not sent (dead-letter file and `ingest_dead_letters_total{reason}`). */
export type DeadReason =
  | 'malformed'
  | 'unknown-device'
  | 'rotated-device'
  | 'bad-signature'
  | 'replayed'
  | 'not-newer'
  | 'too-soon'
  | 'decreasing'
  | 'implausible'
  | 'future'
  | 'too-old'
  | 'book-not-active'
  /** The book lives on another shard (`tokenId % K != shardIndex`, CarBook's `shardRule()`): its chain's ingester takes it. */
  | 'wrong-shard'
  | `chain-${string}`;

export interface IngestOptions {
  rpcUrl: string;
  carBook: Address;
  /** The maker's telematics operator key (pays the gas; any funded account may submit readings). */
  operatorKey?: Hex;
  journalFile?: string;
  deadLetterFile?: string;
  dryRun?: boolean;
  /** Gas a batch may use, of model (default 5,000,000: ~192 readings, see README "Batch size and gas"). */
  maxBatchGas?: number;
  /** Most readings in a batch whatever the gas (default 400). */
  maxBatchReadings?: number;
  /** A batch leaves when full or when its oldest reading waited this long (default 400 ms). */
  maxWaitMs?: number;
  /** Batches broadcast and not yet mined, each with its own nonce (default 4). */
  maxInFlight?: number;
  /** Replace a transaction not mined after this long with the same nonce and a 25 % higher fee (default 30 s). */
  stuckAfterMs?: number;
  pollMs?: number;
  /** Oldest device time accepted, in seconds before now (default 30 days). */
  maxAgeSeconds?: number;
  /** Device clocks may run ahead this much (default 300 s); beyond that a reading is dead-lettered. */
  maxFutureSeconds?: number;
  logger: Logger;
  metrics: IngestMetrics;
  /** Compact the journal when it passes this many bytes (default 16 MiB; see Journal.compact). */
  compactBytes?: number;
  /**
   * Books found without a device key (or not at all) are remembered this many at most (default 100,000), each for
   * `UNKNOWN_BOOK_RECHECK_MS`: a flood of readings for made-up books cannot grow memory, and a book that gets
   * its device key later (a new unit, a book reassigned to its right maker) is read again.
   */
  unknownBookCache?: number;
  /** Signature recovery in worker threads (`--verify-workers`); without it, recovery runs in the main thread. */
  verifier?: VerifyPool;
  /**
   * Test-only fault injection (`INGEST_FAULT`): `<point>:<n>` kills the process at the n-th time it passes;
   * `low-gas:<n>` signs the n-th batch with half its gas instead (it reverts whole).
   */
  fault?: string;
  now?: () => number;
}

interface Car {
  device: Address | null;
  active: boolean;
  lastTimestamp: bigint;
  mileage: bigint;
  /** Keys this car's book had before (its `DeviceKeyRotated` events, read once when needed). */
  formerDevices: Set<string>;
  historyLoaded?: boolean;
  /**
   * Number the car's next accepted reading gets in its chain (`readingChain`'s count plus the readings accepted
   * since): whether that reading is a checkpoint (sizing). Undefined: not known (a reading of the car was skipped
   * on chain or dropped, or a journal from before the reading chain): the car is read again on its next reading.
   */
  count?: number;
}

interface Batch {
  id: number;
  nonce: number;
  readings: Reading[];
  hashes: Hex[];
  raws: Hex[];
  gasPrice: bigint;
  sentAt: number;
  gas: bigint;
  /** When a poll first found the batch's nonce used with no receipt for its transactions. */
  nonceUsedAt?: number;
}

/**
 * Gas of a batch transaction, for sizing (whole transaction, calldata included), each figure a measurement on
 * anvil with the access list below (`npm run bench:reading-gas`) plus a margin (README "Batch size and gas"):
 * the batch's fixed cost (42,005); a car's first reading since the reading-chain upgrade (59,186: it creates the
 * car's `readingCursors` word and `readingCheckpoints` list, two fresh slots; ~61,300 for a car with readings from
 * before the upgrade, whose legacy head it reads); a car's first reading in the batch (19,887: its state word and
 * cursor loaded cold); a repeat (10,382: warm). A reading number 0, 8, 16, ... of its car (counted as
 * `readingChain` counts) also pushes its block to `readingCheckpoints`: its tail word (+5,457), and one checkpoint
 * in eight a fresh word (+27,659 in all). Every checkpoint is sized as if it wrote the fresh word: which one does
 * depends on how many checkpoints shared a block, which the ingester does not track. The sum is the gas limit sent.
 */
const BATCH_BASE_GAS = 50_000;
const READING_GAS_FIRST_EVER = 70_000;
const READING_GAS_FIRST_OF_CAR = 22_000;
const READING_GAS_REPEAT = 12_000;
const READING_GAS_CHECKPOINT = 30_000;
/** How long a book without a device key is taken as such before the chain is asked again. */
const UNKNOWN_BOOK_RECHECK_MS = 60_000;
/** Longest source line or message read as a reading (one is ~250 bytes); a longer one is malformed unparsed. */
const MAX_MESSAGE_CHARS = 16 * 1024;
/** A dead letter keeps this much of the original message (and its full length): the file's growth is bounded. */
const DEAD_LETTER_MESSAGE_CHARS = 2 * 1024;

/** A dead-letter line: the reason, the source position and the message, cut to a bounded length. */
function deadLetterLine(
  at: number,
  reason: DeadReason,
  seq: number | undefined,
  text: string,
  tokenId: string | undefined,
): string {
  if (text.length <= DEAD_LETTER_MESSAGE_CHARS)
    return JSON.stringify({ at: new Date(at).toISOString(), reason, tokenId, seq, message: text });
  const message = `${text.slice(0, DEAD_LETTER_MESSAGE_CHARS)}…`;
  return JSON.stringify({ at: new Date(at).toISOString(), reason, tokenId, seq, message, bytes: text.length });
}
/** CarBook's ERC-7201 namespace (`CarBookStorageLocation.VALUE`) and the fields a reading touches. */
const CARBOOK_STORAGE = 0x1dd5a9ce7f66bb5e86909f4dbdffef5e068c6f1455208d888a9f7fd8284e3e00n;
const STATES_FIELD = 1n;
const READING_CURSORS_FIELD = 16n;

/** The storage slot of `mapping(uint256 => …)` field `field` of CarBook's namespace at `tokenId`. */
function mappingSlot(field: bigint, tokenId: bigint): Hex {
  const key = tokenId.toString(16).padStart(64, '0');
  return keccakHex(`0x${key}${(CARBOOK_STORAGE + field).toString(16).padStart(64, '0')}`);
}

/** A book's `readingCursors` slot (one word: its readings' head, newest block and count): in the access list. */
export const cursorSlot = (tokenId: bigint): Hex => mappingSlot(READING_CURSORS_FIELD, tokenId);
/** A book's `states` slot: deliberately not in the access list (see `Ingester.carSlots`). */
export const stateSlot = (tokenId: bigint): Hex => mappingSlot(STATES_FIELD, tokenId);

/** The topic of `TelematicsReadingSkipped`: only those logs of a receipt are decoded. */
const SKIPPED_TOPIC = encodeEventTopics({ abi: carBookAbi, eventName: 'TelematicsReadingSkipped' })[0];

/**
 * Events after which a cached car's state may be stale (key rotated, status, mileage raised by a record, book
 * created or reassigned): `refreshCars` reads them over the blocks since the cache's oldest state and drops
 * those cars from the cache (read again from the chain on their next reading).
 */
const STALE_CAR_TOPICS = [
  'DeviceKeyRotated',
  'BookDestroyed',
  'BookReassigned',
  'BookVoided',
  'BookWrecked',
  'OdometerCorrected',
  'RecordAppended',
  'RecordVoided',
  'CarBookCreated',
].map((eventName) => encodeEventTopics({ abi: carBookAbi, eventName: eventName as 'BookVoided' })[0]);
/** eth_getLogs block range a call (the RPC proxy's `logsBlockRange`, Besu's default). */
const LOGS_RANGE = 5_000;
/** Beyond this many blocks to read, a restart drops the cached cars and reads each again from the chain. */
const MAX_REFRESH_BLOCKS = 200 * LOGS_RANGE;
/** Raw transactions a JSON-RPC batch (the proxy's `txPerBatch`) and its body size (under its 1 MiB cap). */
const TX_PER_REQUEST = 10;
/** How long a batch's nonce must look used by another transaction before its readings are queued again. */
const NONCE_USED_GRACE_MS = 10_000;
/** Batches signed, journaled with one fsync and broadcast together. */
const SEND_GROUP = 4;
const BROADCAST_BODY_CHARS = 768 * 1024;

/** Readings of busy cars a batch passes over before it stops looking further down the queue. */
const MAX_PASSED = 20_000;
/** A reading whose batch reverted this many times is dead-lettered (`chain-reverted`) instead of retried. */
const MAX_REVERTS = 2;

type Pending = { text: string; seq?: number; resolve: () => void };

export class Ingester {
  private readonly rpc: Rpc;
  private readonly log: Logger;
  private readonly metrics: IngestMetrics;
  private readonly account?: PrivateKeyAccount;
  private readonly operatorKey?: Uint8Array;
  /** Per car, the two index slots an accepted reading writes (EIP-2930 access list entries). */
  private readonly slots = new Map<bigint, Hex[]>();
  private journal?: Journal;
  private domain!: Hex;
  private minInterval = 3600n;
  private chainId!: number;
  /** Books with a device key (their state as the ingester keeps it up to date). */
  private readonly cars = new Map<bigint, Car>();
  /** Books found without a device key or not at all, until when that answer stands (bounded, oldest out first). */
  private readonly unknownBooks = new Map<bigint, number>();
  /** The cached cars' state is the chain's as of this block or later (undefined: no car cached). */
  private carsSince?: number;
  /** Cars restored from the journal at start (the bench and tests read it from the log). */
  private restoredCars = 0;
  /** Per car, the last reading the journal holds (accepted, maybe not mined yet): merged into chain state. */
  private readonly journalTail = new Map<bigint, { timestamp: bigint; mileage: bigint }>();
  private readonly seen = new Set<string>();
  /** Each queued reading's number in its car's chain, when known (sizing; unknown: sized as a first reading). */
  private readonly readingIndex = new WeakMap<Reading, number>();
  /**
   * Cars with readings in a batch signed and not yet mined (how many such batches): their newer readings wait in
   * the queue, so that a batch that reverts or is dropped goes back ahead of them, in order, and not behind a newer
   * reading already sent (which the contract would record first, then skip the older ones as not newer).
   */
  private readonly busyCars = new Map<bigint, number>();
  private readonly reverts = new WeakMap<Reading, number>();
  /** Each reading's recovered signer, computed once (the costliest check). */
  private readonly signers = new WeakMap<Reading, string | undefined>();
  private queue: Reading[] = [];
  /** Batches taken off the queue and being signed (not in flight yet). */
  private readonly signing = new Set<Reading[]>();
  private queueSince = 0;
  private readonly inFlight = new Map<number, Batch>();
  private nextBatch = 1;
  private nextNonce = 0;
  private inbox: Pending[] = [];
  private processing = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private pumping = false;
  private faults = new Map<string, number>();
  /** Highest source position journaled: a file source resumes after it. */
  resumeAfter = 0;
  lastMinedBlock = 0;
  readonly counts = { received: 0, accepted: 0, dead: 0, mined: 0, skippedOnChain: 0, batches: 0 };
  /** CarBook's `shardRule()`, read at start: this chain holds the books whose `tokenId % count == index`. */
  private shard = { index: 0n, count: 1n };
  private idleWaiters: (() => void)[] = [];
  /** Per-stage timers (`ingest_stage_seconds_total{stage}`): where the ingester's time goes (README "Throughput"). */
  private readonly stageCounters = new Map<string, { inc(value: number): void }>();

  private stage<T>(name: string, run: () => T): T {
    const started = performance.now();
    try {
      return run();
    } finally {
      this.stageTime(name, started);
    }
  }

  private async stageAsync<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.stageTime(name, started);
    }
  }

  private stageTime(name: string, started: number): void {
    let counter = this.stageCounters.get(name);
    if (!counter) this.stageCounters.set(name, (counter = this.metrics.stageSeconds.labels(name)));
    counter.inc((performance.now() - started) / 1000);
  }

  constructor(private readonly options: IngestOptions) {
    this.rpc = new Rpc(options.rpcUrl);
    this.log = options.logger;
    this.metrics = options.metrics;
    if (options.operatorKey) {
      this.account = privateKeyToAccount(options.operatorKey);
      this.operatorKey = hexToBytes(options.operatorKey);
    }
    for (const spec of (options.fault ?? '').split(',').filter(Boolean)) {
      const [point, n] = spec.split(':');
      this.faults.set(point, Number(n ?? 1));
    }
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** Test-only: true the n-th time `point` is passed (a fault that does not kill, e.g. `low-gas`). */
  private faultOnce(point: string): boolean {
    const left = this.faults.get(point);
    if (left === undefined) return false;
    this.faults.set(point, left - 1);
    return left === 1;
  }

  /** Test-only: SIGKILL ourselves the n-th time `point` is passed (see `IngestOptions.fault`). */
  private faultPoint(point: string): void {
    const left = this.faults.get(point);
    if (left === undefined) return;
    if (left <= 1) {
      this.log.flush?.();
      process.kill(process.pid, 'SIGKILL');
    }
    this.faults.set(point, left - 1);
  }

  async start(): Promise<void> {
    const { carBook } = this.options;
    // Together (a restart's time to its first batch counts each round trip).
    const [chainId, domain, consortium, shardRule] = await Promise.all([
      this.rpc.call<Hex>('eth_chainId'),
      this.ethCall(carBook, 'domainSeparator', []),
      this.ethCall(carBook, 'consortium', []),
      this.ethCall(carBook, 'shardRule', []),
    ]);
    this.chainId = Number(chainId);
    this.domain = domain as Hex;
    // This chain's share of the books (issue 14): a reading for another shard's book is dead-lettered unsent.
    const [shardIndex, shardCount] = shardRule as readonly [bigint, bigint];
    this.shard = { index: shardIndex, count: shardCount === 0n ? 1n : shardCount };
    this.minInterval = (await this.ethCall(
      consortium as Address,
      'parameter',
      [PARAMETERS.MIN_READING_INTERVAL],
      consortiumAbi,
    )) as bigint;
    if (!this.options.dryRun) {
      if (!this.account)
        throw new Error('The ingester needs the operator key to send batches (or run it with --dry-run).');
      if (!this.options.journalFile) throw new Error('The ingester needs a journal file to send batches.');
      this.journal = Journal.open(this.options.journalFile, (step) => this.faultPoint(`journal-${step}`));
      await this.replay(this.journal.entries);
      await this.refreshCars();
      this.log.info({ restored: this.restoredCars, cached: this.cars.size }, 'cars restored from the journal');
    }
    this.timer = setInterval(() => void this.pump(), this.options.pollMs ?? 200);
    this.log.info(
      {
        carBook,
        chainId: this.chainId,
        operator: this.account?.address,
        dryRun: !!this.options.dryRun,
        resumeAfter: this.resumeAfter,
      },
      'ingester started',
    );
  }

  private async ethCall(
    to: Address,
    functionName: string,
    args: unknown[],
    abi: unknown = carBookAbi,
  ): Promise<unknown> {
    const { decodeFunctionResult } = await import('viem');
    const data = encodeFunctionData({
      abi: abi as typeof carBookAbi,
      functionName: functionName as 'book',
      args: args as [bigint],
    });
    const result = await this.rpc.call<Hex>('eth_call', [{ to, data }, 'latest']);
    return decodeFunctionResult({ abi: abi as typeof carBookAbi, functionName: functionName as 'book', data: result });
  }

  /** Rebuilds the queue and the batches in flight from the journal, then re-broadcasts what may not be mined. */
  private async replay(entries: JournalEntry[]): Promise<void> {
    const accepted = new Map<string, Reading>();
    const order: string[] = [];
    const batches = new Map<number, Batch & { keys: string[] }>();
    const done = new Set<string>();
    let maxNonce = -1;
    for (const entry of entries) {
      switch (entry.t) {
        case 'acc': {
          const reading: Reading = {
            tokenId: BigInt(entry.tokenId),
            mileage: BigInt(entry.mileage),
            timestamp: BigInt(entry.timestamp),
            r: entry.r as Hex,
            vs: entry.vs as Hex,
          };
          const key = readingKey(reading);
          accepted.set(key, reading);
          order.push(key);
          const car = this.cars.get(reading.tokenId);
          if (car?.count !== undefined) this.readingIndex.set(reading, car.count++);
          this.seen.add(key);
          this.journalTail.set(reading.tokenId, { timestamp: reading.timestamp, mileage: reading.mileage });
          if (entry.seq !== undefined) this.resumeAfter = Math.max(this.resumeAfter, entry.seq);
          break;
        }
        case 'dead':
          this.resumeAfter = Math.max(this.resumeAfter, entry.seq);
          break;
        case 'send':
          batches.set(entry.batch, {
            id: entry.batch,
            nonce: entry.nonce,
            readings: [],
            keys: entry.keys,
            hashes: [entry.hash as Hex],
            raws: [entry.raw as Hex],
            gasPrice: 0n,
            sentAt: 0,
            gas: 0n,
          });
          maxNonce = Math.max(maxNonce, entry.nonce);
          this.nextBatch = Math.max(this.nextBatch, entry.batch + 1);
          break;
        case 'bump': {
          const batch = batches.get(entry.batch);
          batch?.hashes.push(entry.hash as Hex);
          batch?.raws.push(entry.raw as Hex);
          break;
        }
        case 'mined': {
          const batch = batches.get(entry.batch);
          if (batch && entry.ok) for (const key of batch.keys) done.add(key);
          // A reading skipped on chain took no number: its car's later ones are numbered one too high.
          for (const index of entry.skipped ?? []) {
            const reading = batch && accepted.get(batch.keys[index]);
            const car = reading && this.cars.get(reading.tokenId);
            if (car) car.count = undefined;
          }
          batches.delete(entry.batch);
          if (entry.block > this.lastMinedBlock) this.lastMinedBlock = entry.block;
          break;
        }
        case 'drop':
          batches.delete(entry.batch);
          break;
        case 'cars':
          for (const [tokenId, device, active, lastTimestamp, mileage, count] of entry.cars)
            // A book journaled without a device key (before they were kept apart) is read again when needed.
            if (device !== null)
              this.cars.set(BigInt(tokenId), {
                device: device as Address | null,
                active: active === 1,
                lastTimestamp: BigInt(lastTimestamp),
                mileage: BigInt(mileage),
                formerDevices: new Set(),
                // Readings journaled after this entry are numbered from it (`acc` below).
                count: typeof count === 'number' ? count : undefined,
              });
          this.carsSince = Math.min(this.carsSince ?? entry.block, entry.block);
          break;
        case 'snap':
          this.resumeAfter = Math.max(this.resumeAfter, entry.resumeAfter);
          this.lastMinedBlock = Math.max(this.lastMinedBlock, entry.lastMinedBlock);
          this.nextBatch = Math.max(this.nextBatch, entry.nextBatch);
          maxNonce = Math.max(maxNonce, entry.nextNonce - 1);
          break;
      }
    }
    const live = new Set<string>();
    // A car whose number is not known (journal from before it, a skip): its readings are sized as first ones.
    for (const reading of accepted.values())
      if (this.cars.get(reading.tokenId)?.count === undefined) this.readingIndex.delete(reading);
    // Restored cars, merged with the readings journaled after their state was written.
    for (const [tokenId, tail] of this.journalTail) {
      const car = this.cars.get(tokenId);
      if (car && tail.timestamp > car.lastTimestamp) {
        car.lastTimestamp = tail.timestamp;
        if (tail.mileage > car.mileage) car.mileage = tail.mileage;
      }
    }
    this.restoredCars = this.cars.size;
    for (const batch of batches.values()) {
      batch.readings = batch.keys.map((key) => accepted.get(key)!);
      for (const key of batch.keys) live.add(key);
      batch.sentAt = this.now();
      batch.gasPrice = 0n;
      this.inFlight.set(batch.id, batch);
      this.markBusy(batch, 1);
    }
    this.queue = order.filter((key) => !done.has(key) && !live.has(key)).map((key) => accepted.get(key)!);
    this.queueSince = this.now();
    const chainNonce = Number(await this.rpc.call<Hex>('eth_getTransactionCount', [this.account!.address, 'pending']));
    this.nextNonce = Math.max(chainNonce, maxNonce + 1);
    this.log.info(
      {
        journaled: accepted.size,
        mined: done.size,
        inFlight: this.inFlight.size,
        queued: this.queue.length,
        nonce: this.nextNonce,
      },
      'journal replayed',
    );
    // Batches mined while the ingester was down are recorded from their receipts (one JSON-RPC batch); the
    // others may never have reached the node: broadcast them again, byte for byte, in nonce order, a few a
    // request. Before the pump and the source start, so the nonces stay in order.
    if (this.inFlight.size > 0) await this.pollReceipts();
    await this.broadcastMany(
      [...this.inFlight.values()].sort((a, b) => a.nonce - b.nonce),
      (b) => b.raws.at(-1)!,
    );
    this.updateGauges();
  }

  /**
   * Offers one source message (one reading, or several newline-separated); resolves once its outcome is
   * journaled (accepted or dead-lettered): acknowledge the source then. Waits while the backlog is full.
   */
  offer(text: string, seq?: number): Promise<void> {
    return new Promise((resolve) => {
      this.inbox.push({ text, seq, resolve });
      if (!this.processing) void this.process();
    });
  }

  /** How many readings wait (inbox + queue + in flight): a source should slow down above `highWater`. */
  get backlog(): number {
    let inFlight = 0;
    for (const batch of this.inFlight.values()) inFlight += batch.readings.length;
    return this.inbox.length + this.queue.length + inFlight;
  }

  private async process(): Promise<void> {
    this.processing = true;
    try {
      while (this.inbox.length > 0) {
        const chunk = this.inbox.splice(0, 2000);
        const parsed: { reading?: Reading; text: string; seq?: number }[] = [];
        for (const item of chunk) {
          for (const line of item.text.split('\n')) {
            if (line.trim() === '') continue;
            this.counts.received++;
            this.metrics.received.inc();
            const reading = this.stage('parse', () =>
              line.length <= MAX_MESSAGE_CHARS ? parseReading(line) : undefined,
            );
            parsed.push({ reading, text: line, seq: item.seq });
          }
          if (item.text.trim() === '' && item.seq !== undefined) parsed.push({ text: '', seq: item.seq });
        }
        const mine = parsed.flatMap((p) => (p.reading && this.onThisShard(p.reading) ? [p.reading] : []));
        // Signatures are recovered in the workers while the cars' state loads (when it must).
        const recovered = this.options.verifier
          ? this.stageAsync('verify-workers', () => this.options.verifier!.recover(this.domain, mine))
          : undefined;
        await this.stageAsync('rpc-load-cars', () => this.loadCars(mine.map((r) => r.tokenId)));
        if (recovered) (await recovered).forEach((signer, i) => this.signers.set(mine[i], signer));
        // Stopped meanwhile (SIGTERM): the journal is closed; these messages were not acknowledged.
        if (this.stopped) return;
        await this.stageAsync('rpc-former-devices', () => this.loadFormerDevices(parsed));
        if (this.stopped) return;
        const nowSeconds = BigInt(Math.floor(this.now() / 1000));
        const deadLines: string[] = [];
        for (const { reading, text, seq } of parsed) {
          if (text === '') {
            if (seq !== undefined) this.journal?.append({ t: 'dead', seq });
            continue;
          }
          const reason = reading ? this.stage('check', () => this.check(reading, nowSeconds)) : 'malformed';
          if (reason) {
            this.counts.dead++;
            this.metrics.dead.inc({ reason });
            // `tokenId` (when the line parsed) lets the maker's page join the dead letter to its car.
            deadLines.push(
              deadLetterLine(this.now(), reason, seq, text, reading && `0x${reading.tokenId.toString(16)}`),
            );
            if (seq !== undefined) this.journal?.append({ t: 'dead', seq });
            continue;
          }
          const accepted = reading!;
          this.accept(accepted);
          this.stage('journal-append', () => this.journal?.append({ t: 'acc', seq, ...readingToJson(accepted) }));
          if (seq !== undefined) this.resumeAfter = Math.max(this.resumeAfter, seq);
          this.faultPoint('mid-batch');
        }
        if (deadLines.length > 0 && this.options.deadLetterFile && !this.options.dryRun) {
          appendFileSync(this.options.deadLetterFile, deadLines.join('\n') + '\n');
        }
        if (deadLines.length > 0 && this.options.dryRun)
          for (const line of deadLines) this.log.warn(JSON.parse(line), 'dead letter');
        this.stage('journal-sync', () => this.journal?.sync());
        for (const item of chunk) item.resolve();
        this.updateGauges();
        void this.pump();
        // Let timers and I/O run between chunks: when every car is cached, the awaits above resolve at once,
        // and a long inbox would otherwise starve the receipt polls and broadcasts (bench: 69 readings/s).
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.processing = false;
    }
  }

  /**
   * Chain state of cars not cached yet (or whose reading count is not known): device key, book and reading
   * chain, one JSON-RPC batch.
   */
  private async loadCars(tokenIds: bigint[]): Promise<void> {
    const now = this.now();
    const missing = [...new Set(tokenIds)].filter((id) => {
      const cached = this.cars.get(id);
      return cached ? cached.count === undefined : !((this.unknownBooks.get(id) ?? 0) > now);
    });
    if (missing.length === 0) return;
    // Read before the state: the state is then the chain's at this block or later (see `refreshCars`).
    const block = Number(await this.rpc.call<Hex>('eth_blockNumber'));
    const requests = missing.flatMap((tokenId) => [
      {
        method: 'eth_call',
        params: [
          {
            to: this.options.carBook,
            data: encodeFunctionData({ abi: carBookAbi, functionName: 'deviceKey', args: [tokenId] }),
          },
          'latest',
        ],
      },
      {
        method: 'eth_call',
        params: [
          {
            to: this.options.carBook,
            data: encodeFunctionData({ abi: carBookAbi, functionName: 'book', args: [tokenId] }),
          },
          'latest',
        ],
      },
      {
        method: 'eth_call',
        params: [
          {
            to: this.options.carBook,
            data: encodeFunctionData({ abi: carBookAbi, functionName: 'readingChain', args: [tokenId] }),
          },
          'latest',
        ],
      },
    ]);
    const answers = await this.rpc.batch(requests);
    const { decodeFunctionResult } = await import('viem');
    // Readings of a car read again that are accepted and not mined yet: its next number comes after them.
    const pending = this.pendingReadings(new Set(missing.filter((id) => this.journalTail.has(id))));
    missing.forEach((tokenId, i) => {
      const [deviceAnswer, bookAnswer, chainAnswer] = answers.slice(3 * i, 3 * i + 3);
      const before = this.cars.get(tokenId);
      let car: Car = { device: null, active: false, lastTimestamp: 0n, mileage: 0n, formerDevices: new Set() };
      if (![deviceAnswer, bookAnswer, chainAnswer].some((answer) => answer instanceof RpcError)) {
        const device = decodeFunctionResult({ abi: carBookAbi, functionName: 'deviceKey', data: deviceAnswer as Hex });
        const book = decodeFunctionResult({ abi: carBookAbi, functionName: 'book', data: bookAnswer as Hex });
        const [, , count] = decodeFunctionResult({
          abi: carBookAbi,
          functionName: 'readingChain',
          data: chainAnswer as Hex,
        });
        car = {
          device: device === '0x0000000000000000000000000000000000000000' ? null : (device.toLowerCase() as Address),
          active: book.status === 1,
          lastTimestamp: book.lastReadingAt,
          mileage: book.mileage,
          formerDevices: before?.formerDevices ?? new Set(),
          historyLoaded: before?.historyLoaded,
          count: Number(count) + (pending.get(tokenId) ?? 0),
        };
      }
      if (car.device === null) {
        this.rememberUnknown(tokenId, now);
        return;
      }
      this.unknownBooks.delete(tokenId);
      const tail = this.journalTail.get(tokenId);
      if (tail && tail.timestamp > car.lastTimestamp) {
        car.lastTimestamp = tail.timestamp;
        car.mileage = tail.mileage > car.mileage ? tail.mileage : car.mileage;
      }
      this.cars.set(tokenId, car);
    });
    this.carsSince = Math.min(this.carsSince ?? block, block);
    // Journaled with the readings it lets through (synced with them): a restart checks new readings against
    // it instead of reading every car again (README "Restart").
    // Books without a device key are not cars (see `rememberUnknown`): a flood of them does not grow the journal.
    const kept = missing.filter((tokenId) => this.cars.has(tokenId));
    if (kept.length > 0)
      this.journal?.append({ t: 'cars', block, cars: kept.map((tokenId) => this.carEntry(tokenId)) });
  }

  /** A book without a device key: not kept as a car, remembered for a while within a bound (flood-proof). */
  private rememberUnknown(tokenId: bigint, now: number): void {
    this.cars.delete(tokenId);
    this.unknownBooks.delete(tokenId);
    this.unknownBooks.set(tokenId, now + UNKNOWN_BOOK_RECHECK_MS);
    const limit = this.options.unknownBookCache ?? 100_000;
    for (const oldest of this.unknownBooks.keys()) {
      if (this.unknownBooks.size <= limit) break;
      this.unknownBooks.delete(oldest);
    }
  }

  /**
   * For cars with a reading not signed by their current key: the keys their book had before (its
   * `DeviceKeyRotated` events, found through `bookEventBlocks` and single-block `eth_getLogs`), once per car,
   * so that such a reading is dead-lettered as `rotated-device` rather than `bad-signature`.
   */
  private async loadFormerDevices(parsed: { reading?: Reading }[]): Promise<void> {
    const cars = new Set<bigint>();
    for (const { reading } of parsed) {
      if (!reading) continue;
      const car = this.cars.get(reading.tokenId);
      if (!car?.device || cars.has(reading.tokenId)) continue;
      if (this.signerOf(reading) !== car.device) cars.add(reading.tokenId);
    }
    if (cars.size === 0) return;
    // The key may have been rotated since the car was cached: read it again.
    const current = await this.rpc.batch(
      [...cars].map((tokenId) => ({
        method: 'eth_call',
        params: [
          {
            to: this.options.carBook,
            data: encodeFunctionData({ abi: carBookAbi, functionName: 'deviceKey', args: [tokenId] }),
          },
          'latest',
        ],
      })),
    );
    [...cars].forEach((tokenId, i) => {
      const car = this.cars.get(tokenId)!;
      const answer = current[i];
      if (answer instanceof RpcError || typeof answer !== 'string') return;
      const device: Address = `0x${answer.slice(-40).toLowerCase()}`;
      if (device === '0x0000000000000000000000000000000000000000') {
        // The unit was removed (or the book reassigned): asked again later, when a new key may be registered.
        this.rememberUnknown(tokenId, this.now());
      } else if (device !== car.device) {
        if (car.device) car.formerDevices.add(car.device);
        car.device = device;
      }
    });
    for (const tokenId of cars) {
      const car = this.cars.get(tokenId);
      if (!car || car.historyLoaded) continue;
      car.historyLoaded = true;
      try {
        const [blocks] = (await this.ethCall(this.options.carBook, 'bookEventBlocks', [tokenId, 0n, 1000n])) as [
          bigint[],
          bigint,
        ];
        const topic0 = encodeEventTopics({ abi: carBookAbi, eventName: 'DeviceKeyRotated', args: { tokenId } });
        const hashes = await this.rpc.batch(
          blocks.map((b) => ({ method: 'eth_getBlockByNumber', params: [`0x${b.toString(16)}`, false] })),
        );
        const logs = await this.rpc.batch(
          hashes.map((block) => ({
            method: 'eth_getLogs',
            params: [{ address: this.options.carBook, topics: topic0, blockHash: (block as { hash: Hex }).hash }],
          })),
        );
        for (const answer of logs) {
          if (answer instanceof RpcError) continue;
          for (const log of answer as { topics: Hex[] }[])
            car.formerDevices.add(`0x${log.topics[2].slice(-40).toLowerCase()}`);
        }
      } catch (error) {
        this.log.warn(
          { tokenId: tokenId.toString(16), err: (error as Error).message },
          'could not read the device key history',
        );
      }
    }
  }

  /**
   * A car's journal line (`cars`); `journaledAfter`: how many of its readings the journal lists after this line
   * (a compaction's live readings), which a replay numbers from the count written here.
   */
  private carEntry(tokenId: bigint, journaledAfter = 0): [string, string | null, 0 | 1, number, number, number | null] {
    const car = this.cars.get(tokenId)!;
    return [
      `0x${tokenId.toString(16)}`,
      car.device,
      car.active ? 1 : 0,
      Number(car.lastTimestamp),
      Number(car.mileage),
      car.count === undefined ? null : car.count - journaledAfter,
    ];
  }

  /** How many readings of each of `tokenIds` are queued or in a batch not yet mined. */
  private pendingReadings(tokenIds: Set<bigint>): Map<bigint, number> {
    const counts = new Map<bigint, number>();
    if (tokenIds.size === 0) return counts;
    const add = (reading: Reading) => {
      if (tokenIds.has(reading.tokenId)) counts.set(reading.tokenId, (counts.get(reading.tokenId) ?? 0) + 1);
    };
    for (const batch of this.inFlight.values()) batch.readings.forEach(add);
    for (const batch of this.signing) batch.forEach(add);
    this.queue.forEach(add);
    return counts;
  }

  /** Counts a batch's cars as busy (+1 when signed) or not (-1 when mined, reverted or dropped). */
  private markBusy(batch: { readings: Reading[] }, delta: 1 | -1): void {
    for (const tokenId of new Set(batch.readings.map((r) => r.tokenId))) {
      const n = (this.busyCars.get(tokenId) ?? 0) + delta;
      if (n > 0) this.busyCars.set(tokenId, n);
      else this.busyCars.delete(tokenId);
    }
  }

  /**
   * Brings the cached cars up to the chain's latest block without reading each: the events that can change
   * what the checks rely on (`STALE_CAR_TOPICS`: a key rotation above all) since `carsSince`, a few ranged
   * eth_getLogs calls, and the cars they name leave the cache (read again, with their former keys, on their next
   * reading). A cache older than `MAX_REFRESH_BLOCKS` is dropped whole. Run at start (a restart must not trust a
   * key rotated while it was down) and before each compaction (which journals the cache as of the latest block).
   */
  private async refreshCars(): Promise<void> {
    if (this.cars.size === 0 || this.carsSince === undefined) return;
    const latest = Number(await this.rpc.call<Hex>('eth_blockNumber'));
    if (latest - this.carsSince > MAX_REFRESH_BLOCKS) {
      this.log.warn({ since: this.carsSince, latest }, 'cached cars too old to refresh: reading them again');
      this.cars.clear();
      this.carsSince = undefined;
      return;
    }
    const stale = new Set<bigint>();
    // The cached state already holds every event of block `carsSince` itself.
    for (let from = this.carsSince + 1; from <= latest; from += LOGS_RANGE) {
      const to = Math.min(latest, from + LOGS_RANGE - 1);
      const logs = await this.rpc.call<{ topics: Hex[] }[]>('eth_getLogs', [
        {
          address: this.options.carBook,
          topics: [STALE_CAR_TOPICS],
          fromBlock: `0x${from.toString(16)}`,
          toBlock: `0x${to.toString(16)}`,
        },
      ]);
      for (const log of logs) if (log.topics[1]) stale.add(BigInt(log.topics[1]));
    }
    let dropped = 0;
    for (const tokenId of stale) {
      // A book created or given a device key meanwhile: read at its next reading, not after the recheck delay.
      this.unknownBooks.delete(tokenId);
      if (this.cars.delete(tokenId)) dropped++;
    }
    if (dropped > 0) this.log.info({ dropped, since: this.carsSince, latest }, 'cars changed on chain: read again');
    this.carsSince = latest;
  }

  /** Broadcasts batches in nonce order, up to `TX_PER_REQUEST` raw transactions a JSON-RPC request. */
  private async broadcastMany(batches: Batch[], raw: (batch: Batch) => Hex): Promise<void> {
    for (let i = 0; i < batches.length;) {
      const group: Batch[] = [];
      let chars = 0;
      while (i < batches.length && group.length < TX_PER_REQUEST) {
        const size = raw(batches[i]).length;
        if (group.length > 0 && chars + size > BROADCAST_BODY_CHARS) break;
        group.push(batches[i++]);
        chars += size;
      }
      let answers: unknown[];
      try {
        answers = await this.rpc.batch(group.map((b) => ({ method: 'eth_sendRawTransaction', params: [raw(b)] })));
      } catch (error) {
        answers = group.map(() => error);
      }
      group.forEach((batch, j) => {
        const answer = answers[j];
        // "already known", "nonce too low" (mined meanwhile), a full pool or a network error: the receipt poll
        // decides; a transaction that never arrived is re-broadcast when it counts as stuck.
        if (answer instanceof Error)
          this.log.warn({ batch: batch.id, nonce: batch.nonce, err: answer.message }, 'broadcast answered an error');
      });
    }
  }

  private signerOf(reading: Reading): string | undefined {
    if (!this.signers.has(reading))
      this.signers.set(
        reading,
        this.stage('recover', () => recoverReadingSigner(this.domain, reading)),
      );
    return this.signers.get(reading);
  }

  /** The off-chain twin of the contract's `_readingSkipReason`, plus replay, age and rotation checks. */
  private onThisShard(reading: Reading): boolean {
    return reading.tokenId % this.shard.count === this.shard.index;
  }

  private check(reading: Reading, nowSeconds: bigint): DeadReason | undefined {
    if (!this.onThisShard(reading)) return 'wrong-shard';
    const car = this.cars.get(reading.tokenId);
    if (!car || car.device === null) return 'unknown-device';
    if (!car.active) return 'book-not-active';
    const signer = this.signerOf(reading);
    if (signer !== car.device) return signer && car.formerDevices.has(signer) ? 'rotated-device' : 'bad-signature';
    if (this.seen.has(readingKey(reading))) return 'replayed';
    const maxFuture = BigInt(this.options.maxFutureSeconds ?? 300);
    if (reading.timestamp > nowSeconds + maxFuture) return 'future';
    if (reading.timestamp < nowSeconds - BigInt(this.options.maxAgeSeconds ?? 30 * 86_400)) return 'too-old';
    if (reading.timestamp <= car.lastTimestamp) return 'not-newer';
    if (car.lastTimestamp !== 0n && reading.timestamp < car.lastTimestamp + this.minInterval) return 'too-soon';
    if (reading.mileage > BigInt(MAX_MILEAGE_KM)) return 'implausible';
    if (reading.mileage < car.mileage) return 'decreasing';
    return undefined;
  }

  private accept(reading: Reading): void {
    const car = this.cars.get(reading.tokenId)!;
    if (car.count !== undefined) this.readingIndex.set(reading, car.count++);
    car.lastTimestamp = reading.timestamp;
    car.mileage = reading.mileage;
    // Kept for a car the cache drops (`refreshCars`): its state read again is merged with what is not mined yet.
    this.journalTail.set(reading.tokenId, { timestamp: reading.timestamp, mileage: reading.mileage });
    this.seen.add(readingKey(reading));
    this.counts.accepted++;
    this.metrics.accepted.inc();
    if (this.options.dryRun) return;
    if (this.queue.length === 0) this.queueSince = this.now();
    this.queue.push(reading);
  }

  /** Forms and sends batches, polls receipts, replaces stuck transactions. One pass at a time. */
  private async pump(): Promise<void> {
    if (this.pumping || this.stopped || this.options.dryRun) return;
    this.pumping = true;
    try {
      await this.pollReceipts();
      while (this.inFlight.size < (this.options.maxInFlight ?? 4) && this.shouldSend()) {
        if (!(await this.sendBatches())) break;
        // Between groups: a slot freed by a mined batch is seen (and taken) without waiting for the next pass.
        await this.pollReceipts();
        await this.compactIfDue();
      }
      // After a first group is sent: a compaction (a restart's first pass finds a journal past the threshold)
      // does not hold the first batches back.
      await this.compactIfDue();
    } catch (error) {
      this.log.error({ err: error }, 'pump failed; retrying on the next tick');
    } finally {
      this.pumping = false;
      this.updateGauges();
      if (this.backlog === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private shouldSend(): boolean {
    if (this.queue.length === 0) return false;
    if (this.now() - this.queueSince >= (this.options.maxWaitMs ?? 400)) return true;
    return this.pickBatch().full;
  }

  /** A reading's gas in the sizing model (see READING_GAS_FIRST_EVER); `repeat`: its car is earlier in the batch. */
  private readingGas(reading: Reading, repeat: boolean): number {
    const index = this.readingIndex.get(reading);
    if (index === undefined || index === 0) return READING_GAS_FIRST_EVER;
    return (repeat ? READING_GAS_REPEAT : READING_GAS_FIRST_OF_CAR) + (index % 8 === 0 ? READING_GAS_CHECKPOINT : 0);
  }

  /**
   * The next batch: readings from the queue's head, in order, that fit `--max-batch-readings` and the gas budget,
   * passing over those of cars busy in a batch not mined yet (at most `MAX_PASSED` of them). It stops at a reading
   * stamped in the current second or later (the contract skips a reading newer than its block). `picked`: queue
   * positions; `scanned`: how far it looked; `full`: it stopped for lack of room.
   */
  private pickBatch(): { picked: number[]; scanned: number; gas: number; full: boolean } {
    const budget = this.options.maxBatchGas ?? 5_000_000;
    const max = this.options.maxBatchReadings ?? 400;
    const nowSeconds = BigInt(Math.floor(this.now() / 1000));
    const cars = new Set<bigint>();
    const picked: number[] = [];
    let gas = BATCH_BASE_GAS;
    let passed = 0;
    let i = 0;
    for (; i < this.queue.length; i++) {
      const reading = this.queue[i];
      if (reading.timestamp >= nowSeconds) break;
      if (this.busyCars.has(reading.tokenId)) {
        if (++passed > MAX_PASSED) break;
        continue;
      }
      const cost = this.readingGas(reading, cars.has(reading.tokenId));
      if (picked.length >= max || gas + cost > budget) return { picked, scanned: i, gas, full: true };
      cars.add(reading.tokenId);
      gas += cost;
      picked.push(i);
    }
    return { picked, scanned: i, gas, full: false };
  }

  /** The gas limit of a batch of `readings` (a batch replayed from the journal and replaced). */
  private batchGas(readings: Reading[]): number {
    const cars = new Set<bigint>();
    let gas = BATCH_BASE_GAS;
    for (const reading of readings) {
      gas += this.readingGas(reading, cars.has(reading.tokenId));
      cars.add(reading.tokenId);
    }
    return gas;
  }

  private priceCache?: { at: number; price: bigint };

  /**
   * Twice the latest base fee plus a 1 gwei tip (no base fee: the node's gas price), refreshed every 2 s. Not
   * a multiple of eth_gasPrice: nodes derive that from recent transactions' prices, so an ingester that pays
   * more than it would compound its own fees.
   */
  private async gasPrice(): Promise<bigint> {
    if (this.priceCache && this.now() - this.priceCache.at < 2_000) return this.priceCache.price;
    const block = await this.rpc.call<{ baseFeePerGas?: Hex }>('eth_getBlockByNumber', ['latest', false]);
    const price = block.baseFeePerGas
      ? 2n * BigInt(block.baseFeePerGas) + 1_000_000_000n
      : BigInt(await this.rpc.call<Hex>('eth_gasPrice'));
    this.priceCache = { at: this.now(), price };
    return price;
  }

  /**
   * Signs as many batches as the free in-flight slots and the queue allow, journals them all with one `fsync`
   * (the costly step on a busy disk: one a batch capped the rate), then broadcasts them in nonce order. Each is
   * journaled before it is broadcast, as before; a crash between the sync and a broadcast leaves batches the
   * restart re-broadcasts byte for byte.
   */
  private async sendBatches(): Promise<boolean> {
    const batches: Batch[] = [];
    // A few at a time: each group is broadcast as soon as it is journaled, so the first leaves after one
    // batch's signing, not after every free slot's (24 slots took a second after a restart).
    while (this.inFlight.size + batches.length < (this.options.maxInFlight ?? 4) && batches.length < SEND_GROUP) {
      if (batches.length > 0 && !this.shouldSend()) break;
      const batch = await this.signBatch();
      if (!batch) break;
      batches.push(batch);
    }
    if (batches.length === 0) return false;
    this.stage('journal-sync', () => this.journal!.sync());
    for (const batch of batches) {
      this.inFlight.set(batch.id, batch);
      this.signing.delete(batch.readings);
      this.faultPoint('before-send');
    }
    await this.stageAsync('rpc-send', () => this.broadcastMany(batches, (b) => b.raws[0]));
    for (const batch of batches) {
      this.faultPoint('after-send');
      this.counts.batches++;
      this.metrics.batchesSent.inc();
      this.log.info(
        {
          batch: batch.id,
          nonce: batch.nonce,
          readings: batch.readings.length,
          gas: Number(batch.gas),
          hash: batch.hashes[0],
        },
        'batch sent',
      );
    }
    return true;
  }

  /** Takes the next batch off the queue, signs it with the next nonce and journals it (not synced yet). */
  private async signBatch(): Promise<Batch | undefined> {
    // First (an await): the queue is then taken from without a pause, and an RPC error loses no reading.
    const gasPrice = await this.gasPrice();
    // Readings stamped in the current second wait: the contract skips a reading newer than the block.
    const { picked, scanned, gas } = this.pickBatch();
    if (picked.length === 0) return undefined;
    // The readings of cars busy in another batch, passed over, keep their place at the queue's head.
    const chosen = new Set(picked);
    const readings = picked.map((i) => this.queue[i]);
    const passed = this.queue.slice(0, scanned).filter((_, i) => !chosen.has(i));
    this.queue = passed.concat(this.queue.slice(scanned));
    this.signing.add(readings);
    this.markBusy({ readings }, 1);
    this.queueSince = this.now();
    // The sizing figure bounds the gas limit, not eth_estimateGas: the estimate's binary search finds a lower
    // limit at which the batch succeeds with readings skipped (ecrecover runs in a staticcall given the
    // gas left, and a failed call reads as a bad signature), and that limit would then skip them for real.
    const nonce = this.nextNonce++;
    // Test-only (`INGEST_FAULT=low-gas:<n>`): the n-th batch gets half its gas, so that it reverts whole.
    const limit = this.faultOnce('low-gas') ? Math.floor(gas / 2) : gas;
    const { raw, hash } = this.signSubmit(readings, nonce, BigInt(limit), gasPrice);
    const batch: Batch = {
      id: this.nextBatch++,
      nonce,
      readings,
      hashes: [hash],
      raws: [raw],
      gasPrice,
      sentAt: this.now(),
      gas: BigInt(limit),
    };
    this.stage('journal-append', () =>
      this.journal!.append({ t: 'send', batch: batch.id, nonce, hash, raw, keys: readings.map(readingKey) }),
    );
    return batch;
  }

  /**
   * A car's `readingCursors` slot (Solidity mapping layout): read and written by each of its readings. Not its
   * `states` slot, the first one each reading loads: cold, that load costs 2,100 gas, so a batch whose gas runs out
   * ends in an out-of-gas revert (its readings go back to the queue) right after the one reading whose ecrecover
   * was starved. Warm, the loop would go on skipping every remaining reading as a bad signature for 100 gas each.
   * Nor its `readingHeads` slot (read by its first reading since the reading-chain upgrade only) nor its
   * `readingCheckpoints` tail (written by one reading in eight): listed for every reading, they would cost more
   * than they save.
   */
  private carSlots(tokenId: bigint): Hex[] {
    let slots = this.slots.get(tokenId);
    if (!slots) {
      slots = [cursorSlot(tokenId)];
      this.slots.set(tokenId, slots);
    }
    return slots;
  }

  /**
   * Encodes, signs and hashes a `submitReadings` transaction (EIP-2930, legacy fee): calldata written directly
   * (`encodeSubmitReadings`), signature and hashes in libsecp256k1 and native keccak. The access list names
   * each reading's car's cursor slot (`carSlots`): 1,900 gas up front instead of 2,100 for the first (cold)
   * access, 200 gas a car; the list's bytes are not charged as calldata.
   */
  private signSubmit(
    readings: readonly Reading[],
    nonce: number,
    gas: bigint,
    gasPrice: bigint,
  ): { raw: Hex; hash: Hex } {
    const data = this.stage('encode', () => encodeSubmitReadings(readings));
    const started = performance.now();
    const keys = new Set<Hex>();
    for (const reading of readings) for (const slot of this.carSlots(reading.tokenId)) keys.add(slot);
    const accessList: AccessList = [{ address: this.options.carBook, storageKeys: [...keys] }];
    const tx = {
      type: 'eip2930',
      chainId: this.chainId,
      nonce,
      to: this.options.carBook,
      data,
      gas,
      gasPrice,
      accessList,
    } as const;
    const unsigned = serializeTransaction(tx);
    const signature = signDigest(keccak_256(Buffer.from(unsigned.slice(2), 'hex')), this.operatorKey!);
    const raw = serializeTransaction(tx, signature);
    const hash = keccakHex(raw);
    this.stageTime('sign', started);
    return { raw, hash };
  }

  private async broadcast(batch: Batch, raw: Hex): Promise<void> {
    try {
      await this.rpc.call('eth_sendRawTransaction', [raw]);
    } catch (error) {
      // "already known", "nonce too low" (mined meanwhile), a full pool or a network error: the receipt poll
      // decides; a transaction that never arrived is re-broadcast when it counts as stuck.
      this.log.warn(
        { batch: batch.id, nonce: batch.nonce, err: (error as Error).message },
        'broadcast answered an error',
      );
    }
  }

  private async pollReceipts(): Promise<void> {
    if (this.inFlight.size === 0) return;
    const batches = [...this.inFlight.values()].sort((a, b) => a.nonce - b.nonce);
    const requests = batches.flatMap((b) =>
      b.hashes.map((hash) => ({ method: 'eth_getTransactionReceipt', params: [hash] })),
    );
    const answers = await this.stageAsync('rpc-receipts', () => this.rpc.batch(requests));
    let i = 0;
    let chainNonce: number | undefined;
    for (const batch of batches) {
      let receipt: Receipt | undefined;
      for (const _ of batch.hashes) {
        const answer = answers[i++];
        if (answer && !(answer instanceof RpcError)) receipt = answer as Receipt;
      }
      if (receipt) {
        const found = receipt;
        this.stage('receipt', () => this.mined(batch, found));
        continue;
      }
      chainNonce ??= Number(await this.rpc.call<Hex>('eth_getTransactionCount', [this.account!.address, 'latest']));
      if (chainNonce > batch.nonce) {
        // The nonce is used, but by none of our hashes (checked again once: a receipt may lag the nonce).
        const again = await this.rpc.batch(
          batch.hashes.map((hash) => ({ method: 'eth_getTransactionReceipt', params: [hash] })),
        );
        const late = again.find((a) => a && !(a instanceof RpcError)) as Receipt | undefined;
        if (late) this.mined(batch, late);
        // A node can count the nonce before it serves the receipt (anvil under load did: a batch declared
        // dropped, its readings sent again and all skipped as not newer). Dropped only once that lasted.
        else if (this.now() - (batch.nonceUsedAt ??= this.now()) > NONCE_USED_GRACE_MS) this.dropped(batch);
        continue;
      }
      if (this.now() - batch.sentAt > (this.options.stuckAfterMs ?? 30_000)) await this.bump(batch);
    }
    this.stage('journal-sync', () => this.journal!.sync());
  }

  private mined(batch: Batch, receipt: Receipt): void {
    const ok = receipt.status === '0x1';
    const block = Number(receipt.blockNumber);
    const skipped: number[] = [];
    const deadLines: string[] = [];
    if (ok) {
      for (const log of receipt.logs) {
        if (log.topics[0] !== SKIPPED_TOPIC) continue;
        if (log.address.toLowerCase() !== this.options.carBook.toLowerCase()) continue;
        try {
          const event = decodeEventLog({ abi: carBookAbi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
          if (event.eventName !== 'TelematicsReadingSkipped') continue;
          const index = Number(event.args.batchIndex);
          const reason = `chain-${READING_SKIP_REASONS[event.args.reason] ?? event.args.reason}` as DeadReason;
          skipped.push(index);
          this.metrics.dead.inc({ reason });
          this.counts.dead++;
          this.counts.skippedOnChain++;
          deadLines.push(
            JSON.stringify({
              at: new Date(this.now()).toISOString(),
              reason,
              tokenId: readingToJson(batch.readings[index]).tokenId,
              tx: receipt.transactionHash,
              message: readingToJson(batch.readings[index]),
            }),
          );
        } catch {
          // another event of the registry
        }
      }
    }
    // Synced with the poll's other receipts (pollReceipts): a `mined` line lost in a crash only means the
    // restart re-broadcasts the batch ("nonce too low") and finds its receipt again.
    this.journal!.append({ t: 'mined', batch: batch.id, hash: receipt.transactionHash, block, ok, skipped });
    if (deadLines.length > 0 && this.options.deadLetterFile)
      appendFileSync(this.options.deadLetterFile, deadLines.join('\n') + '\n');
    this.inFlight.delete(batch.id);
    this.markBusy(batch, -1);
    // A reading skipped on chain took no number in its car's chain: the car's count is read again.
    for (const index of skipped) this.forgetCount(batch.readings[index].tokenId);
    if (!ok) {
      this.log.error(
        { batch: batch.id, hash: receipt.transactionHash },
        'batch reverted: its readings go back to the queue',
      );
      const retry: Reading[] = [];
      const dead: string[] = [];
      for (const reading of batch.readings) {
        const reverts = (this.reverts.get(reading) ?? 0) + 1;
        this.reverts.set(reading, reverts);
        if (reverts <= MAX_REVERTS) {
          // Sized as a first reading when sent again (the revert may have been the model's doing).
          this.readingIndex.delete(reading);
          retry.push(reading);
          continue;
        }
        this.forgetCount(reading.tokenId);
        this.counts.dead++;
        this.metrics.dead.inc({ reason: 'chain-reverted' });
        dead.push(
          JSON.stringify({
            at: new Date(this.now()).toISOString(),
            reason: 'chain-reverted',
            tokenId: readingToJson(reading).tokenId,
            tx: receipt.transactionHash,
            message: readingToJson(reading),
          }),
        );
      }
      if (dead.length > 0 && this.options.deadLetterFile)
        appendFileSync(this.options.deadLetterFile, `${dead.join('\n')}\n`);
      // Ahead of the queue, in order: no newer reading of these cars was sent meanwhile (`busyCars`).
      this.queue.unshift(...retry);
      return;
    }
    const recorded = batch.readings.length - skipped.length;
    this.counts.mined += recorded;
    this.metrics.mined.inc(recorded);
    this.metrics.gasUsed.inc(Number(BigInt(receipt.gasUsed)));
    this.metrics.batchesMined.inc();
    if (block > this.lastMinedBlock) this.lastMinedBlock = block;
    this.metrics.lastMinedBlock.set(this.lastMinedBlock);
    this.log.info(
      { batch: batch.id, block, readings: recorded, skipped: skipped.length, gasUsed: Number(BigInt(receipt.gasUsed)) },
      'batch mined',
    );
  }

  /** The car's reading count is no longer known: read again on its next reading, its queued ones sized as first. */
  private forgetCount(tokenId: bigint): void {
    const car = this.cars.get(tokenId);
    if (!car || car.count === undefined) return;
    car.count = undefined;
    for (const reading of this.pendingList(tokenId)) this.readingIndex.delete(reading);
  }

  private pendingList(tokenId: bigint): Reading[] {
    const out: Reading[] = [];
    for (const batch of this.inFlight.values()) for (const r of batch.readings) if (r.tokenId === tokenId) out.push(r);
    for (const readings of this.signing) for (const r of readings) if (r.tokenId === tokenId) out.push(r);
    for (const r of this.queue) if (r.tokenId === tokenId) out.push(r);
    return out;
  }

  private dropped(batch: Batch): void {
    this.journal!.append({ t: 'drop', batch: batch.id });
    this.journal!.sync();
    this.inFlight.delete(batch.id);
    this.markBusy(batch, -1);
    this.queue.unshift(...batch.readings);
    this.log.warn(
      { batch: batch.id, nonce: batch.nonce },
      'the batch nonce was used by another transaction: readings queued again',
    );
  }

  private async bump(batch: Batch): Promise<void> {
    const current = await this.gasPrice();
    const bumped = (batch.gasPrice * 5n) / 4n + 1n;
    const gasPrice = bumped > current ? bumped : current;
    const gas = batch.gas || BigInt(this.batchGas(batch.readings));
    const { raw, hash } = this.signSubmit(batch.readings, batch.nonce, gas, gasPrice);
    this.journal!.append({ t: 'bump', batch: batch.id, hash, raw });
    this.journal!.sync();
    batch.hashes.push(hash);
    batch.raws.push(raw);
    batch.gasPrice = gasPrice;
    batch.sentAt = this.now();
    this.metrics.replaced.inc();
    this.log.warn(
      { batch: batch.id, nonce: batch.nonce, gasPrice: gasPrice.toString(), hash },
      'stuck transaction replaced',
    );
    await this.broadcast(batch, raw);
  }

  private async compactIfDue(): Promise<void> {
    if (!this.journal || this.journal.size < (this.options.compactBytes ?? 16 * 1024 * 1024)) return;
    await this.refreshCars();
    this.compact();
  }

  /**
   * Rewrites the journal as its resume state: a snapshot (source position, last mined block, next batch id and
   * nonce), the readings not mined yet (batches in flight first, then the queue, in order) and the batches in
   * flight with every transaction signed for them. What it drops had its effect: mined batches, dead letters.
   * Readings mined long ago leave the replay set too; a redelivered one is then refused as `not-newer`.
   */
  private compact(): void {
    const before = this.journal!.size;
    const inFlight = [...this.inFlight.values()].sort((a, b) => a.nonce - b.nonce);
    const entries: JournalEntry[] = [
      {
        t: 'snap',
        resumeAfter: this.resumeAfter,
        lastMinedBlock: this.lastMinedBlock,
        nextBatch: this.nextBatch,
        nextNonce: this.nextNonce,
      },
    ];
    const live = [...inFlight.flatMap((batch) => batch.readings), ...this.queue];
    if (this.cars.size > 0 && this.carsSince !== undefined) {
      const liveOf = new Map<bigint, number>();
      for (const reading of live) liveOf.set(reading.tokenId, (liveOf.get(reading.tokenId) ?? 0) + 1);
      entries.push({
        t: 'cars',
        block: this.carsSince,
        cars: [...this.cars.keys()].map((id) => this.carEntry(id, liveOf.get(id))),
      });
    }
    for (const reading of live) entries.push({ t: 'acc', ...readingToJson(reading) });
    for (const batch of inFlight) {
      entries.push({
        t: 'send',
        batch: batch.id,
        nonce: batch.nonce,
        hash: batch.hashes[0],
        raw: batch.raws[0],
        keys: batch.readings.map(readingKey),
      });
      for (let i = 1; i < batch.hashes.length; i++)
        entries.push({ t: 'bump', batch: batch.id, hash: batch.hashes[i], raw: batch.raws[i] });
    }
    this.journal!.compact(entries);
    this.seen.clear();
    for (const reading of live) this.seen.add(readingKey(reading));
    this.metrics.compactions.inc();
    this.log.info(
      { before, after: this.journal!.size, live: live.length, inFlight: inFlight.length },
      'journal compacted',
    );
  }

  private updateGauges(): void {
    this.metrics.backlog.set(this.backlog);
    this.metrics.inFlight.set(this.inFlight.size);
  }

  /** Resolves when nothing waits: every offered reading journaled, batched and mined. */
  async drain(): Promise<void> {
    while (this.backlog > 0 || this.processing) {
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        setTimeout(resolve, 250);
      });
      await this.pump();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.pumping) await new Promise((resolve) => setTimeout(resolve, 20));
    this.journal?.close();
    await this.options.verifier?.close();
  }
}

interface Receipt {
  status: Hex;
  blockNumber: Hex;
  gasUsed: Hex;
  transactionHash: Hex;
  logs: { address: Address; data: Hex; topics: Hex[] }[];
}
