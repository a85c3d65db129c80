/**
 * A car's telematics readings at one pinned block, found without scanning the chain (contracts/README.md "Read
 * indexes", `ICarBook.readingChain`):
 * - readings accepted before the reading-chain upgrade emitted `TelematicsReadingRecorded` and their blocks are
 *   listed in `readingBlocks` (with the blocks of the skipped readings the book's maker relayed, before and after
 *   the upgrade);
 * - later readings emit `TelematicsReadingAppended`, which names the block of the car's reading before it; the book
 *   keeps the newest block and count (`readingChain`) and the blocks of readings number 0, 8, 16, …
 *   (`readingCheckpoints`). A reader walks back from the newest block and, in parallel, from each checkpoint: one
 *   single-block `eth_getLogs` per visited block, at most eight blocks a walk, each walk stopping before the
 *   checkpoint below it.
 *
 * The readings are then checked against the book's `readingsHead`: the legacy steps unmasked
 * (`nextReadingHead`), the Appended steps with the head's low 64 bits cleared (`nextAppendedHead`). A block a walk
 * visits that holds no Appended log of the car, a first Appended log that names its own block (the earlier one was
 * left out), a count that differs from `readingChain`'s, or a chain that does not reach the head: a node withheld or
 * altered a reading, and the verdict says so. Nothing here grows with the chain's age.
 */
import {
  encodeAbiParameters,
  keccak256,
  numberToHex,
  parseEventLogs,
  toEventSelector,
  zeroHash,
  type AbiEvent,
  type Address,
  type Hex,
  type Log,
  type PublicClient,
} from 'viem';
import { carBookAbi } from '../contracts/generated';
import { READING_SKIP_REASONS } from '../contracts/roles';
import { byChainOrder, checkedBlocks, firstEmptyBlock, logsAtBlocks, readIndex } from '../history/indexed';
import type { ChainVerdict, ReadingSkipReasonName } from '../history/read';

/** Readings between two `readingCheckpoints` entries (the contract lists readings number 0, 8, 16, …). */
export const CHECKPOINT_STRIDE = 8;

/** Most blocks a walk visits: the readings of one checkpoint's stride lie in at most eight blocks. */
const MAX_WALK = CHECKPOINT_STRIDE;

const LOW_64 = (1n << 64n) - 1n;

const topicOf = (name: 'TelematicsReadingRecorded' | 'TelematicsReadingAppended' | 'TelematicsReadingSkipped') =>
  toEventSelector(carBookAbi.find((item) => item.type === 'event' && item.name === name) as AbiEvent);
const RECORDED_TOPIC = topicOf('TelematicsReadingRecorded');
const APPENDED_TOPIC = topicOf('TelematicsReadingAppended');
const SKIPPED_TOPIC = topicOf('TelematicsReadingSkipped');

/** The legacy readings' chain step (`TelematicsReadingRecorded`), exactly as the contract computed it. */
export function nextReadingHead(previous: Hex, tokenId: bigint, mileage: number, timestamp: number): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'uint256' }, { type: 'uint64' }, { type: 'uint64' }],
      [previous, tokenId, BigInt(mileage), BigInt(timestamp)],
    ),
  );
}

/** The readings' chain step since the upgrade (`TelematicsReadingAppended`): the same hash, low 64 bits cleared. */
export function nextAppendedHead(previous: Hex, tokenId: bigint, mileage: number, timestamp: number): Hex {
  return numberToHex(BigInt(nextReadingHead(previous, tokenId, mileage, timestamp)) & ~LOW_64, { size: 32 });
}

/** One accepted reading as its log says it. */
export interface ChainReading {
  mileage: number;
  /** Device time, signed by the car's telematics key. */
  timestamp: number;
  /** The readings' chain head after it, as emitted. */
  head: Hex;
  /** True for a `TelematicsReadingRecorded` reading (before the upgrade: its step is not masked). */
  legacy: boolean;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
}

/** A device-signed reading the registry refused (`TelematicsReadingSkipped`), relayed by the book's maker. */
export interface ChainSkip {
  reason: ReadingSkipReasonName;
  /** Position of the reading in its batch. */
  batchIndex: number;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hex;
}

export interface ReadingChain {
  /** `readingsHead` at the pinned block. */
  head: Hex;
  /** Readings since the upgrade (`readingChain`'s count). */
  count: number;
  /** Oldest first: the legacy ones, then the Appended ones (all of them, or the newest `newest`). */
  readings: ChainReading[];
  /** In chain order: the skips found in the blocks read. */
  skips: ChainSkip[];
  /** False when older readings exist than the first returned (a window). */
  whole: boolean;
  /** The whole chain against the head (a window: as a suffix ending at the head). */
  chain: ChainVerdict;
}

/**
 * Recomputes the readings' chain, legacy steps unmasked then Appended steps masked, and compares it with the head
 * stored on chain. `suffix`: the readings are the newest ones only; the first is taken as emitted and each next step
 * must follow from it (none withheld after the first, and the newest is the book's newest).
 */
export function verifyReadingChain(
  tokenId: bigint,
  readings: readonly Pick<ChainReading, 'mileage' | 'timestamp' | 'head' | 'legacy' | 'blockNumber'>[],
  onChainHead: Hex,
  options: { suffix?: boolean } = {},
): ChainVerdict {
  const misplaced = readings.findIndex((reading, i) => i > 0 && reading.legacy && !readings[i - 1].legacy);
  if (misplaced > 0)
    return {
      ok: false,
      problem: 'reordered',
      detail: `telematics reading #${misplaced + 1} is a legacy reading after a newer one`,
    };
  let head: Hex = zeroHash;
  for (let i = 0; i < readings.length; i++) {
    const reading = readings[i];
    if (options.suffix && i === 0) {
      head = reading.head;
      continue;
    }
    const step = reading.legacy ? nextReadingHead : nextAppendedHead;
    const next = step(head, tokenId, reading.mileage, reading.timestamp);
    if (next !== reading.head) {
      return {
        ok: false,
        problem: reading.head === zeroHash ? 'altered' : 'missing',
        detail: `telematics reading #${i + 1} (block ${reading.blockNumber}) does not follow the one before it: a reading is missing or altered`,
      };
    }
    head = next;
  }
  if (options.suffix && readings.length === 0) return { ok: true };
  if (head !== onChainHead) {
    return {
      ok: false,
      problem: 'missing',
      detail: 'the telematics readings returned do not add up to the head stored on chain: a reading is missing',
    };
  }
  return { ok: true };
}

type WalkStart = { from: bigint; floor: bigint };

/** The logs of one walk, newest block first, or the problem that stopped it. */
async function walk(
  client: PublicClient,
  carBook: Address,
  tokenTopic: Hex,
  start: WalkStart,
): Promise<{ logs: Log[]; problem?: string }> {
  const logs: Log[] = [];
  let block = start.from;
  for (let visits = 0; ; visits++) {
    if (visits === MAX_WALK)
      return {
        logs,
        problem: `the readings linked from block ${start.from} span more than ${MAX_WALK} blocks: the node altered them`,
      };
    const [found] = await logsAtBlocks(client, carBook, [[APPENDED_TOPIC, SKIPPED_TOPIC], tokenTopic], [block]);
    logs.push(...found);
    const appended = parseEventLogs({ abi: carBookAbi, eventName: 'TelematicsReadingAppended', logs: found }).sort(
      byChainOrder,
    );
    if (appended.length === 0)
      return {
        logs,
        problem: `the node returned no telematics reading of block ${block}, which the readings' chain links to: it withheld readings`,
      };
    const previous = appended[0].args.previousBlock;
    if (previous >= block)
      return {
        logs,
        problem: `the node left out the first telematics reading of block ${block}: it withheld readings`,
      };
    if (previous <= start.floor) return { logs };
    block = previous;
  }
}

/** The walks' starts: each checkpoint (down to the one before it), then the newest block if it is not one. */
function walkStarts(checkpoints: readonly bigint[], below: bigint, newestBlock: bigint): WalkStart[] {
  const starts = checkpoints.map((from, j) => ({ from, floor: j === 0 ? below : checkpoints[j - 1] }));
  const last = checkpoints.at(-1) ?? below;
  if (newestBlock !== 0n && newestBlock !== last) starts.push({ from: newestBlock, floor: last });
  return starts;
}

function toReadings(logs: readonly Log[]): ChainReading[] {
  return parseEventLogs({
    abi: carBookAbi,
    eventName: ['TelematicsReadingRecorded', 'TelematicsReadingAppended'],
    logs: logs as Log[],
  })
    .sort(byChainOrder)
    .map((log) => ({
      mileage: Number(log.args.mileage),
      timestamp: Number(log.args.timestamp),
      head: log.args.head,
      legacy: log.eventName === 'TelematicsReadingRecorded',
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      transactionHash: log.transactionHash,
    }));
}

function toSkips(logs: readonly Log[]): ChainSkip[] {
  return parseEventLogs({ abi: carBookAbi, eventName: 'TelematicsReadingSkipped', logs: logs as Log[] })
    .sort(byChainOrder)
    .map((log) => ({
      reason: READING_SKIP_REASONS[log.args.reason] ?? 'None',
      batchIndex: Number(log.args.batchIndex),
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      transactionHash: log.transactionHash,
    }));
}

/** Logs seen twice (a block both walked and listed in `readingBlocks`) kept once. */
function distinct(logs: readonly Log[]): Log[] {
  const seen = new Set<string>();
  return logs.filter((log) => {
    const key = `${log.blockNumber}:${log.logIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const verdictOf = (problems: readonly string[], chain: ChainVerdict): ChainVerdict =>
  problems.length > 0 ? { ok: false, problem: 'missing', detail: problems[0] } : chain;

/**
 * The car's readings at `atBlock`: all of them, or (`newest`) the newest `newest` only, with the skipped readings
 * found on the way, checked against `readingsHead`.
 *
 * Whole read, calls: `readingsHead`, `readingChain`, the `readingCheckpoints` and `readingBlocks` lists (one page
 * each up to `pageSize` entries) in one round; then in parallel one single-block `eth_getLogs` per `readingBlocks`
 * entry and per block a walk visits (the blocks of the Appended readings, at most eight rounds). Window: the same
 * views, then the checkpoints from the one covering reading `count - newest` and the newest `newest` entries of
 * `readingBlocks` (for the legacy tail and the window's skips), then the walks: at most two rounds of views and eight
 * of walks, `newest / 8 + 2` walks. When several checkpointed readings shared a block (the list holds it once), the
 * window may come out short; earlier checkpoints are then walked too.
 */
export async function readReadingChain(
  client: PublicClient,
  carBook: Address,
  tokenId: bigint,
  atBlock: bigint,
  options: { newest?: number; pageSize?: bigint } = {},
): Promise<ReadingChain> {
  const at = { address: carBook, abi: carBookAbi, blockNumber: atBlock } as const;
  const tokenTopic = numberToHex(tokenId, { size: 32 });
  const newest = options.newest;
  if (newest === undefined) {
    const [head, [, newestBlock, rawCount], checkpoints, listed] = await Promise.all([
      client.readContract({ ...at, functionName: 'readingsHead', args: [tokenId] }),
      client.readContract({ ...at, functionName: 'readingChain', args: [tokenId] }),
      readIndex(
        (start, count) =>
          client.readContract({ ...at, functionName: 'readingCheckpoints', args: [tokenId, start, count] }),
        options.pageSize,
      ),
      readIndex(
        (start, count) => client.readContract({ ...at, functionName: 'readingBlocks', args: [tokenId, start, count] }),
        options.pageSize,
      ),
    ]);
    const count = Number(rawCount);
    const problems: string[] = [];
    const cps = checkedBlocks(checkpoints, atBlock);
    const legacy = checkedBlocks(listed, atBlock);
    for (const problem of [cps.problem, legacy.problem, chainProblem(count, newestBlock, cps.blocks, atBlock)])
      if (problem) problems.push(problem);
    const [legacyLogs, walks] = await Promise.all([
      logsAtBlocks(client, carBook, [[RECORDED_TOPIC, SKIPPED_TOPIC], tokenTopic], legacy.blocks),
      Promise.all(
        walkStarts(cps.blocks, 0n, count === 0 ? 0n : newestBlock).map((start) =>
          walk(client, carBook, tokenTopic, start),
        ),
      ),
    ]);
    const empty = firstEmptyBlock(legacy.blocks, legacyLogs);
    if (empty !== undefined)
      problems.push(`the node returned no telematics reading or skip of block ${empty}, which the book's index lists`);
    for (const w of walks) if (w.problem) problems.push(w.problem);
    const logs = distinct([...legacyLogs.flat(), ...walks.flatMap((w) => w.logs)]);
    const readings = legacyFirst(toReadings(logs));
    const appended = readings.filter((r) => !r.legacy).length;
    if (problems.length === 0 && appended !== count)
      problems.push(
        `${count - appended} of the ${count} telematics readings the book counts were not returned: a node withheld them`,
      );
    return {
      head,
      count,
      readings,
      skips: toSkips(logs),
      whole: true,
      chain: verdictOf(problems, verifyReadingChain(tokenId, readings, head)),
    };
  }

  // The newest `newest` readings.
  const [head, [, newestBlock, rawCount], [, listedTotal]] = await Promise.all([
    client.readContract({ ...at, functionName: 'readingsHead', args: [tokenId] }),
    client.readContract({ ...at, functionName: 'readingChain', args: [tokenId] }),
    client.readContract({ ...at, functionName: 'readingBlocks', args: [tokenId, 0n, 0n] }),
  ]);
  const count = Number(rawCount);
  const problems: string[] = [];
  const tailStart = listedTotal > BigInt(newest) ? listedTotal - BigInt(newest) : 0n;
  const tail = async () => {
    if (listedTotal === 0n) return { blocks: [] as bigint[] };
    const [blocks] = await client.readContract({
      ...at,
      functionName: 'readingBlocks',
      args: [tokenId, tailStart, listedTotal - tailStart],
    });
    return checkedBlocks(blocks, atBlock);
  };
  // Checkpoint k lists reading 8k or a later one (a block is listed once): start at the one covering count - newest.
  let first = Math.floor(Math.max(0, count - newest) / CHECKPOINT_STRIDE);
  const checkpointsFrom = async (from: number, to?: number) => {
    if (count === 0) return { blocks: [] as bigint[], below: 0n, total: 0 };
    const start = Math.max(0, from - 1);
    const [blocks, total] = await client.readContract({
      ...at,
      functionName: 'readingCheckpoints',
      args: [tokenId, BigInt(start), BigInt((to ?? Number.MAX_SAFE_INTEGER) - start)],
    });
    const checked = checkedBlocks(blocks, atBlock);
    if (checked.problem) problems.push(checked.problem);
    const list = from > 0 ? checked.blocks.slice(1) : checked.blocks;
    return { blocks: list, below: from > 0 ? (checked.blocks[0] ?? 0n) : 0n, total: Number(total) };
  };
  const [listed, firstCps] = await Promise.all([tail(), checkpointsFrom(first)]);
  let cps = firstCps;
  if (cps.total > 0 && first > cps.total - 1) {
    // Fewer checkpoints than readings / 8 (shared blocks): the last one covers the window's start.
    first = cps.total - 1;
    cps = await checkpointsFrom(first);
  }
  if (listed.problem) problems.push(listed.problem);
  const chainIssue = count === 0 ? undefined : chainProblem(count, newestBlock, cps.blocks, atBlock, cps.total);
  if (chainIssue) problems.push(chainIssue);
  // The legacy tail and the window's skips: the `readingBlocks` entries after the oldest walk's floor.
  const legacyBlocks = listed.blocks.filter((block) => block > cps.below || count < newest);
  const [legacyLogs, walks] = await Promise.all([
    logsAtBlocks(client, carBook, [[RECORDED_TOPIC, SKIPPED_TOPIC], tokenTopic], legacyBlocks),
    Promise.all(
      walkStarts(cps.blocks, cps.below, count === 0 ? 0n : newestBlock).map((start) =>
        walk(client, carBook, tokenTopic, start),
      ),
    ),
  ]);
  const empty = firstEmptyBlock(legacyBlocks, legacyLogs);
  if (empty !== undefined)
    problems.push(`the node returned no telematics reading or skip of block ${empty}, which the book's index lists`);
  for (const w of walks) if (w.problem) problems.push(w.problem);
  let walked = walks.flatMap((w) => w.logs);
  // Checkpoints shared a block: the walks found fewer readings than the window; walk earlier strides too.
  let below = cps.below;
  const found = () => parseEventLogs({ abi: carBookAbi, eventName: 'TelematicsReadingAppended', logs: walked }).length;
  while (problems.length === 0 && first > 0 && found() < Math.min(newest, count)) {
    const to = first;
    first = Math.max(0, first - Math.max(1, Math.ceil((Math.min(newest, count) - found()) / CHECKPOINT_STRIDE)));
    const more = await checkpointsFrom(first, to);
    const starts = walkStarts(more.blocks, more.below, 0n);
    const extra = await Promise.all(starts.map((start) => walk(client, carBook, tokenTopic, start)));
    for (const w of extra) if (w.problem) problems.push(w.problem);
    walked = [...walked, ...extra.flatMap((w) => w.logs)];
    below = more.below;
  }
  const logs = distinct([...legacyLogs.flat(), ...walked]);
  const all = legacyFirst(toReadings(logs));
  const readings = all.slice(-newest);
  const oldest = readings[0]?.blockNumber;
  const skips = toSkips(logs).filter((skip) => oldest === undefined || skip.blockNumber >= oldest);
  const whole =
    readings.length === all.length && all.filter((r) => !r.legacy).length === count && tailStart === 0n && below === 0n;
  return {
    head,
    count,
    readings,
    skips,
    whole,
    chain: verdictOf(
      problems,
      readings.length === 0 && count > 0
        ? { ok: false, problem: 'missing', detail: "the node returned none of the car's newest telematics readings" }
        : verifyReadingChain(tokenId, readings, head, { suffix: !whole }),
    ),
  };
}

/** Legacy readings first (they all precede the upgrade), each part in chain order. */
function legacyFirst(readings: ChainReading[]): ChainReading[] {
  return [...readings.filter((r) => r.legacy), ...readings.filter((r) => !r.legacy)];
}

/** `readingChain` and `readingCheckpoints` must agree: the newest block is the last checkpoint or after it. */
function chainProblem(
  count: number,
  newestBlock: bigint,
  checkpoints: readonly bigint[],
  atBlock: bigint,
  total = checkpoints.length,
): string | undefined {
  if (count === 0) return total === 0 && newestBlock === 0n ? undefined : 'the readings chain lists no reading';
  if (newestBlock > atBlock) return `the readings chain names block ${newestBlock}, after block ${atBlock}`;
  if (total === 0 || total > Math.ceil(count / CHECKPOINT_STRIDE))
    return `the readings chain counts ${count} readings and ${total} checkpoints`;
  const last = checkpoints.at(-1);
  if (last !== undefined && newestBlock < last)
    return `the readings chain's newest block ${newestBlock} is before its checkpoint ${last}`;
  return undefined;
}
