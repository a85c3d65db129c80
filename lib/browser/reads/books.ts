/** Car books: the ones an account holds (an owner's garage, an insurer's held wrecks), a book's history and summary. */
import type { Address, PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { BOOK_STATUSES } from '../contracts/roles';
import { booksOwnedBy, readBookHistory, type BookHistory } from '../history/read';
import { fromBlockOf, readEvents, type ReadConfig } from './config';

/** Books `owner` holds now (an owner's cars, the wrecks an insurer or a recycler holds). */
export function booksOf(client: PublicClient, config: ReadConfig, owner: Address): Promise<bigint[]> {
  return booksOwnedBy(client, config.contracts.carBook, owner, fromBlockOf(config), {
    maxLogRange: config.maxLogRange,
  });
}

/** A book's verified history; the creation event (model data) comes with the history's single log scan. */
export async function bookHistory(
  client: PublicClient,
  config: ReadConfig,
  tokenId: bigint,
): Promise<{ history: BookHistory; metadataURI: string }> {
  const history = await readBookHistory(client, config.contracts.carBook, tokenId, fromBlockOf(config), {
    maxLogRange: config.maxLogRange,
  });
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

/** A book's hot state, owner and model, for lists (the insurer's, the expert's, the recycler's). */
export async function bookSummary(client: PublicClient, config: ReadConfig, tokenId: bigint): Promise<BookSummary> {
  const carBook = { address: config.contracts.carBook, abi: carBookAbi } as const;
  const [book, owner, created] = await Promise.all([
    client.readContract({ ...carBook, functionName: 'book', args: [tokenId] }),
    client.readContract({ ...carBook, functionName: 'ownerOf', args: [tokenId] }).catch(() => undefined),
    readEvents(client, config, config.contracts.carBook, carBookAbi, 'CarBookCreated', { tokenId }),
  ]);
  return {
    status: BOOK_STATUSES[book.status] ?? 'None',
    mileage: Number(book.mileage),
    recordCount: book.recordCount,
    wreckInsurerOrg: book.wreckInsurerOrg,
    owner,
    metadataURI: created[0]?.args.metadataURI ?? '',
  };
}
