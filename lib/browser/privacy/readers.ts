/**
 * Who reads a book now, from chain state and events (pinned to one block): the owner's registered reading
 * key, the maker organisation's key, the keys of workshops whose grant is valid (with its expiry), the
 * covering insurer organisation's key, and the share links the current owner made and did not revoke.
 * This is the reader set `planEpoch` takes.
 */
import { type Address, type Hex, type PublicClient } from 'viem';
import { carBookAbi, insuranceAbi, keyRegistryAbi } from '../contracts/generated';
import { readIndex } from '../history/indexed';
import { fromHex, isLowOrderPublicKey, type ReaderEntry } from '../crypto';
import { type PrivacyConfig } from './chain';

export type ReaderKind = 'owner' | 'maker' | 'workshop' | 'insurer' | 'share';

export type BookReader = ReaderEntry & { kind: ReaderKind; account?: Address; orgId?: number; publicKeyHex: Hex };

export type BookReaders = {
  atBlock: bigint;
  /** Chain time of `atBlock` (unix seconds): the `now` of rotation decisions. */
  now: number;
  owner: Address;
  ownershipEpoch: number;
  readers: BookReader[];
  /**
   * Readers by right who have no usable key on chain (none yet, or a low-order point registered before the registry
   * refused them): they cannot be wrapped for until they register one.
   */
  withoutKey: { kind: ReaderKind; account?: Address; orgId?: number }[];
};

const ZERO_KEY = `0x${'0'.repeat(64)}`;

export async function readersOf(
  publicClient: PublicClient,
  config: PrivacyConfig,
  tokenId: bigint,
  atBlock?: bigint,
): Promise<BookReaders> {
  const blockNumber = atBlock ?? (await publicClient.getBlockNumber({ cacheTime: 0 }));
  const at = { blockNumber };
  const { carBook, insurance, keyRegistry } = config.contracts;
  const [block, book, owner, cover, granted, shares] = await Promise.all([
    publicClient.getBlock(at),
    publicClient.readContract({ address: carBook, abi: carBookAbi, functionName: 'book', args: [tokenId], ...at }),
    publicClient.readContract({ address: carBook, abi: carBookAbi, functionName: 'ownerOf', args: [tokenId], ...at }),
    publicClient.readContract({
      address: insurance,
      abi: insuranceAbi,
      functionName: 'activeInsurer',
      args: [tokenId],
      ...at,
    }),
    grantees(publicClient, config, tokenId, blockNumber),
    readIndex((start, count) =>
      publicClient.readContract({
        address: keyRegistry,
        abi: keyRegistryAbi,
        functionName: 'shareKeysOf',
        args: [tokenId, start, count],
        ...at,
      }),
    ),
  ]);
  const readers: BookReader[] = [];
  const withoutKey: BookReaders['withoutKey'] = [];
  const personKey = (account: Address) =>
    publicClient.readContract({
      address: keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'readingKeyOf',
      args: [account],
      ...at,
    });
  const orgKey = (orgId: number) =>
    publicClient.readContract({
      address: keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'orgKeyOf',
      args: [orgId],
      ...at,
    });
  const add = (key: Hex, entry: Omit<BookReader, 'publicKey' | 'publicKeyHex'>) => {
    // A low-order key would make every wrap for it fail, and with it the writer's whole record: skip it.
    if (key === ZERO_KEY || isLowOrderPublicKey(fromHex(key, 32)))
      withoutKey.push({ kind: entry.kind, account: entry.account, orgId: entry.orgId });
    else readers.push({ ...entry, publicKey: fromHex(key, 32), publicKeyHex: key });
  };

  add((await personKey(owner)).publicKey, { kind: 'owner', account: owner });
  add((await orgKey(book.manufacturerOrg)).publicKey, { kind: 'maker', orgId: book.manufacturerOrg });
  const [covered, insurerOrg] = cover;
  if (covered) add((await orgKey(insurerOrg)).publicKey, { kind: 'insurer', orgId: insurerOrg });
  for (const grantee of granted) {
    const [grant, valid] = await publicClient.readContract({
      address: carBook,
      abi: carBookAbi,
      functionName: 'grantOf',
      args: [tokenId, grantee],
      ...at,
    });
    if (valid)
      add((await personKey(grantee)).publicKey, { kind: 'workshop', account: grantee, expiresAt: grant.expiresAt });
  }
  for (const shareKey of new Set(shares)) {
    const live = await publicClient.readContract({
      address: keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'isShareKeyLive',
      args: [tokenId, shareKey],
      ...at,
    });
    if (live) add(shareKey, { kind: 'share' });
  }
  return {
    atBlock: blockNumber,
    now: Number(block.timestamp),
    owner,
    ownershipEpoch: book.ownershipEpoch,
    readers,
    withoutKey,
  };
}

/** The accounts the current owner granted and did not revoke (`CarBook.granteesOf`); validity is checked by the caller. */
function grantees(publicClient: PublicClient, config: PrivacyConfig, tokenId: bigint, blockNumber: bigint) {
  return readIndex((start, count) =>
    publicClient.readContract({
      address: config.contracts.carBook,
      abi: carBookAbi,
      functionName: 'granteesOf',
      args: [tokenId, start, count],
      blockNumber,
    }),
  );
}
