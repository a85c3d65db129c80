/**
 * Unlocking reading keys: a person's (derived from an eth_signTypedData_v4 signature, checked against the
 * registered key, registered on first use) and an organisation's (unwrapped from the staff wrap its admin
 * published). Publishing an organisation key is the admin's side of the latter.
 */
import { type Account, type Address, type PublicClient, type WalletClient } from 'viem';
import { consortiumAbi, keyRegistryAbi } from '../contracts/generated';
import { ROLES } from '../contracts/roles';
import {
  createOrgKey,
  deriveKeyPair,
  fromHex,
  toHex,
  unlock,
  unwrapOrgKey,
  wrapOrgKeyForStaff,
  type KeyPair,
  type OrgContext,
} from '../crypto';
import { keyRegistryLogs, readingKeyDomain, sendContract, topicOf, type PrivacyConfig } from './chain';

export type UnlockedKeys = {
  account: Address;
  keyPair: KeyPair;
  /** True when this call registered the key (first use, or `replace`). */
  registered: boolean;
};

function accountOf(walletClient: WalletClient): Account {
  const account: Account | undefined = walletClient.account;
  if (!account) throw new Error('Connect a wallet first');
  return account;
}

/**
 * Asks the wallet to sign the fixed EIP-712 message (eth_signTypedData_v4: hardware wallets can), derives the
 * X25519 key pair and compares it with the key registered on chain. No key yet: registers it (one
 * transaction). A different key: `KeyMismatchError` — unless `replace`, which registers the new key (the
 * wraps made for the old key then no longer open with this one).
 */
export async function unlockKeys(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  options: { replace?: boolean; register?: boolean } = {},
): Promise<UnlockedKeys> {
  const account = accountOf(walletClient);
  const derived = await deriveKeyPair(
    (typedData) => walletClient.signTypedData({ account, ...typedData }),
    readingKeyDomain(config),
    account.address,
  );
  const registeredKey = await publicClient.readContract({
    address: config.contracts.keyRegistry,
    abi: keyRegistryAbi,
    functionName: 'readingKeyOf',
    args: [account.address],
  });
  const keyPair = { publicKey: derived.publicKey, secretKey: derived.secretKey };
  if (registeredKey.version !== 0 && !options.replace) {
    return {
      account: account.address,
      keyPair: unlock(derived.signature, fromHex(registeredKey.publicKey, 32)),
      registered: false,
    };
  }
  if (options.register === false) throw new Error(`${account.address} has no reading key registered`);
  if (registeredKey.version !== 0 && registeredKey.publicKey === toHex(keyPair.publicKey)) {
    return { account: account.address, keyPair, registered: false };
  }
  await sendContract(publicClient, walletClient, {
    address: config.contracts.keyRegistry,
    abi: keyRegistryAbi,
    functionName: 'registerReadingKey',
    args: [toHex(keyPair.publicKey)],
  });
  return { account: account.address, keyPair, registered: true };
}

export type UnlockedOrgKey = {
  orgId: number;
  keyVersion: number;
  /** The organisation's current key pair. */
  current: KeyPair;
  /** Every version this staff member can open, newest first (older books may still be wrapped for old keys). */
  all: { keyVersion: number; keyPair: KeyPair }[];
};

async function orgOf(publicClient: PublicClient, config: PrivacyConfig, account: Address) {
  const [orgId, , role] = await publicClient.readContract({
    address: config.contracts.consortium,
    abi: consortiumAbi,
    functionName: 'membershipOf',
    args: [account],
  });
  return { orgId: Number(orgId), role };
}

/**
 * Why a staff member holds no organisation key: not staff of any member organisation, the organisation has
 * published no key yet, or no wrap of its current version opens with this reading key (added after it was
 * published, or removed by a rotation).
 */
export type OrgKeyUnavailable =
  | { ok: false; reason: 'not-staff' }
  | { ok: false; reason: 'no-org-key'; orgId: number }
  | { ok: false; reason: 'not-wrapped'; orgId: number; keyVersion: number };

export type OrgKeyUnlock = { ok: true; orgKey: UnlockedOrgKey } | OrgKeyUnavailable;

/**
 * A staff member opens their organisation's key: reads the staff wraps addressed to them and the published
 * organisation keys, unwraps every version they were given (context-checked), and requires the current one.
 * The cases without a key come back as `{ ok: false, reason }`; only chain failures throw.
 */
export async function unlockOrgKey(
  publicClient: PublicClient,
  config: PrivacyConfig,
  staff: Address,
  staffKeyPair: KeyPair,
): Promise<OrgKeyUnlock> {
  const { orgId } = await orgOf(publicClient, config, staff);
  if (orgId === 0) return { ok: false, reason: 'not-staff' };
  const orgTopic = topicOf.uint(orgId);
  const [published, wraps] = await Promise.all([
    keyRegistryLogs(publicClient, config, 'OrgKeyPublished', [orgTopic]),
    keyRegistryLogs(publicClient, config, 'OrgKeyWrapped', [orgTopic, topicOf.address(staff)]),
  ]);
  const publicKeyOf = new Map(published.map((log) => [log.args.keyVersion, fromHex(log.args.publicKey, 32)]));
  const current = published.at(-1);
  if (!current) return { ok: false, reason: 'no-org-key', orgId };
  const all: UnlockedOrgKey['all'] = [];
  for (const log of [...wraps].reverse()) {
    const keyVersion = log.args.keyVersion;
    const orgPublicKey = publicKeyOf.get(keyVersion);
    if (!orgPublicKey || all.some((k) => k.keyVersion === keyVersion)) continue;
    const context: OrgContext = {
      chainId: config.chainId,
      consortium: config.contracts.consortium,
      orgId,
      keyVersion,
      orgPublicKey,
    };
    try {
      all.push({ keyVersion, keyPair: unwrapOrgKey(fromHex(log.args.wrap), staffKeyPair.secretKey, context) });
    } catch {
      // A wrap for another of this account's keys (re-registered) or a broken one: try the others.
    }
  }
  const currentKey = all.find((k) => k.keyVersion === current.args.keyVersion);
  if (!currentKey) return { ok: false, reason: 'not-wrapped', orgId, keyVersion: current.args.keyVersion };
  return { ok: true, orgKey: { orgId, keyVersion: currentKey.keyVersion, current: currentKey.keyPair, all } };
}

/**
 * An organisation admin creates (or rotates to) a new organisation key and wraps it for the staff's registered
 * reading keys. Staff without a registered key are returned in `missing` (wrap for them later with
 * `publishOrgStaffWraps`). Every book the organisation reads rotates its epoch at the next write.
 */
export async function publishOrgKey(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  staff: readonly Address[],
): Promise<{ orgId: number; keyVersion: number; orgKey: KeyPair; missing: Address[] }> {
  const admin = accountOf(walletClient).address;
  const { orgId, role } = await orgOf(publicClient, config, admin);
  if (orgId === 0 || role !== ROLES.ORG_ADMIN) throw new Error(`${admin} is not an organisation admin`);
  const previous = await publicClient.readContract({
    address: config.contracts.keyRegistry,
    abi: keyRegistryAbi,
    functionName: 'orgKeyOf',
    args: [orgId],
  });
  const keyVersion = previous.keyVersion + 1;
  const orgKey = createOrgKey();
  const context: OrgContext = {
    chainId: config.chainId,
    consortium: config.contracts.consortium,
    orgId,
    keyVersion,
    orgPublicKey: orgKey.publicKey,
  };
  const wrapped: Address[] = [];
  const wraps: `0x${string}`[] = [];
  const missing: Address[] = [];
  for (const member of new Set([admin, ...staff])) {
    const key = await publicClient.readContract({
      address: config.contracts.keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'readingKeyOf',
      args: [member],
    });
    if (key.version === 0) {
      missing.push(member);
      continue;
    }
    wrapped.push(member);
    wraps.push(toHex(wrapOrgKeyForStaff(orgKey.secretKey, fromHex(key.publicKey, 32), context)));
  }
  if (wrapped.length === 0)
    throw new Error(
      'No staff member (nor the admin) has a reading key registered: nobody could open the organisation key',
    );
  await sendContract(publicClient, walletClient, {
    address: config.contracts.keyRegistry,
    abi: keyRegistryAbi,
    functionName: 'publishOrgKey',
    args: [toHex(orgKey.publicKey), keyVersion, wrapped, wraps],
  });
  return { orgId, keyVersion, orgKey, missing };
}
