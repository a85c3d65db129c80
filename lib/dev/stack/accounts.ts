import { mnemonicToAccount } from 'viem/accounts';
import { toHex } from 'viem';

/**
 * anvil's well-known development mnemonic. These keys are public knowledge: they exist only for the local
 * demo and the tests, and must never hold value on a real network.
 */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/** Who each of anvil's ten dev accounts plays in the local consortium. */
export const DEMO_ROLES = [
  'makerAdmin', // Volta Motors' admin; also the deployer
  'dealer', // Volta Motors' dealer: creates car books
  'officialWorkshop', // Volta Motors' official-network workshop
  'insurerAdmin', // Assura's admin
  'archiveAdmin', // Archiva's admin
  'recyclerAdmin', // Recyclo's admin
  'alice', // a car owner
  'bob', // another car owner
  'independentWorkshop', // a workshop outside the maker's network
  'expert', // an insurance expert
] as const;

export type DemoRole = (typeof DEMO_ROLES)[number];

export interface DemoAccount {
  role: DemoRole;
  address: `0x${string}`;
  privateKey: `0x${string}`;
}

export function demoAccounts(): Record<DemoRole, DemoAccount> {
  const entries = DEMO_ROLES.map((role, index) => {
    const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
    const privateKey = toHex(account.getHdKey().privateKey!);
    return [role, { role, address: account.address, privateKey }] as const;
  });
  return Object.fromEntries(entries) as Record<DemoRole, DemoAccount>;
}
