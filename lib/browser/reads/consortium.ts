/** The consortium: an account's membership, the organisations, governance parameters, an organisation's staff. */
import type { Address, Hex, PublicClient } from 'viem';
import { consortiumAbi } from '../contracts/generated';
import { ORG_KINDS, roleName } from '../contracts/roles';
import { readIndexAt, unique, type ReadConfig } from './config';

export type Membership = {
  orgId: number;
  kind: number;
  kindName: (typeof ORG_KINDS)[number] | 'None';
  role: Hex;
  roleName: ReturnType<typeof roleName>;
  orgName: string | undefined;
};

export async function membershipOf(client: PublicClient, config: ReadConfig, account: Address): Promise<Membership> {
  const consortium = { address: config.contracts.consortium, abi: consortiumAbi } as const;
  const [orgId, kind, role] = await client.readContract({
    ...consortium,
    functionName: 'membershipOf',
    args: [account],
  });
  const org =
    orgId > 0 ? await client.readContract({ ...consortium, functionName: 'organisation', args: [orgId] }) : undefined;
  return { orgId, kind, kindName: ORG_KINDS[kind] ?? 'None', role, roleName: roleName(role), orgName: org?.name };
}

export interface Organisation {
  id: number;
  name: string;
  kind: (typeof ORG_KINDS)[number];
  admin: Address;
  active: boolean;
}

/** Every organisation ever admitted (ids 1..orgCount) and the current member count. */
export async function organisations(
  client: PublicClient,
  config: ReadConfig,
): Promise<{ organisations: Organisation[]; memberCount: number }> {
  const consortium = { address: config.contracts.consortium, abi: consortiumAbi } as const;
  const [count, memberCount] = await Promise.all([
    client.readContract({ ...consortium, functionName: 'orgCount' }),
    client.readContract({ ...consortium, functionName: 'memberCount' }),
  ]);
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  const orgs = await Promise.all(
    ids.map((id) => client.readContract({ ...consortium, functionName: 'organisation', args: [id] })),
  );
  return {
    organisations: orgs.map((org, i) => ({
      id: i + 1,
      name: org.name,
      kind: ORG_KINDS[org.kind] ?? 'None',
      admin: org.admin,
      active: org.active,
    })),
    memberCount,
  };
}

/** A governance parameter (lib/browser/contracts/roles PARAMETERS). */
export function parameterOf(client: PublicClient, config: ReadConfig, key: Hex): Promise<bigint> {
  return client.readContract({
    address: config.contracts.consortium,
    abi: consortiumAbi,
    functionName: 'parameter',
    args: [key],
  });
}

export type StaffMember = { account: Address; role: ReturnType<typeof roleName> };

/** An organisation's current staff (its admin excluded): `Consortium.staffOf`, each checked with `membershipOf`. */
export async function staffOf(client: PublicClient, config: ReadConfig, orgId: number): Promise<StaffMember[]> {
  const consortium = { address: config.contracts.consortium, abi: consortiumAbi } as const;
  const { entries, blockNumber } = await readIndexAt(client, (start, count, blockNumber) =>
    client.readContract({ ...consortium, functionName: 'staffOf', args: [orgId, start, count], blockNumber }),
  );
  const accounts = unique(entries);
  const memberships = await Promise.all(
    accounts.map((account) =>
      client.readContract({ ...consortium, functionName: 'membershipOf', args: [account], blockNumber }),
    ),
  );
  return accounts
    .map((account, i) => ({ account, orgId: memberships[i][0], role: memberships[i][2] }))
    .filter((member) => member.orgId === orgId && roleName(member.role) !== 'ORG_ADMIN')
    .map(({ account, role }) => ({ account, role: roleName(role) }));
}
