import {
  decodeAbiParameters,
  encodeAbiParameters,
  keccak256,
  numberToHex,
  parseEventLogs,
  toEventSelector,
  zeroAddress,
  zeroHash,
  type AbiEvent,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { carBookAbi } from '../contracts/generated';
import { byChainOrder, checkedBlocks, logsAtBlocks, pinBlock, readIndex } from './indexed';
import {
  BOOK_STATUSES,
  RECORD_KINDS,
  type READING_SKIP_REASONS,
  type BookStatusName,
  type RecordKindName,
} from '../contracts/roles';
import { readReadingChain } from '../reads/reading-chain';

export interface HistoryRecord {
  index: number;
  writer: Address;
  writerOrg: number;
  kind: RecordKindName;
  mileage: number;
  timestamp: number;
  documentHash: Hex;
  payload: Hex;
  head: Hex;
  blockNumber: bigint;
  transactionHash: Hex;
}

export interface OwnershipChange {
  from: Address;
  to: Address;
  blockNumber: bigint;
  transactionHash: Hex;
}

export type ChainVerdict =
  { ok: true } | { ok: false; problem: 'missing' | 'reordered' | 'altered' | 'head-mismatch'; detail: string };

export interface TelematicsReading {
  mileage: number;
  /** Device time, signed by the car's telematics key. */
  timestamp: number;
  blockNumber: bigint;
  /** The batch transaction that recorded it (anyone can fetch its receipt to check the figure). */
  transactionHash: Hex;
}

/** A device-signed reading the registry refused (`TelematicsReadingSkipped`), relayed by the book's maker. */
export interface SkippedReading {
  /** `ICarBook.ReadingSkipReason` by name (e.g. 'BadSignature', 'NotNewer'). */
  reason: ReadingSkipReasonName;
  /** Position of the reading in its batch. */
  batchIndex: number;
  blockNumber: bigint;
  transactionHash: Hex;
}

/** `ICarBook.ReadingSkipReason`'s names (the mirror `mirrors.test.ts` checks against the contract). */
export type ReadingSkipReasonName = (typeof READING_SKIP_REASONS)[number];

/** The car's telematics device key: registered with the book, then each replacement (`DeviceKeyRotated`). */
export interface DeviceKeyChange {
  /** Zero address: no device (never registered, or removed). */
  previousKey: Address;
  newKey: Address;
  /** False for the key given at the book's creation. */
  rotated: boolean;
  blockNumber: bigint;
  transactionHash: Hex;
}

export interface CorrectionMarker {
  previousMileage: number;
  correctedMileage: number;
  workshop: Address;
  /** Index of the correction record in the hash chain. */
  index: number;
  blockNumber: bigint;
}

/**
 * An entry governance voided as implausible (issue 10, item 15): the `EntryVoided` record that says so is part of
 * the hash chain, so a node cannot hide it. Not an odometer correction: `corrections` does not count it.
 */
export interface VoidedEntry {
  /** Position of the voided record. */
  voidedIndex: number;
  /** Position of the `EntryVoided` record. */
  index: number;
  /** The mileage the book continues from, in km. */
  restoredMileage: number;
  /** Block time of the vote's execution. */
  timestamp: number;
  /** Hash of the governance decision (zero if none). */
  documentHash: Hex;
}

export interface BookHistory {
  tokenId: bigint;
  /** Off-chain model data given at creation (e.g. an IPFS URI), '' if none. */
  metadataURI: string;
  /** The block every read was pinned to. */
  atBlock: bigint;
  /** Permanent count of odometer corrections kept in the book's state. */
  corrections: number;
  readings: TelematicsReading[];
  /**
   * How many of `readings` (the first ones) a deployment from before the reading-chain upgrade recorded
   * (`TelematicsReadingRecorded`: their chain steps are not masked); absent: none.
   */
  legacyReadings?: number;
  /**
   * Readings the registry skipped that the book's maker relayed (their blocks are in `readingBlocks`), in chain
   * order. Not hash-chained: a node could withhold one only by withholding its whole block's logs.
   */
  skippedReadings: SkippedReading[];
  /** The device key given at creation (if any), then each rotation, in chain order. */
  deviceKeys: DeviceKeyChange[];
  odometerCorrections: CorrectionMarker[];
  wrecked?: { insurerOrg: number; blockNumber: bigint };
  destroyed?: { recyclerOrg: number; blockNumber: bigint };
  /** Entries voided by a consortium vote, in chain order. */
  voidedEntries: VoidedEntry[];
  /** Set when a consortium vote voided the whole book (e.g. created by the wrong maker); status is then 'Voided'. */
  bookVoided?: { blockNumber: bigint };
  /** Consortium votes that gave the book to another maker (it was created by the wrong one). */
  reassignments: { previousOrg: number; manufacturerOrg: number; blockNumber: bigint }[];
  exists: boolean;
  status: BookStatusName;
  mileage: number;
  recordCount: number;
  manufacturerOrg: number;
  createdAt: number;
  owner?: Address;
  owners: OwnershipChange[];
  records: HistoryRecord[];
  onChainHead: Hex;
  /** Head of the telematics readings' hash chain at `atBlock`. */
  readingsHead: Hex;
  /** The records' chain against `onChainHead`, the index's consistency, then the readings' chain. */
  chain: ChainVerdict;
}

/** The hash-chain step, exactly as `CarBook._append` computes it. */
export function nextHead(
  previous: Hex,
  tokenId: bigint,
  r: Omit<HistoryRecord, 'head' | 'blockNumber' | 'transactionHash'>,
): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'bytes32' },
        { type: 'uint256' },
        { type: 'uint32' },
        { type: 'address' },
        { type: 'uint32' },
        { type: 'uint8' },
        { type: 'uint64' },
        { type: 'uint64' },
        { type: 'bytes32' },
        { type: 'bytes32' },
      ],
      [
        previous,
        tokenId,
        r.index,
        r.writer,
        r.writerOrg,
        RECORD_KINDS.indexOf(r.kind),
        BigInt(r.mileage),
        BigInt(r.timestamp),
        r.documentHash,
        keccak256(r.payload),
      ],
    ),
  );
}

/**
 * Recomputes the hash chain over the records an RPC node returned and compares it with the head stored on
 * chain: a record left out, reordered or altered by the node cannot produce the stored head.
 */
export function verifyChain(
  tokenId: bigint,
  records: HistoryRecord[],
  onChainHead: Hex,
  expectedCount: number,
): ChainVerdict {
  let head: Hex = zeroHash;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record.index !== i) {
      return record.index > i
        ? { ok: false, problem: 'missing', detail: `record #${i} is missing (next returned is #${record.index})` }
        : { ok: false, problem: 'reordered', detail: `record #${record.index} appears at position ${i}` };
    }
    head = nextHead(head, tokenId, record);
    if (head !== record.head) {
      return { ok: false, problem: 'altered', detail: `record #${i} does not match the head emitted with it` };
    }
  }
  if (records.length < expectedCount) {
    return {
      ok: false,
      problem: 'missing',
      detail: `${expectedCount - records.length} of ${expectedCount} records were not returned`,
    };
  }
  if (head !== onChainHead) {
    return { ok: false, problem: 'head-mismatch', detail: 'the records do not add up to the head stored on chain' };
  }
  return { ok: true };
}

/** CarBook events whose first indexed argument is the book (`topic1 = tokenId`), readings apart. */
const READING_EVENTS: readonly string[] = ['TelematicsReadingRecorded', 'TelematicsReadingAppended'];
const BOOK_TOPIC1_EVENTS = carBookAbi
  .filter(
    (item): item is Extract<(typeof carBookAbi)[number], { type: 'event' }> =>
      item.type === 'event' &&
      item.inputs[0]?.indexed === true &&
      item.inputs[0].name === 'tokenId' &&
      !READING_EVENTS.includes(item.name),
  )
  .map((item) => toEventSelector(item as AbiEvent));

function eventTopic(name: 'Transfer' | 'Approval'): Hex {
  const item = carBookAbi.find((entry) => entry.type === 'event' && entry.name === name);
  if (!item) throw new Error(`CarBook ABI has no event ${name}`);
  return toEventSelector(item as AbiEvent);
}

type ReadOptions = {
  /** Entries per index page (default 1,000). */
  pageSize?: bigint;
};

/**
 * Reads a book's state, owners and whole history through any RPC (the proxy in production) and verifies it. Cost:
 * one block number, one batch of views pinned to it (state, heads, the book's block lists, its readings' chain), one
 * batch of single-block eth_getLogs (one per listed block), one more small batch only for blocks that hold nothing
 * but a title transfer, and alongside, the readings' walk (`readReadingChain`: one single-block eth_getLogs per
 * block of a reading, at most eight rounds). Independent of the chain's age.
 */
export async function readBookHistory(
  client: PublicClient,
  carBook: Address,
  tokenId: bigint,
  options: ReadOptions = {},
): Promise<BookHistory> {
  // Pin every read to one block so state, lists and logs describe the same moment.
  const atBlock = await pinBlock(client);
  const at = { address: carBook, abi: carBookAbi, blockNumber: atBlock } as const;
  const readingChain = readReadingChain(client, carBook, tokenId, atBlock, { pageSize: options.pageSize });
  // Awaited below on every path; a rejection is not left unhandled meanwhile.
  readingChain.catch(() => undefined);
  const [book, onChainHead, owner, eventBlocks] = await Promise.all([
    client.readContract({ ...at, functionName: 'book', args: [tokenId] }),
    client.readContract({ ...at, functionName: 'historyHead', args: [tokenId] }),
    client.readContract({ ...at, functionName: 'ownerOf', args: [tokenId] }).catch(() => undefined),
    readIndex(
      (start, count) => client.readContract({ ...at, functionName: 'bookEventBlocks', args: [tokenId, start, count] }),
      options.pageSize,
    ),
  ]);
  const status = BOOK_STATUSES[book.status] ?? 'None';
  if (status === 'None') {
    return {
      tokenId,
      metadataURI: '',
      exists: false,
      status,
      mileage: 0,
      recordCount: 0,
      manufacturerOrg: 0,
      createdAt: 0,
      corrections: 0,
      owners: [],
      records: [],
      readings: [],
      skippedReadings: [],
      deviceKeys: [],
      odometerCorrections: [],
      voidedEntries: [],
      reassignments: [],
      onChainHead,
      readingsHead: (await readingChain).head,
      chain: { ok: true },
      atBlock,
    };
  }
  const problems: string[] = [];
  const events = checkedBlocks(eventBlocks, atBlock);
  if (events.problem) problems.push(events.problem);

  const tokenTopic = numberToHex(tokenId, { size: 32 });
  const bookLogs = await logsAtBlocks(client, carBook, [BOOK_TOPIC1_EVENTS, tokenTopic], events.blocks);
  // A block of the list with no event keyed by the book holds a title transfer (the token id is its third topic).
  const transferTopics = [[eventTopic('Transfer'), eventTopic('Approval')], null, null, tokenTopic];
  const quiet = events.blocks.filter((_, i) => bookLogs[i].length === 0);
  let transferLogs = (await logsAtBlocks(client, carBook, transferTopics, quiet)).flat();
  const transfersSeen = () => transferLogs.filter((log) => log.topics[0] === eventTopic('Transfer')).length;
  if (transfersSeen() < book.ownershipEpoch) {
    // A sale in the same block as another event of the book: ask the other listed blocks too (rare).
    const asked = new Set(quiet);
    const others = events.blocks.filter((block) => !asked.has(block));
    transferLogs = [...transferLogs, ...(await logsAtBlocks(client, carBook, transferTopics, others)).flat()];
  }
  const withTransfers = new Set(transferLogs.map((log) => log.blockNumber));
  const empty = quiet.find((block) => !withTransfers.has(block));
  if (empty !== undefined)
    problems.push(`the node returned no event of block ${empty}, which the book's index lists: it withheld events`);
  const decoded = parseEventLogs({ abi: carBookAbi, logs: [...bookLogs.flat(), ...transferLogs] }).sort(byChainOrder);
  const records: HistoryRecord[] = [];
  const odometerCorrections: CorrectionMarker[] = [];
  const deviceKeys: DeviceKeyChange[] = [];
  const owners: OwnershipChange[] = [];
  let created = false;
  let metadataURI = '';
  let wrecked: BookHistory['wrecked'];
  let destroyed: BookHistory['destroyed'];
  let bookVoided: BookHistory['bookVoided'];
  const reassignments: BookHistory['reassignments'] = [];
  for (const log of decoded) {
    switch (log.eventName) {
      case 'CarBookCreated':
        created = true;
        metadataURI = log.args.metadataURI;
        if (log.args.deviceKey !== zeroAddress) {
          deviceKeys.unshift({
            previousKey: zeroAddress,
            newKey: log.args.deviceKey,
            rotated: false,
            blockNumber: log.blockNumber,
            transactionHash: log.transactionHash,
          });
        }
        // The mint's Transfer shares the block with this event; its receiver is the first owner.
        owners.unshift({
          from: zeroAddress,
          to: log.args.firstOwner,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        });
        break;
      case 'RecordAppended':
        records.push({
          index: Number(log.args.index),
          writer: log.args.writer,
          writerOrg: Number(log.args.writerOrg),
          kind: RECORD_KINDS[Number(log.args.kind)] ?? 'None',
          mileage: Number(log.args.mileage),
          timestamp: Number(log.args.timestamp),
          documentHash: log.args.documentHash,
          payload: log.args.payload,
          head: log.args.head,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        });
        break;
      case 'OdometerCorrected':
        odometerCorrections.push({
          previousMileage: Number(log.args.previousMileage),
          correctedMileage: Number(log.args.correctedMileage),
          workshop: log.args.workshop,
          index: Number(log.args.index),
          blockNumber: log.blockNumber,
        });
        break;
      case 'DeviceKeyRotated':
        // Listed in the book's event index like any event keyed by the book: no scan of the chain's past.
        deviceKeys.push({
          previousKey: log.args.previousKey,
          newKey: log.args.newKey,
          rotated: true,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        });
        break;
      case 'BookWrecked':
        wrecked = { insurerOrg: Number(log.args.insurerOrg), blockNumber: log.blockNumber };
        break;
      case 'BookDestroyed':
        destroyed = { recyclerOrg: Number(log.args.recyclerOrg), blockNumber: log.blockNumber };
        break;
      case 'BookVoided':
        bookVoided = { blockNumber: log.blockNumber };
        break;
      case 'BookReassigned':
        reassignments.push({
          previousOrg: Number(log.args.previousOrg),
          manufacturerOrg: Number(log.args.manufacturerOrg),
          blockNumber: log.blockNumber,
        });
        break;
      case 'Transfer':
        if (log.args.tokenId === tokenId && log.args.from !== zeroAddress) {
          owners.push({
            from: log.args.from,
            to: log.args.to,
            blockNumber: log.blockNumber,
            transactionHash: log.transactionHash,
          });
        }
        break;
    }
  }
  if (!created) problems.push("the node did not return the book's creation event");
  const sales = owners.length - (created ? 1 : 0);
  if (sales !== book.ownershipEpoch)
    problems.push(`${book.ownershipEpoch} title transfers are recorded on chain, the node returned ${sales}`);

  const readings = await readingChain;
  const skippedReadings: SkippedReading[] = readings.skips.map(
    ({ reason, batchIndex, blockNumber, transactionHash }) => ({
      reason,
      batchIndex,
      blockNumber,
      transactionHash,
    }),
  );

  const recordsVerdict = verifyChain(tokenId, records, onChainHead, book.recordCount);
  const chain: ChainVerdict = !recordsVerdict.ok
    ? recordsVerdict
    : problems.length > 0
      ? { ok: false, problem: 'missing', detail: problems[0] }
      : readings.chain;
  return {
    tokenId,
    metadataURI,
    exists: true,
    status,
    mileage: Number(book.mileage),
    recordCount: book.recordCount,
    manufacturerOrg: book.manufacturerOrg,
    createdAt: Number(book.createdAt),
    corrections: Number(book.corrections),
    owner,
    owners,
    records,
    readings: readings.readings.map(({ mileage, timestamp, blockNumber, transactionHash }) => ({
      mileage,
      timestamp,
      blockNumber,
      transactionHash,
    })),
    legacyReadings: readings.readings.filter((reading) => reading.legacy).length,
    skippedReadings,
    deviceKeys,
    odometerCorrections,
    wrecked,
    destroyed,
    voidedEntries: voidedEntriesOf(records),
    bookVoided,
    reassignments,
    onChainHead,
    readingsHead: readings.head,
    chain,
    atBlock,
  };
}

/** The `EntryVoided` records of a history (their payload is `abi.encode(uint32 voidedIndex)`, in clear). */
function voidedEntriesOf(records: HistoryRecord[]): VoidedEntry[] {
  return records
    .filter((record) => record.kind === 'EntryVoided')
    .map((record) => {
      let voidedIndex = -1;
      try {
        voidedIndex = Number(decodeAbiParameters([{ type: 'uint32' }], record.payload)[0]);
      } catch {
        // A malformed payload cannot come from CarBook; the chain check reports an altered record.
      }
      return {
        voidedIndex,
        index: record.index,
        restoredMileage: record.mileage,
        timestamp: record.timestamp,
        documentHash: record.documentHash,
      };
    });
}

/** Car books `account` holds now, from the owner index (`CarBook.booksOf`) at one pinned block. */
export async function booksOwnedBy(
  client: PublicClient,
  carBook: Address,
  account: Address,
  options: ReadOptions = {},
): Promise<bigint[]> {
  const blockNumber = await pinBlock(client);
  return readIndex(
    (start, count) =>
      client.readContract({
        address: carBook,
        abi: carBookAbi,
        functionName: 'booksOf',
        args: [account, start, count],
        blockNumber,
      }),
    options.pageSize,
  );
}
