import type { Address, PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { BookStatus } from '../contracts/roles';
import { bookIdCandidates, vinCommitment, type VinCommitmentOptions, type VinCommitmentParams } from '../vin';

/** Where a book id is read: its chain's client and CarBook (with several shards, each id has its own chain). */
export type BookLocator = (tokenId: bigint) => { client: PublicClient; carBook: Address };

/**
 * The id of a VIN's car book: the WMI-bound id (`keccak256(wmi ‖ digest)`), or, for a car whose book was created
 * before the WMI binding, the legacy id (the digest). Computes the digest once (scrypt); reads each candidate on the
 * chain that holds it (a `BookLocator`, `bookLocator` in lib/browser/chain/shards.ts), both at one block when one
 * client is given. When neither exists, returns the current id (where a new book would be created).
 */
export async function bookIdForVin(
  client: PublicClient | BookLocator,
  carBook: Address | undefined,
  vin: string,
  params: VinCommitmentParams,
  options: VinCommitmentOptions = {},
): Promise<bigint> {
  const locate: BookLocator = typeof client === 'function' ? client : () => ({ client, carBook: carBook as Address });
  const digest = await vinCommitment(vin, params, options);
  const { current, legacy } = bookIdCandidates(vin, digest);
  // One chain: both candidates at one block. Several: each on its own chain, at that chain's head.
  const blockNumber = typeof client === 'function' ? undefined : await client.getBlockNumber();
  const [now, before] = await Promise.all(
    [current, legacy].map((tokenId) => {
      const at = locate(tokenId);
      const read = { address: at.carBook, abi: carBookAbi, functionName: 'book', args: [tokenId] } as const;
      return at.client.readContract(blockNumber === undefined ? read : { ...read, blockNumber });
    }),
  );
  if (now.status !== BookStatus.None) return current;
  return before.status !== BookStatus.None ? legacy : current;
}
