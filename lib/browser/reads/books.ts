/** Car books: the ones an account holds (an owner's garage, an insurer's held wrecks), a book's history and summary. */
import { numberToHex, parseEventLogs, toEventSelector, type AbiEvent, type Address, type PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { BOOK_STATUSES } from '../contracts/roles';
import { booksOwnedBy, readBookHistory, type BookHistory } from '../history/read';
import { logsAtBlocks, pinBlock } from '../history/indexed';
import type { ReadConfig } from './config';

/** Books `owner` holds now (an owner's cars, the wrecks an insurer or a recycler holds): `CarBook.booksOf`. */
export function booksOf(client: PublicClient, config: ReadConfig, owner: Address): Promise<bigint[]> {
  return booksOwnedBy(client, config.contracts.carBook, owner);
}

/** A book's verified history; the creation event (model data) comes with the history's logs. */
export async function bookHistory(
  client: PublicClient,
  config: ReadConfig,
  tokenId: bigint,
): Promise<{ history: BookHistory; metadataURI: string }> {
  const history = await readBookHistory(client, config.contracts.carBook, tokenId);
  return { history, metadataURI: history.metadataURI };
}

export type BookSummary = {
  status: (typeof BOOK_STATUSES)[number] | 'None';
  mileage: number;
  recordCount: number;
  wreckInsurerOrg: number;
  /** Undefined when the token no longer exists (or never did). */
  owner: Address | undefined;
  metadataURI: string;
};

const created = carBookAbi.find((e) => e.type === 'event' && e.name === 'CarBookCreated') as AbiEvent;

/**
 * A book's hot state, owner and model, for lists (the insurer's, the expert's, the recycler's): three views at one
 * block, then the creation event from the first block of the book's index (a single-block eth_getLogs).
 */
export async function bookSummary(client: PublicClient, config: ReadConfig, tokenId: bigint): Promise<BookSummary> {
  const blockNumber = await pinBlock(client);
  const carBook = { address: config.contracts.carBook, abi: carBookAbi, blockNumber } as const;
  const [book, owner, [firstBlocks]] = await Promise.all([
    client.readContract({ ...carBook, functionName: 'book', args: [tokenId] }),
    client.readContract({ ...carBook, functionName: 'ownerOf', args: [tokenId] }).catch(() => undefined),
    client.readContract({ ...carBook, functionName: 'bookEventBlocks', args: [tokenId, 0n, 1n] }),
  ]);
  const [logs = []] = await logsAtBlocks(
    client,
    config.contracts.carBook,
    [toEventSelector(created), numberToHex(tokenId, { size: 32 })],
    firstBlocks.slice(0, 1),
  );
  const creation = parseEventLogs({ abi: carBookAbi, eventName: 'CarBookCreated', logs });
  return {
    status: BOOK_STATUSES[book.status] ?? 'None',
    mileage: Number(book.mileage),
    recordCount: book.recordCount,
    wreckInsurerOrg: book.wreckInsurerOrg,
    owner,
    metadataURI: creation[0]?.args.metadataURI ?? '',
  };
}
