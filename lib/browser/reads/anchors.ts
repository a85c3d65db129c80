/** Document anchors: whether, when and by whom a document hash was anchored by an archiving service. */
import type { Address, Hex, PublicClient } from 'viem';
import { documentAnchorAbi } from '../contracts/generated';
import type { ReadConfig } from './config';
import type { ChainReads } from './lists';

export type Anchor = { orgId: number; anchoredAt: number; anchoredBy: Address };

/** The anchor of `documentHash`, or null when it was never anchored (null, not undefined: react-query needs data). */
export async function anchorOf(client: PublicClient, config: ReadConfig, documentHash: Hex): Promise<Anchor | null> {
  const anchor = await client.readContract({
    address: config.contracts.documentAnchor,
    abi: documentAnchorAbi,
    functionName: 'anchorOf',
    args: [documentHash],
  });
  return anchor.orgId === 0
    ? null
    : { orgId: anchor.orgId, anchoredAt: Number(anchor.anchoredAt), anchoredBy: anchor.anchoredBy };
}

/** A document's anchor on whichever chain holds it, with that chain; `unread` names the chains that failed. */
export type AnchorOnChains = { anchor: (Anchor & { shard: number }) | null; unread: number[] };

/**
 * The anchor of `documentHash` on every chain of `chains` (one call a chain, all at once): anchors are not about one
 * book, so a document may be anchored on any shard (the seed and the garage anchor a book's invoice on the book's
 * chain; the archive page on the chain its hash falls on, `anchorShardOf`). The first chain in configuration order
 * holding it wins; a chain that cannot be read is named in `unread`, never taken for "not anchored"; when none can
 * be read the lookup fails with the first error.
 */
export async function anchorOnChains(chains: readonly ChainReads[], documentHash: Hex): Promise<AnchorOnChains> {
  const found = await Promise.all(
    chains.map(({ shard, client, config }) =>
      anchorOf(client, config, documentHash).then(
        (anchor) => ({ shard, anchor, failed: false, error: undefined as unknown }),
        (error: unknown) => ({ shard, anchor: null, failed: true, error }),
      ),
    ),
  );
  // No chain answered: the lookup failed as a whole (one sentence about the node, as for any read).
  const failures = found.filter((chain) => chain.failed);
  if (failures.length > 0 && failures.length === found.length) throw failures[0].error;
  const hit = found.find((chain) => chain.anchor !== null);
  return {
    anchor: hit?.anchor ? { ...hit.anchor, shard: hit.shard } : null,
    unread: found.filter((chain) => chain.failed).map((chain) => chain.shard),
  };
}

/** The chain a new anchor from the archive page goes to: the document's hash modulo the number of chains. */
export function anchorShardOf(documentHash: Hex, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error('A consortium runs at least one chain.');
  return Number(BigInt(documentHash) % BigInt(shardCount));
}
