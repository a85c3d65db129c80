/** Workshop grants: who may write to a book now, and what one account may do on it. */
import type { Address, PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { readIndexAt, unique, type ReadConfig } from './config';

export type Grant = { grantee: Address; expiresAt: number };

/** Current (valid) workshop grants of a book, soonest expiry first: `CarBook.granteesOf`, each checked with `grantOf`. */
export async function grantsOf(client: PublicClient, config: ReadConfig, tokenId: bigint): Promise<Grant[]> {
  const carBook = { address: config.contracts.carBook, abi: carBookAbi } as const;
  const { entries, blockNumber } = await readIndexAt(client, (start, count, blockNumber) =>
    client.readContract({ ...carBook, functionName: 'granteesOf', args: [tokenId, start, count], blockNumber }),
  );
  const grantees = unique(entries);
  const grants = await Promise.all(
    grantees.map((grantee) =>
      client.readContract({ ...carBook, functionName: 'grantOf', args: [tokenId, grantee], blockNumber }),
    ),
  );
  return grantees
    .map((grantee, i) => ({ grantee, expiresAt: Number(grants[i][0].expiresAt), valid: grants[i][1] }))
    .filter((grant) => grant.valid)
    .sort((a, b) => a.expiresAt - b.expiresAt)
    .map(({ grantee, expiresAt }) => ({ grantee, expiresAt }));
}

export type Access = { expiresAt: number; grantValid: boolean; canWrite: boolean };

/** What `account` may do on a book now: its own grant (if any) and whether it may write at all. */
export async function accessOf(
  client: PublicClient,
  config: ReadConfig,
  tokenId: bigint,
  account: Address,
): Promise<Access> {
  const carBook = { address: config.contracts.carBook, abi: carBookAbi } as const;
  const [[grant, valid], canWrite] = await Promise.all([
    client.readContract({ ...carBook, functionName: 'grantOf', args: [tokenId, account] }),
    client.readContract({ ...carBook, functionName: 'canWrite', args: [tokenId, account] }),
  ]);
  return { expiresAt: Number(grant.expiresAt), grantValid: valid, canWrite };
}
