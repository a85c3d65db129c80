import type { Address, PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { BookStatus } from '../contracts/roles';
import { bookIdCandidates, vinCommitment, type VinCommitmentOptions, type VinCommitmentParams } from '../vin';

/**
 * The id of a VIN's car book: the WMI-bound id (`keccak256(wmi ‖ digest)`), or, for a car whose book was created
 * before the WMI binding, the legacy id (the digest). Computes the digest once (scrypt); reads both candidates at
 * one block. When neither exists, returns the current id (where a new book would be created).
 */
export async function bookIdForVin(
  client: PublicClient,
  carBook: Address,
  vin: string,
  params: VinCommitmentParams,
  options: VinCommitmentOptions = {},
): Promise<bigint> {
  const digest = await vinCommitment(vin, params, options);
  const { current, legacy } = bookIdCandidates(vin, digest);
  const blockNumber = await client.getBlockNumber();
  const [now, before] = await Promise.all(
    [current, legacy].map((tokenId) =>
      client.readContract({ address: carBook, abi: carBookAbi, functionName: 'book', args: [tokenId], blockNumber }),
    ),
  );
  if (now.status !== BookStatus.None) return current;
  return before.status !== BookStatus.None ? legacy : current;
}
