/** The cross-shard comparison on plain data (the consortium page and `npm run consortium:check` both use it). */
import { describe, expect, it } from 'vitest';
import { keccak256, toHex } from 'viem';
import { PARAMETERS } from '../contracts/roles';
import { compareShards, describeDivergence, PARAMETER_NAMES, type ShardState } from './shard-state';

const shard = (chainId: number, shardIndex: number, change: Partial<ShardState> = {}): ShardState => ({
  chainId,
  shardIndex,
  shardCount: 2,
  members: { '1': 'Volta Motors, Manufacturer, 0xA, active', '2': 'Assura Insurance, Insurer, 0xB, active' },
  staff: { '1': '0xC DEALER', '2': 'none' },
  parameters: { 'carbook.maxKmPerDay': '3000', 'vin.scryptN': '16384' },
  wmiHolders: { VF1: '1' },
  openProposals: 0,
  ...change,
});

describe('compareShards', () => {
  it('finds nothing when the chains agree and hold complementary shard rules', () => {
    expect(compareShards([shard(31337, 0), shard(31338, 1, { openProposals: 2 })])).toEqual([]);
  });

  it('names a parameter that differs, with each chain and its value', () => {
    const divergences = compareShards([
      shard(31337, 0),
      shard(31338, 1, { parameters: { 'carbook.maxKmPerDay': '5000', 'vin.scryptN': '16384' } }),
    ]);
    expect(divergences.map(describeDivergence)).toEqual([
      'parameter carbook.maxKmPerDay: 3000 on chain 31337, 5000 on chain 31338.',
    ]);
  });

  it('names a member, staff or WMI holder present on one chain only', () => {
    const divergences = compareShards([
      shard(31337, 0),
      shard(31338, 1, {
        members: { '1': 'Volta Motors, Manufacturer, 0xA, active', '2': 'Assura Insurance, Insurer, 0xB, removed' },
        staff: { '1': 'none', '2': 'none' },
        wmiHolders: {},
      }),
    ]);
    expect(divergences.map(describeDivergence)).toEqual([
      'member 2: Assura Insurance, Insurer, 0xB, active on chain 31337, Assura Insurance, Insurer, 0xB, removed on chain 31338.',
      'staff of organisation 1: 0xC DEALER on chain 31337, none on chain 31338.',
      'holder of WMI VF1: organisation 1 on chain 31337, nobody on chain 31338.',
    ]);
  });

  it('flags a shard count that is not the number of chains listed, and an index held twice or missing', () => {
    expect(compareShards([shard(31337, 0), shard(31338, 0)]).map(describeDivergence)).toEqual([
      'shard index: each index 0 to 1 must be on exactly one chain, in the order the configuration lists them; 0 on chain 31337, 0 on chain 31338.',
    ]);
    expect(
      compareShards([shard(31337, 0, { shardCount: 3 }), shard(31338, 1)]).map((d) => [d.kind, d.subject]),
    ).toEqual([['shardCount', '2']]);
    // Three chains listed, two deployed with K = 2: the count and the missing index 2 are both named.
    expect(compareShards([shard(31337, 0), shard(31338, 1)], 3).map((d) => d.kind)).toEqual([
      'shardCount',
      'shardIndex',
    ]);
  });

  it("knows every governance parameter of the dApp's mirror by name", () => {
    expect(PARAMETER_NAMES.map((name) => keccak256(toHex(name))).sort()).toEqual(Object.values(PARAMETERS).sort());
  });
});
