import {
  encodeAbiParameters,
  keccak256,
  numberToHex,
  pad,
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
import { BOOK_STATUSES, RECORD_KINDS, type BookStatusName, type RecordKindName } from '../contracts/roles';

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
}

export interface CorrectionMarker {
  previousMileage: number;
  correctedMileage: number;
  workshop: Address;
  /** Index of the correction record in the hash chain. */
  index: number;
  blockNumber: bigint;
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
  odometerCorrections: CorrectionMarker[];
  wrecked?: { insurerOrg: number; blockNumber: bigint };
  destroyed?: { recyclerOrg: number; blockNumber: bigint };
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

/** Block range of one eth_getLogs call: the proxy (like Besu's rpc-max-logs-range) refuses wider ones. */
export const DEFAULT_MAX_LOG_RANGE = 5_000n;

const BOOK_TOPIC1_EVENTS = [
  'CarBookCreated',
  'RecordAppended',
  'TelematicsReadingRecorded',
  'OdometerCorrected',
  'BookWrecked',
  'BookDestroyed',
] as const;

/**
 * eth_getLogs over [fromBlock, latest] in windows the proxy accepts, a few in flight at once, decoded with
 * the CarBook ABI. `topics` as in the JSON-RPC filter.
 */
export async function getLogsInWindows(
  client: PublicClient,
  address: Address,
  topics: (Hex | Hex[] | null)[],
  fromBlock: bigint,
  options: { maxRange?: bigint; toBlock?: bigint; concurrency?: number } = {},
): Promise<Log[]> {
  const maxRange = options.maxRange ?? DEFAULT_MAX_LOG_RANGE;
  const toBlock = options.toBlock ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const windows: [bigint, bigint][] = [];
  for (let start = fromBlock; start <= toBlock; start += maxRange) {
    windows.push([start, start + maxRange - 1n < toBlock ? start + maxRange - 1n : toBlock]);
  }
  const results = new Array<Log[]>(windows.length);
  let next = 0;
  const worker = async () => {
    while (next < windows.length) {
      const i = next++;
      const [from, to] = windows[i];
      results[i] = (await client.request({
        method: 'eth_getLogs',
        params: [{ address, topics, fromBlock: numberToHex(from), toBlock: numberToHex(to) }],
      })) as unknown as Log[];
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, windows.length) }, worker));
  return results.flat().map((log) => ({
    ...log,
    blockNumber: BigInt(log.blockNumber as unknown as Hex),
    logIndex: Number(log.logIndex as unknown as Hex),
  }));
}

function eventTopic(name: (typeof BOOK_TOPIC1_EVENTS)[number] | 'Transfer'): Hex {
  const item = carBookAbi.find((entry) => entry.type === 'event' && entry.name === name);
  if (!item) throw new Error(`CarBook ABI has no event ${name}`);
  return toEventSelector(item as AbiEvent);
}

/** Reads a book's state, owners and whole history through any RPC (the proxy in production) and verifies it. */
export async function readBookHistory(
  client: PublicClient,
  carBook: Address,
  tokenId: bigint,
  fromBlock: bigint,
  options: { maxLogRange?: bigint } = {},
): Promise<BookHistory> {
  // Pin every read to one block so state and logs describe the same moment.
  const atBlock = await client.getBlockNumber({ cacheTime: 0 });
  const [book, onChainHead] = await Promise.all([
    client.readContract({
      address: carBook,
      abi: carBookAbi,
      functionName: 'book',
      args: [tokenId],
      blockNumber: atBlock,
    }),
    client.readContract({
      address: carBook,
      abi: carBookAbi,
      functionName: 'historyHead',
      args: [tokenId],
      blockNumber: atBlock,
    }),
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
      odometerCorrections: [],
      onChainHead,
      chain: { ok: true },
      atBlock,
    };
  }
  const tokenTopic = numberToHex(tokenId, { size: 32 });
  const windowOptions = { maxRange: options.maxLogRange, toBlock: atBlock };
  const [bookLogs, transferLogs, owner] = await Promise.all([
    getLogsInWindows(client, carBook, [BOOK_TOPIC1_EVENTS.map(eventTopic), tokenTopic], fromBlock, windowOptions),
    getLogsInWindows(client, carBook, [eventTopic('Transfer'), null, null, tokenTopic], fromBlock, windowOptions),
    client
      .readContract({
        address: carBook,
        abi: carBookAbi,
        functionName: 'ownerOf',
        args: [tokenId],
        blockNumber: atBlock,
      })
      .catch(() => undefined),
  ]);
  const decoded = parseEventLogs({ abi: carBookAbi, logs: [...bookLogs, ...transferLogs] }).sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );

  const records: HistoryRecord[] = [];
  const readings: TelematicsReading[] = [];
  const odometerCorrections: CorrectionMarker[] = [];
  const owners: OwnershipChange[] = [];
  let metadataURI = '';
  let wrecked: BookHistory['wrecked'];
  let destroyed: BookHistory['destroyed'];
  for (const log of decoded) {
    switch (log.eventName) {
      case 'CarBookCreated':
        metadataURI = log.args.metadataURI;
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
      case 'TelematicsReadingRecorded':
        readings.push({
          mileage: Number(log.args.mileage),
          timestamp: Number(log.args.timestamp),
          blockNumber: log.blockNumber,
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
      case 'BookWrecked':
        wrecked = { insurerOrg: Number(log.args.insurerOrg), blockNumber: log.blockNumber };
        break;
      case 'BookDestroyed':
        destroyed = { recyclerOrg: Number(log.args.recyclerOrg), blockNumber: log.blockNumber };
        break;
      case 'Transfer':
        if (log.args.tokenId === tokenId) {
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
    readings,
    odometerCorrections,
    wrecked,
    destroyed,
    onChainHead,
    chain: verifyChain(tokenId, records, onChainHead, book.recordCount),
    atBlock,
  };
}

/** Car books currently owned by `account` (ERC-721 without enumeration: derived from Transfer events). */
export async function booksOwnedBy(
  client: PublicClient,
  carBook: Address,
  account: Address,
  fromBlock: bigint,
  options: { maxLogRange?: bigint } = {},
): Promise<bigint[]> {
  const accountTopic = pad(account.toLowerCase() as Hex, { size: 32 });
  const logs = await getLogsInWindows(client, carBook, [eventTopic('Transfer'), null, accountTopic], fromBlock, {
    maxRange: options.maxLogRange,
  });
  const received = parseEventLogs({ abi: carBookAbi, eventName: 'Transfer', logs });
  const candidates = [...new Set(received.map((log) => log.args.tokenId))];
  const owners = await Promise.all(
    candidates.map((tokenId) =>
      client
        .readContract({ address: carBook, abi: carBookAbi, functionName: 'ownerOf', args: [tokenId] })
        .catch(() => undefined),
    ),
  );
  return candidates.filter((_, i) => owners[i]?.toLowerCase() === account.toLowerCase());
}
