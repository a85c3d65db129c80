import { describe, expect, it } from 'vitest';
import { keccak256, encodePacked, zeroHash, type Hex } from 'viem';
import { parseRuntimeConfig, runtimeConfigFile } from '../config/runtime';
import { bookIdForVin } from '../history/lookup';
import {
  bookIdOfCommitment,
  bookLocator,
  configForShard,
  publicClientForShard,
  shardForBook,
  shardIndexOf,
  shardOf,
} from './shards';

const contracts = (n: number) => ({
  consortium: `0x${'1'.repeat(39)}${n}`,
  carBook: `0x${'2'.repeat(39)}${n}`,
  insurance: `0x${'3'.repeat(39)}${n}`,
  documentAnchor: `0x${'4'.repeat(39)}${n}`,
});
const shard = (n: number) => ({
  chainId: 31337 + n,
  chainName: `CarBook ${n + 1}`,
  rpcUrl: `http://127.0.0.1:${8547 + 50 * n}`,
  contracts: contracts(n),
  deploymentBlock: n,
});
const TWO = { shards: [shard(0), shard(1)], ipfs: { api: 'http://127.0.0.1:5001', gateway: 'http://127.0.0.1:8080' } };
const WMI: Hex = '0x575657'; // "WVW"

describe('runtime configuration with shards', () => {
  it('lists every chain and shows the first at the top level', () => {
    const config = parseRuntimeConfig(TWO);
    expect(config.shards).toHaveLength(2);
    expect(config.chainId).toBe(31337);
    expect(config.contracts.carBook).toBe(contracts(0).carBook);
    expect(runtimeConfigFile(config)).toEqual(TWO);
  });

  it('reads a single-chain file from before sharding as one shard, and writes it back in the shards shape', () => {
    const { ipfs } = TWO;
    const config = parseRuntimeConfig({ ...shard(0), ipfs });
    expect(config.shards).toEqual([shard(0)]);
    expect(runtimeConfigFile(config)).toEqual({ shards: [shard(0)], ipfs });
    // K = 1 in the new shape is the same configuration.
    expect(parseRuntimeConfig({ shards: [shard(0)], ipfs })).toEqual(config);
  });

  it('refuses an empty shard list, two shards with one chain id, and a broken shard, naming the field', () => {
    expect(() => parseRuntimeConfig({ shards: [] })).toThrow(/shards: must list at least one chain/);
    expect(() => parseRuntimeConfig({ shards: [shard(0), shard(0)] })).toThrow(/its own chain id/);
    expect(() => parseRuntimeConfig({ shards: [shard(0), { ...shard(1), rpcUrl: 'nope' }] })).toThrow(
      /shards\.1\.rpcUrl/,
    );
  });
});

describe('routing a book to its shard', () => {
  it('is the book id modulo the number of chains, the id being keccak256(wmi ‖ vinDigest)', () => {
    const digest = keccak256(encodePacked(['string'], ['a VIN digest']));
    const id = BigInt(keccak256(encodePacked(['bytes3', 'bytes32'], [WMI, digest])));
    expect(bookIdOfCommitment(WMI, digest)).toBe(id);
    const config = parseRuntimeConfig(TWO);
    expect(shardOf(config, WMI, digest)).toBe(Number(id % 2n));
    expect(shardIndexOf(id, 1)).toBe(0);
    expect(shardIndexOf(7n, 3)).toBe(1);
    expect(() => shardIndexOf(7n, 0)).toThrow(/at least one chain/);
  });

  it("gives a book's shard view: its chain, RPC URL and registries at the top level", () => {
    const config = parseRuntimeConfig(TWO);
    const odd = shardForBook(config, 12345n);
    expect(odd.chainId).toBe(31338);
    expect(odd.rpcUrl).toBe('http://127.0.0.1:8597');
    expect(odd.contracts.carBook).toBe(contracts(1).carBook);
    expect(odd.shards).toHaveLength(2);
    expect(shardForBook(config, 12344n).chainId).toBe(31337);
    expect(() => configForShard(config, 2)).toThrow(/no chain 3/);
    // K = 1: every book on the one chain.
    const one = parseRuntimeConfig({ shards: [shard(0)] });
    expect(shardForBook(one, 12345n).chainId).toBe(31337);
  });

  it('keeps one read client per chain', () => {
    const config = parseRuntimeConfig(TWO);
    const first = publicClientForShard(configForShard(config, 1));
    expect(publicClientForShard(shardForBook(config, 1n))).toBe(first);
    expect(first.chain?.id).toBe(31338);
    expect(publicClientForShard(configForShard(config, 0))).not.toBe(first);
  });

  it("asks only the book's chain when looking a VIN up", async () => {
    const config = parseRuntimeConfig(TWO);
    const asked: { chain: number; carBook: string; tokenId: bigint }[] = [];
    const locate = bookLocator(config);
    const params = { salt: zeroHash, N: 16, r: 1, p: 1 };
    await bookIdForVin(
      (tokenId) => {
        const at = locate(tokenId);
        const client = {
          readContract: async ({ address }: { address: string }) => {
            asked.push({ chain: at.client.chain!.id, carBook: address, tokenId });
            return { status: 0 };
          },
        };
        return { client: client as never, carBook: at.carBook };
      },
      undefined,
      'WVWZZZ1JZXW000001',
      params,
    );
    expect(asked).toHaveLength(2);
    for (const { chain, carBook, tokenId } of asked) {
      const index = Number(tokenId % 2n);
      expect(chain).toBe(31337 + index);
      expect(carBook).toBe(contracts(index).carBook);
    }
  });
});
