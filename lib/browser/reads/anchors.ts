/** Document anchors: whether, when and by whom a document hash was anchored by an archiving service. */
import type { Address, Hex, PublicClient } from 'viem';
import { documentAnchorAbi } from '../contracts/generated';
import type { ReadConfig } from './config';

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
