/**
 * What every read takes besides the client: the consortium's addresses. The dApp's runtime configuration fits as
 * is. How a read finds its data stays inside the read: contract state and the registries' read indexes
 * (contracts/README.md "Read indexes"), never a scan of a block range, so no read needs to know where the chain's
 * history starts.
 */
import type { Address, PublicClient } from 'viem';
import { pinBlock, readIndex } from '../history/indexed';

export type ReadConfig = {
  contracts: {
    consortium: Address;
    carBook: Address;
    insurance: Address;
    documentAnchor: Address;
    keyRegistry?: Address;
  };
};

/** The key registry's address; reads of private-record state need it. */
export function keyRegistryOf(config: ReadConfig): Address {
  const registry = config.contracts.keyRegistry;
  if (!registry)
    throw new Error(
      'This consortium has no key registry configured (contracts.keyRegistry): private records are unavailable',
    );
  return registry;
}

export const unique = <T>(values: readonly T[]) => [...new Set(values)];

/**
 * Every entry of a paged index view, read at one pinned block (`view(start, count, blockNumber)`), with that block:
 * the follow-up state reads of a page use it too, so a list and its details describe the same moment.
 */
export async function readIndexAt<T>(
  client: PublicClient,
  view: (start: bigint, count: bigint, blockNumber: bigint) => Promise<readonly [readonly T[], bigint]>,
): Promise<{ entries: T[]; blockNumber: bigint }> {
  const blockNumber = await pinBlock(client);
  const entries = await readIndex((start, count) => view(start, count, blockNumber));
  return { entries, blockNumber };
}
