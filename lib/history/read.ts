import { encodeAbiParameters, keccak256, zeroHash, type Address, type Hex, type PublicClient } from 'viem';
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
  | { ok: true }
  | { ok: false; problem: 'missing' | 'reordered' | 'altered' | 'head-mismatch'; detail: string };

export interface BookHistory {
  tokenId: bigint;
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
export function nextHead(previous: Hex, tokenId: bigint, r: Omit<HistoryRecord, 'head' | 'blockNumber' | 'transactionHash'>): Hex {
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
export function verifyChain(tokenId: bigint, records: HistoryRecord[], onChainHead: Hex, expectedCount: number): ChainVerdict {
  let head: Hex = zeroHash;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
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
    return { ok: false, problem: 'missing', detail: `${expectedCount - records.length} of ${expectedCount} records were not returned` };
  }
  if (head !== onChainHead) {
    return { ok: false, problem: 'head-mismatch', detail: 'the records do not add up to the head stored on chain' };
  }
  return { ok: true };
}

/** Reads a book's state, owners and records through any RPC (the proxy in production) and verifies them. */
export async function readBookHistory(
  client: PublicClient,
  carBook: Address,
  tokenId: bigint,
  fromBlock: bigint,
): Promise<BookHistory> {
  const [book, onChainHead] = await Promise.all([
    client.readContract({ address: carBook, abi: carBookAbi, functionName: 'book', args: [tokenId] }),
    client.readContract({ address: carBook, abi: carBookAbi, functionName: 'historyHead', args: [tokenId] }),
  ]);
  const status = BOOK_STATUSES[book.status] ?? 'None';
  if (status === 'None') {
    return {
      tokenId, exists: false, status, mileage: 0, recordCount: 0, manufacturerOrg: 0, createdAt: 0,
      owners: [], records: [], onChainHead, chain: { ok: true },
    };
  }
  const [recordLogs, transferLogs, owner] = await Promise.all([
    client.getContractEvents({ address: carBook, abi: carBookAbi, eventName: 'RecordAppended', args: { tokenId }, fromBlock, toBlock: 'latest' }),
    client.getContractEvents({ address: carBook, abi: carBookAbi, eventName: 'Transfer', args: { tokenId }, fromBlock, toBlock: 'latest' }),
    client.readContract({ address: carBook, abi: carBookAbi, functionName: 'ownerOf', args: [tokenId] }).catch(() => undefined),
  ]);
  const records: HistoryRecord[] = recordLogs.map((log) => ({
    index: Number(log.args.index),
    writer: log.args.writer!,
    writerOrg: Number(log.args.writerOrg),
    kind: RECORD_KINDS[Number(log.args.kind)] ?? 'None',
    mileage: Number(log.args.mileage),
    timestamp: Number(log.args.timestamp),
    documentHash: log.args.documentHash!,
    payload: log.args.payload!,
    head: log.args.head!,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  }));
  const owners: OwnershipChange[] = transferLogs.map((log) => ({
    from: log.args.from!,
    to: log.args.to!,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  }));
  return {
    tokenId,
    exists: true,
    status,
    mileage: Number(book.mileage),
    recordCount: book.recordCount,
    manufacturerOrg: book.manufacturerOrg,
    createdAt: Number(book.createdAt),
    owner,
    owners,
    records,
    onChainHead,
    chain: verifyChain(tokenId, records, onChainHead, book.recordCount),
  };
}

/** Car books currently owned by `account` (ERC-721 without enumeration: derived from Transfer events). */
export async function booksOwnedBy(client: PublicClient, carBook: Address, account: Address, fromBlock: bigint): Promise<bigint[]> {
  const received = await client.getContractEvents({
    address: carBook, abi: carBookAbi, eventName: 'Transfer', args: { to: account }, fromBlock, toBlock: 'latest',
  });
  const candidates = [...new Set(received.map((log) => log.args.tokenId!))];
  const owners = await Promise.all(
    candidates.map((tokenId) =>
      client.readContract({ address: carBook, abi: carBookAbi, functionName: 'ownerOf', args: [tokenId] }).catch(() => undefined),
    ),
  );
  return candidates.filter((_, i) => owners[i]?.toLowerCase() === account.toLowerCase());
}
