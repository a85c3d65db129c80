import { zeroAddress, type Hex, type PublicClient } from 'viem';
import { describe, expect, it } from 'vitest';
import { anchorOnChains, anchorShardOf } from './anchors';
import type { ReadConfig } from './config';

const config = { contracts: { documentAnchor: zeroAddress } } as unknown as ReadConfig;
const by = '0x00000000000000000000000000000000000000a1' as const;
/** A chain whose DocumentAnchor holds `orgId`'s anchor of every hash (0: none), or that cannot be reached. */
const chain = (shard: number, orgId: number | 'down') => ({
  shard,
  config,
  client: {
    readContract: async () => {
      if (orgId === 'down') throw new Error('HTTP request failed');
      return { orgId, anchoredAt: orgId === 0 ? 0n : 1_700_000_000n, anchoredBy: orgId === 0 ? zeroAddress : by };
    },
  } as unknown as PublicClient,
});
const hash: Hex = `0x${'11'.repeat(32)}`;

describe('anchorOnChains: a document anchored on any chain', () => {
  it('finds an anchor on the second chain and says which', async () => {
    expect(await anchorOnChains([chain(0, 0), chain(1, 7)], hash)).toEqual({
      anchor: { orgId: 7, anchoredAt: 1_700_000_000, anchoredBy: by, shard: 1 },
      unread: [],
    });
  });

  it('never takes a chain it could not read for "not anchored"', async () => {
    expect(await anchorOnChains([chain(0, 0), chain(1, 'down')], hash)).toEqual({ anchor: null, unread: [1] });
    await expect(anchorOnChains([chain(0, 'down'), chain(1, 'down')], hash)).rejects.toThrow('HTTP request failed');
    expect(await anchorOnChains([chain(0, 'down'), chain(1, 3)], hash)).toMatchObject({
      anchor: { shard: 1 },
      unread: [0],
    });
  });

  it('sends a new anchor to the chain its hash falls on', () => {
    expect(anchorShardOf(hash, 1)).toBe(0);
    expect(anchorShardOf(hash, 2)).toBe(1);
    expect(anchorShardOf(`0x${'00'.repeat(31)}04`, 3)).toBe(1);
  });
});
