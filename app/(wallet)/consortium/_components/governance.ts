import { decodeAbiParameters, encodeAbiParameters, type Address, type Hex } from 'viem';
import { ORG_KINDS, OrgKind, PARAMETERS, STAFF_ROLES, type RoleName } from '@/lib/browser/contracts';
import type { Organisation, ProposalView } from '../../_components/hooks';
import { shortAddress } from '../../_components/format';
import { formatDuration } from '@/lib/browser/format';

/** Parameters members may change by vote, with the unit a person thinks in. */
export const GOVERNED_PARAMETERS = [
  { key: PARAMETERS.MAX_GRANT_DURATION, label: 'Maximum workshop grant', unit: 'days', seconds: 86_400 },
  { key: PARAMETERS.PROPOSAL_LIFETIME, label: 'Proposal lifetime', unit: 'days', seconds: 86_400 },
  { key: PARAMETERS.CLAIM_LIFETIME, label: 'Insurance claim lifetime', unit: 'days', seconds: 86_400 },
  {
    key: PARAMETERS.MIN_READING_INTERVAL,
    label: 'Minimum interval between telematics readings',
    unit: 'hours',
    seconds: 3_600,
  },
] as const;

export const ROLE_LABELS: Record<RoleName, string> = {
  ORG_ADMIN: 'Admin',
  DEALER: 'Dealer',
  OFFICIAL_WORKSHOP: 'Official workshop',
  TELEMATICS_OPERATOR: 'Telematics operator',
  CLAIMS_HANDLER: 'Claims handler',
  ARCHIVIST: 'Archivist',
  DISMANTLER: 'Dismantler',
};

export const KIND_LABELS: Record<(typeof ORG_KINDS)[number], string> = {
  None: '—',
  Manufacturer: 'Manufacturer',
  Insurer: 'Insurer',
  ArchivingService: 'Archiving service',
  Recycler: 'Recycler',
};

export const encodeAddMember = (name: string, kind: number, admin: Address) =>
  encodeAbiParameters([{ type: 'string' }, { type: 'uint8' }, { type: 'address' }], [name, kind, admin]);
export const encodeRemoveMember = (orgId: number) => encodeAbiParameters([{ type: 'uint32' }], [orgId]);
export const encodeSetParameter = (key: Hex, value: bigint) =>
  encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [key, value]);

/** What a proposal does, in one sentence. */
export function describeProposal(p: ProposalView, orgs: Organisation[]): string {
  try {
    if (p.action === 'AddMember') {
      const [name, kind, admin] = decodeAbiParameters(
        [{ type: 'string' }, { type: 'uint8' }, { type: 'address' }],
        p.data,
      );
      return `Admit ${name} (${KIND_LABELS[ORG_KINDS[kind] ?? 'None'].toLowerCase()}, admin ${shortAddress(admin)})`;
    }
    if (p.action === 'RemoveMember') {
      const [orgId] = decodeAbiParameters([{ type: 'uint32' }], p.data);
      return `Remove ${orgs.find((o) => o.id === orgId)?.name ?? `organisation #${orgId}`}`;
    }
    if (p.action === 'SetParameter') {
      const [key, value] = decodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], p.data);
      const known = GOVERNED_PARAMETERS.find((g) => g.key === key);
      if (known) return `Set ${known.label.toLowerCase()} to ${formatDuration(value)}`;
      if (key === PARAMETERS.INSURANCE_REGISTRY)
        return `Trust the insurance registry at ${shortAddress(`0x${value.toString(16).padStart(40, '0')}`)}`;
      return `Set parameter ${key.slice(0, 10)}… to ${value}`;
    }
    if (p.action === 'UpgradeContract') {
      const [proxy, implementation] = decodeAbiParameters(
        [{ type: 'address' }, { type: 'address' }, { type: 'bytes' }],
        p.data,
      );
      return `Upgrade ${shortAddress(proxy)} to ${shortAddress(implementation)}`;
    }
  } catch {
    // fall through: data the current ABI does not describe
  }
  return `${p.action} proposal`;
}

export { OrgKind, STAFF_ROLES };
