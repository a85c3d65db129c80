import { describe, expect, it } from 'vitest';
import { mergeInsurerDesks, type ClaimView } from './insurance';

const claim = (claimId: bigint, tokenId: bigint, openedAt: number) => ({ claimId, tokenId, openedAt }) as ClaimView;
const holder = '0x00000000000000000000000000000000000000a1' as const;

describe('mergeInsurerDesks: one desk for an insurer whose cars live on several chains', () => {
  it('keeps every request and cover of each chain, and orders claims by opening time, not by per-chain id', () => {
    const first = {
      pending: [{ tokenId: 2n, holder }],
      covered: [{ tokenId: 4n, holder, since: 100 }],
      claims: [claim(2n, 4n, 300), claim(1n, 4n, 100)],
    };
    const second = { pending: [], covered: [{ tokenId: 3n, holder, since: 200 }], claims: [claim(1n, 3n, 200)] };
    const desk = mergeInsurerDesks([first, second]);
    expect(desk.pending.map((p) => p.tokenId)).toEqual([2n]);
    expect(desk.covered.map((c) => c.tokenId)).toEqual([4n, 3n]);
    // Claim #1 exists on both chains: both are kept, newest first.
    expect(desk.claims.map((c) => [c.tokenId, c.claimId])).toEqual([
      [4n, 2n],
      [3n, 1n],
      [4n, 1n],
    ]);
  });

  it("is the chain's own desk when there is one chain", () => {
    const only = { pending: [], covered: [], claims: [claim(1n, 5n, 10)] };
    expect(mergeInsurerDesks([only])).toEqual(only);
  });
});
