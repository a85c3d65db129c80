/** The key registry as the wallet pages show it: reading keys, a book's live share links, an organisation's key. */
import type { Address, Hex, PublicClient } from 'viem';
import { keyRegistryAbi } from '../contracts/generated';
import { pinBlock, readIndex } from '../history/indexed';
import { keyRegistryLogs, topicOf } from '../privacy/chain';
import { keyRegistryOf, unique, type ReadConfig } from './config';

/** Whether `account` has registered a reading key. */
export async function hasReadingKey(client: PublicClient, config: ReadConfig, account: Address): Promise<boolean> {
  const key = await client.readContract({
    address: keyRegistryOf(config),
    abi: keyRegistryAbi,
    functionName: 'readingKeyOf',
    args: [account],
  });
  return key.version !== 0;
}

/** `account`'s registered reading key (32 bytes, hex), or undefined when it has none. */
export async function readingKeyOf(
  client: PublicClient,
  config: ReadConfig,
  account: Address,
): Promise<Hex | undefined> {
  const key = await client.readContract({
    address: keyRegistryOf(config),
    abi: keyRegistryAbi,
    functionName: 'readingKeyOf',
    args: [account],
  });
  return key.version === 0 ? undefined : key.publicKey;
}

export type ShareKey = { shareKey: Hex; createdAt: number };

/**
 * A book's share links that are still live, newest first: `KeyRegistry.shareKeysOf` at one pinned block, their
 * creation time from the book's key events (its key index: one eth_call, one eth_getLogs per listed block).
 */
export async function liveShareKeys(client: PublicClient, config: ReadConfig, tokenId: bigint): Promise<ShareKey[]> {
  const registry = keyRegistryOf(config);
  const blockNumber = await pinBlock(client);
  const [live, added] = await Promise.all([
    readIndex((start, count) =>
      client.readContract({
        address: registry,
        abi: keyRegistryAbi,
        functionName: 'shareKeysOf',
        args: [tokenId, start, count],
        blockNumber,
      }),
    ),
    keyRegistryLogs(
      client,
      { contracts: { keyRegistry: registry } },
      'ShareKeyAdded',
      [topicOf.uint(tokenId)],
      blockNumber,
    ),
  ]);
  const liveKeys = new Set(live.map((key) => key.toLowerCase()));
  // The latest addition of each live key (a key revoked and added again counts from its last addition).
  const latest = new Map<string, bigint>();
  for (const log of added)
    if (liveKeys.has(log.args.shareKey.toLowerCase())) latest.set(log.args.shareKey.toLowerCase(), log.blockNumber);
  const blocks = unique([...latest.values()]);
  const times = new Map(
    await Promise.all(
      blocks.map(async (b) => [b, Number((await client.getBlock({ blockNumber: b })).timestamp)] as const),
    ),
  );
  return live
    .map((shareKey) => {
      const block = latest.get(shareKey.toLowerCase());
      return { shareKey, createdAt: block === undefined ? 0 : times.get(block)!, block: block ?? 0n };
    })
    .sort((a, b) => (a.block === b.block ? 0 : a.block < b.block ? 1 : -1))
    .map(({ shareKey, createdAt }) => ({ shareKey, createdAt }));
}

export type OrgKeyState = {
  /** The organisation key's current version (0: none published yet). */
  keyVersion: number;
  /** The staff asked about, with whether each registered a reading key. */
  members: { account: Address; hasKey: boolean }[];
  /** Staff with a reading key but no wrap of the current version (they registered after it was published). */
  waiting: Address[];
};

/** An organisation's key as its admin manages it, for the given staff. */
export async function orgKeyState(
  client: PublicClient,
  config: ReadConfig,
  orgId: number,
  staff: readonly Address[],
): Promise<OrgKeyState> {
  const registry = keyRegistryOf(config);
  const [orgKey, members] = await Promise.all([
    client.readContract({ address: registry, abi: keyRegistryAbi, functionName: 'orgKeyOf', args: [orgId] }),
    Promise.all(staff.map(async (account) => ({ account, hasKey: await hasReadingKey(client, config, account) }))),
  ]);
  if (orgKey.keyVersion === 0) return { keyVersion: 0, members, waiting: [] };
  const wraps = await keyRegistryLogs(client, { contracts: { keyRegistry: registry } }, 'OrgKeyWrapped', [
    topicOf.uint(orgId),
  ]);
  const wrapped = new Set(
    wraps.filter((w) => w.args.keyVersion === orgKey.keyVersion).map((w) => w.args.staff.toLowerCase()),
  );
  return {
    keyVersion: orgKey.keyVersion,
    members,
    waiting: members.filter((m) => m.hasKey && !wrapped.has(m.account.toLowerCase())).map((m) => m.account),
  };
}
