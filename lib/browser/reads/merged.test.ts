import type { PublicClient } from 'viem';
import { describe, expect, it, vi } from 'vitest';
import { mergedNewestFirstPage, placePage, type ChainIndex } from './merged';

/**
 * A fake chain whose list is `length` entries, entry i (append order) being `shard * 1e9 + i`; it counts its calls
 * and can fail at the total or at the slice.
 */
function chain(
  shard: number,
  length: number,
  fail?: 'total' | 'slice' | 'block',
): ChainIndex<string> & { calls: number } {
  const fake = {
    shard,
    calls: 0,
    client: {
      getBlockNumber: async () => {
        fake.calls++;
        if (fail === 'block') throw new Error('connection refused');
        return 7n;
      },
    } as unknown as PublicClient,
    view: async (start: bigint, count: bigint, blockNumber: bigint) => {
      fake.calls++;
      expect(blockNumber).toBe(7n);
      if (fail === 'total' || (fail === 'slice' && count > 0n)) throw new Error('HTTP request failed');
      const ids: bigint[] = [];
      for (let i = Number(start); i < Math.min(length, Number(start + count)); i++) ids.push(BigInt(shard * 1e9 + i));
      return [ids, BigInt(length)] as const;
    },
    load: async (ids: bigint[]) => ids.map((id) => `${shard}:${Number(id) % 1e9}`),
  };
  return fake;
}

const entries = (page: { items: { shard: number; entry: string }[] }) => page.items.map((item) => item.entry);

describe('placePage: a global page mapped onto per-chain slices', () => {
  it('interleaves the chains rank by rank, a chain dropping out when its list is exhausted', () => {
    // Chain 0 has 3 entries, chain 1 has 1, chain 2 has 2: order 0r0 1r0 2r0 0r1 2r1 0r2.
    expect(placePage([3, 1, 2], 0, 4)).toEqual([
      { from: 0, to: 2 },
      { from: 0, to: 1 },
      { from: 0, to: 1 },
    ]);
    expect(placePage([3, 1, 2], 1, 4)).toEqual([
      { from: 2, to: 3 },
      { from: 1, to: 1 },
      { from: 1, to: 2 },
    ]);
  });

  it('refuses an empty page size', () => {
    expect(() => placePage([1], 0, 0)).toThrow('A page holds at least one entry.');
  });
});

describe('mergedNewestFirstPage: one page of lists that span chains', () => {
  it('shows each chain newest first, chains interleaved, on pages that straddle chains', async () => {
    const chains = [chain(0, 5), chain(1, 2)];
    const pages = await Promise.all([0, 1, 2].map((page) => mergedNewestFirstPage(chains, page, 3)));
    expect(pages.map(entries)).toEqual([['0:4', '1:1', '0:3'], ['1:0', '0:2', '0:1'], ['0:0']]);
    expect(pages.map((p) => [p.total, p.page, p.pages, p.unread])).toEqual([
      [7, 0, 3, []],
      [7, 1, 3, []],
      [7, 2, 3, []],
    ]);
    // Every entry once, each tagged with its own chain.
    const all = pages.flatMap((p) => p.items);
    expect(new Set(all.map((item) => item.entry)).size).toBe(7);
    expect(all.every((item) => item.entry.startsWith(`${item.shard}:`))).toBe(true);
  });

  it('costs each chain at most three calls a page, whatever the lists’ lengths', async () => {
    const long = chain(0, 1_000_000);
    const short = chain(1, 3);
    const page = await mergedNewestFirstPage([long, short], 400, 8);
    expect(page.items).toHaveLength(8);
    // Page 400 starts at position 3,200: ranks 0-2 of both chains, then chain 0 alone from rank 3.
    expect(entries(page)[0]).toBe(`0:${1_000_000 - 1 - 3_197}`);
    expect([long.calls, short.calls]).toEqual([3, 2]);
  });

  it('skips an empty chain, and clamps a page past the end to the last one', async () => {
    const page = await mergedNewestFirstPage([chain(0, 0), chain(1, 3), chain(2, 0)], 9, 2);
    expect(page).toMatchObject({ total: 3, page: 1, pages: 2, unread: [] });
    expect(entries(page)).toEqual(['1:0']);
    expect(await mergedNewestFirstPage([chain(0, 0), chain(1, 0)], 0, 2)).toEqual({
      items: [],
      total: 0,
      page: 0,
      pages: 1,
      unread: [],
    });
  });

  it('names a chain that cannot be read and still shows the others', async () => {
    for (const fail of ['block', 'total', 'slice'] as const) {
      const page = await mergedNewestFirstPage([chain(0, 2), chain(1, 2, fail)], 0, 4);
      expect(page.unread).toEqual([1]);
      expect(entries(page)).toEqual(['0:1', '0:0']);
    }
    // No chain answered: the read fails as a whole, with the first error (one sentence about the node).
    await expect(mergedNewestFirstPage([chain(0, 2, 'total'), chain(1, 2, 'block')], 0, 4)).rejects.toThrow(
      'HTTP request failed',
    );
    await expect(mergedNewestFirstPage([chain(0, 2, 'slice')], 0, 4)).rejects.toThrow('HTTP request failed');
  });

  it('is the chain’s own newest-first page when there is one chain', async () => {
    const load = vi.fn(async (ids: bigint[]) => ids.map(String));
    const page = await mergedNewestFirstPage([{ ...chain(0, 5), load }], 1, 2);
    expect(page.items.map((item) => item.entry)).toEqual(['2', '1']);
    expect(load).toHaveBeenCalledWith([2n, 1n], 7n);
  });
});
