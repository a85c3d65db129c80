/**
 * The admin's side of a late staff member: wraps the organisation's *current* key for staff who registered a
 * reading key after it was published (`publishOrgStaffWraps`), instead of rotating the organisation key (which
 * would move every book the organisation reads to a new key period at its next write). Who waits for such a
 * wrap: lib/browser/reads `orgKeyState`.
 */
import type { Address, PublicClient, WalletClient } from 'viem';
import { keyRegistryAbi } from '../contracts/generated';
import { fromHex, toHex, wrapOrgKeyForStaff, type OrgContext } from '../crypto';
import { sendContract, type PrivacyConfig } from './chain';
import type { UnlockedOrgKey } from './keys';

/** Wraps the current organisation key (held by the unlocked admin) for `staff`' registered reading keys. */
export async function addOrgStaffWraps(
  adminWallet: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  orgKey: Pick<UnlockedOrgKey, 'orgId' | 'keyVersion' | 'current'>,
  staff: readonly Address[],
): Promise<Address[]> {
  const context: OrgContext = {
    chainId: config.chainId,
    consortium: config.contracts.consortium,
    orgId: orgKey.orgId,
    keyVersion: orgKey.keyVersion,
    orgPublicKey: orgKey.current.publicKey,
  };
  const wrapped: Address[] = [];
  const wraps: `0x${string}`[] = [];
  for (const member of staff) {
    const key = await publicClient.readContract({
      address: config.contracts.keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'readingKeyOf',
      args: [member],
    });
    if (key.version === 0) continue;
    wrapped.push(member);
    wraps.push(toHex(wrapOrgKeyForStaff(orgKey.current.secretKey, fromHex(key.publicKey, 32), context)));
  }
  if (wrapped.length === 0) throw new Error('None of these staff members has a registered reading key yet');
  await sendContract(publicClient, adminWallet, {
    address: config.contracts.keyRegistry,
    abi: keyRegistryAbi,
    functionName: 'publishOrgStaffWraps',
    args: [orgKey.keyVersion, wrapped, wraps],
  });
  return wrapped;
}
