/**
 * Governance across shards (issue 14 item 2): every chain of a consortium must carry the same members, staff and
 * parameters, and each chain's CarBook its own shard rule (index i of K, every index 0..K-1 once). `readShardState`
 * reads one chain's governance state through the contracts' list and paged views (organisations 1..orgCount,
 * `staffOf` pages, `parameter(key)`, proposals 1..proposalCount, `shardRule()`): never a log scan. `compareShards`
 * compares plain data and names each divergence; `npm run consortium:check` (lib/dev/consortium) and the
 * consortium page both use it.
 *
 * What cannot be compared: Consortium has no list of WMI holders (they are parameters keyed by
 * `Parameters.wmiHolderKey(wmi)`), so the holder of every WMI in the dApp's make table (lib/browser/vin/identity.ts)
 * and of any WMI the caller names is read. Each registry's implementation code is compared by the operator tool only
 * (lib/dev/consortium/implementations.ts: ERC-1967 slot, then `eth_getCode`).
 */
import { keccak256, toHex, type PublicClient } from 'viem';
import { carBookAbi, consortiumAbi } from '../contracts/generated';
import { ORG_KINDS } from '../contracts/roles';
import { KNOWN_WMIS } from '../vin/identity';
import { wmiHolderKey } from '../vin/commitment';
import type { ReadConfig } from './config';
import { staffOf } from './consortium';

/** The names of the governance parameters the dApp knows (each `keccak256(name)` is a `PARAMETERS` key). */
export const PARAMETER_NAMES = [
  'consortium.proposalLifetime',
  'carbook.maxGrantDuration',
  'carbook.minReadingInterval',
  'vin.salt',
  'vin.scryptN',
  'vin.scryptR',
  'vin.scryptP',
  'registry.insurance',
  'insurance.claimLifetime',
  'carbook.maxKmPerDay',
  'dapp.cid',
] as const;

/**
 * One chain's governance state as plain data: every value a string (or number), so that states compare with `===`
 * and cross a JSON boundary.
 */
export interface ShardState {
  chainId: number;
  /** CarBook's `shardRule()`: this chain holds the books whose `tokenId % shardCount == shardIndex`. */
  shardIndex: number;
  shardCount: number;
  /** Organisation id → "name, kind, admin, active|removed". */
  members: Record<string, string>;
  /** Organisation id → its staff, "account role" sorted and joined with ", " ("none" when empty). */
  staff: Record<string, string>;
  /** Parameter name → value in decimal (the salt as its number; `registry.insurance` as `parameterValue` says). */
  parameters: Record<string, string>;
  /** WMI → the holding organisation id ("0": nobody). Only WMIs someone holds on some chain are listed. */
  wmiHolders: Record<string, string>;
  /** Proposals neither executed nor expired at the block read. */
  openProposals: number;
}

/**
 * A registry address is per chain (each shard deploys its own): `registry.insurance` compares as whether it names
 * this chain's own Insurance registry of the configuration (`INSURANCE_IS_OWN`), else as the address it names.
 */
export const INSURANCE_IS_OWN = 'own Insurance registry';

function parameterValue(name: (typeof PARAMETER_NAMES)[number], value: bigint, config: ReadConfig): string {
  if (name !== 'registry.insurance') return value.toString();
  return value === BigInt(config.contracts.insurance) ? INSURANCE_IS_OWN : `0x${value.toString(16).padStart(40, '0')}`;
}

/** Reads one chain's governance state at its latest block. `wmis` adds WMIs to the make table's. */
export async function readShardState(
  client: PublicClient,
  config: ReadConfig & { chainId: number },
  wmis: readonly string[] = [],
): Promise<ShardState> {
  const consortium = { address: config.contracts.consortium, abi: consortiumAbi } as const;
  const block = await client.getBlock();
  const blockNumber = block.number;
  const [rule, orgCount, proposalCount] = await Promise.all([
    client.readContract({ address: config.contracts.carBook, abi: carBookAbi, functionName: 'shardRule', blockNumber }),
    client.readContract({ ...consortium, functionName: 'orgCount', blockNumber }),
    client.readContract({ ...consortium, functionName: 'proposalCount', blockNumber }),
  ]);
  const orgIds = Array.from({ length: orgCount }, (_, i) => i + 1);
  const allWmis = [...new Set([...KNOWN_WMIS, ...wmis.map((wmi) => wmi.toUpperCase())])].sort();
  const [orgs, staff, parameters, holders, proposals] = await Promise.all([
    Promise.all(
      orgIds.map((id) => client.readContract({ ...consortium, functionName: 'organisation', args: [id], blockNumber })),
    ),
    Promise.all(orgIds.map((id) => staffOf(client, config, id))),
    Promise.all(
      PARAMETER_NAMES.map((name) =>
        client.readContract({ ...consortium, functionName: 'parameter', args: [keccak256(toHex(name))], blockNumber }),
      ),
    ),
    Promise.all(
      allWmis.map((wmi) =>
        client.readContract({ ...consortium, functionName: 'parameter', args: [wmiHolderKey(wmi)], blockNumber }),
      ),
    ),
    Promise.all(
      Array.from({ length: Number(proposalCount) }, (_, i) =>
        client.readContract({ ...consortium, functionName: 'proposal', args: [BigInt(i + 1)], blockNumber }),
      ),
    ),
  ]);
  return {
    chainId: config.chainId,
    shardIndex: Number(rule[0]),
    shardCount: Number(rule[1]),
    members: Object.fromEntries(
      orgs.map((org, i) => [
        String(orgIds[i]),
        `${org.name}, ${ORG_KINDS[org.kind] ?? 'None'}, ${org.admin}, ${org.active ? 'active' : 'removed'}`,
      ]),
    ),
    staff: Object.fromEntries(
      staff.map((members, i) => [
        String(orgIds[i]),
        members
          .map((member) => `${member.account} ${member.role ?? 'unknown role'}`)
          .sort()
          .join(', ') || 'none',
      ]),
    ),
    parameters: Object.fromEntries(
      PARAMETER_NAMES.map((name, i) => [name, parameterValue(name, parameters[i], config)]),
    ),
    wmiHolders: Object.fromEntries(
      allWmis.flatMap((wmi, i) => (holders[i] === 0n ? [] : [[wmi, holders[i].toString()] as const])),
    ),
    openProposals: proposals.filter((p) => !p.executed && p.expiresAt >= block.timestamp).length,
  };
}

export type DivergenceKind = 'shardCount' | 'shardIndex' | 'member' | 'staff' | 'parameter' | 'wmi';

/** One thing the chains disagree on, with each chain's value ("absent" where a chain lacks it). */
export interface Divergence {
  kind: DivergenceKind;
  /** What differs: an organisation id, a parameter name, a WMI; empty for the shard rule. */
  subject: string;
  values: { chainId: number; value: string }[];
}

const ABSENT = 'absent';

function compareMaps(
  kind: DivergenceKind,
  states: readonly ShardState[],
  pick: (state: ShardState) => Record<string, string>,
  absent = ABSENT,
): Divergence[] {
  const keys = [...new Set(states.flatMap((state) => Object.keys(pick(state))))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  return keys.flatMap((subject) => {
    const values = states.map((state) => ({ chainId: state.chainId, value: pick(state)[subject] ?? absent }));
    return new Set(values.map((v) => v.value)).size > 1 ? [{ kind, subject, values }] : [];
  });
}

/**
 * What the chains of one consortium disagree on (empty: they agree). `shardCount` is how many chains the
 * configuration lists: every chain's rule must say that count, and the chain listed i-th must hold index i (the
 * dApp routes a book to `shards[bookId % K]`), so the indexes 0..K-1 each appear once, in the order listed.
 */
export function compareShards(states: readonly ShardState[], shardCount = states.length): Divergence[] {
  const divergences: Divergence[] = [];
  if (states.some((state) => state.shardCount !== shardCount)) {
    divergences.push({
      kind: 'shardCount',
      subject: String(shardCount),
      values: states.map((state) => ({ chainId: state.chainId, value: String(state.shardCount) })),
    });
  }
  // Positional, not only "each once": chains listed out of their order would each hold a share, yet every book
  // would be looked for on the wrong one.
  if (states.length !== shardCount || states.some((state, i) => state.shardIndex !== i)) {
    divergences.push({
      kind: 'shardIndex',
      subject: String(shardCount),
      values: states.map((state) => ({ chainId: state.chainId, value: String(state.shardIndex) })),
    });
  }
  divergences.push(
    ...compareMaps('member', states, (state) => state.members),
    ...compareMaps('staff', states, (state) => state.staff),
    ...compareMaps('parameter', states, (state) => state.parameters),
    ...compareMaps('wmi', states, (state) => state.wmiHolders, '0'),
  );
  return divergences;
}

const onChains = (values: Divergence['values']) =>
  values.map(({ chainId, value }) => `${value} on chain ${chainId}`).join(', ');

/** One English sentence naming a divergence (the operator tool's output; the page has its own in each language). */
export function describeDivergence(divergence: Divergence): string {
  const { kind, subject, values } = divergence;
  switch (kind) {
    case 'shardCount':
      return `shard count: the configuration lists ${subject} chains; the shard rule says ${onChains(values)}.`;
    case 'shardIndex':
      return `shard index: each index 0 to ${Number(subject) - 1} must be on exactly one chain, in the order the configuration lists them; ${onChains(values)}.`;
    case 'member':
      return `member ${subject}: ${onChains(values)}.`;
    case 'staff':
      return `staff of organisation ${subject}: ${onChains(values)}.`;
    case 'parameter':
      return `parameter ${subject}: ${onChains(values)}.`;
    case 'wmi':
      return `holder of WMI ${subject}: ${values.map(({ chainId, value }) => `${value === '0' ? 'nobody' : `organisation ${value}`} on chain ${chainId}`).join(', ')}.`;
  }
}
