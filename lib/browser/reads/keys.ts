/** The key registry as the wallet pages show it: reading keys, a book's live share links, an organisation's key. */
import type { Address, Hex, PublicClient } from 'viem';
import { keyRegistryAbi } from '../contracts/generated';
import { readEvents, keyRegistryOf, type ReadConfig } from './config';

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

/** A book's share links that are still live, newest first. */
export async function liveShareKeys(client: PublicClient, config: ReadConfig, tokenId: bigint): Promise<ShareKey[]> {
  const registry = keyRegistryOf(config);
  const added = await readEvents(client, config, registry, keyRegistryAbi, 'ShareKeyAdded', { tokenId });
  const shares = await Promise.all(
    added.map(async (log) => {
      const [live, block] = await Promise.all([
        client.readContract({
          address: registry,
          abi: keyRegistryAbi,
          functionName: 'isShareKeyLive',
          args: [tokenId, log.args.shareKey],
        }),
        client.getBlock({ blockNumber: log.blockNumber }),
      ]);
      return { shareKey: log.args.shareKey, live, createdAt: Number(block.timestamp) };
    }),
  );
  return shares
    .filter((s) => s.live)
    .map(({ shareKey, createdAt }) => ({ shareKey, createdAt }))
    .reverse();
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
  const wraps = await readEvents(client, config, registry, keyRegistryAbi, 'OrgKeyWrapped', { orgId });
  const wrapped = new Set(
    wraps.filter((w) => w.args.keyVersion === orgKey.keyVersion).map((w) => w.args.staff.toLowerCase()),
  );
  return {
    keyVersion: orgKey.keyVersion,
    members,
    waiting: members.filter((m) => m.hasKey && !wrapped.has(m.account.toLowerCase())).map((m) => m.account),
  };
}
