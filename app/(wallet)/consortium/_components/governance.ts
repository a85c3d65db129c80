import { decodeAbiParameters, encodeAbiParameters, type Address, type Hex } from 'viem';
import { ORG_KINDS, OrgKind, PARAMETERS, STAFF_ROLES } from '@/lib/browser/contracts';
import type { Organisation, ProposalView } from '../../_components/hooks';
import { shortAddress } from '../../_components/format';
import { useFormat, useTranslations } from '@/lib/browser/i18n';

/** Parameters members may change by vote, with the unit a person thinks in (its label: consortium.parameter.<id>). */
export const GOVERNED_PARAMETERS = [
  { id: 'maxGrant', key: PARAMETERS.MAX_GRANT_DURATION, unit: 'days', seconds: 86_400 },
  { id: 'proposalLifetime', key: PARAMETERS.PROPOSAL_LIFETIME, unit: 'days', seconds: 86_400 },
  { id: 'claimLifetime', key: PARAMETERS.CLAIM_LIFETIME, unit: 'days', seconds: 86_400 },
  { id: 'minReadingInterval', key: PARAMETERS.MIN_READING_INTERVAL, unit: 'hours', seconds: 3_600 },
  { id: 'maxKmPerDay', key: PARAMETERS.MAX_KM_PER_DAY, unit: 'km', seconds: 1 },
] as const;

export const encodeAddMember = (name: string, kind: number, admin: Address) =>
  encodeAbiParameters([{ type: 'string' }, { type: 'uint8' }, { type: 'address' }], [name, kind, admin]);
export const encodeRemoveMember = (orgId: number) => encodeAbiParameters([{ type: 'uint32' }], [orgId]);
export const encodeSetParameter = (key: Hex, value: bigint) =>
  encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [key, value]);

/** What a proposal does, in one sentence of the page's language. */
export function useDescribeProposal(): (p: ProposalView, orgs: Organisation[]) => string {
  const t = useTranslations('consortium.describe');
  const tk = useTranslations('consortium.kind');
  const tp = useTranslations('consortium.parameter');
  const format = useFormat();
  return (p, orgs) => {
    try {
      if (p.action === 'AddMember') {
        const [name, kind, admin] = decodeAbiParameters(
          [{ type: 'string' }, { type: 'uint8' }, { type: 'address' }],
          p.data,
        );
        return t('addMember', { name, kind: tk(ORG_KINDS[kind] ?? 'None'), admin: shortAddress(admin) });
      }
      if (p.action === 'RemoveMember') {
        const [orgId] = decodeAbiParameters([{ type: 'uint32' }], p.data);
        return t('removeMember', { name: orgs.find((o) => o.id === orgId)?.name ?? t('orgNumber', { id: orgId }) });
      }
      if (p.action === 'SetParameter') {
        const [key, value] = decodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], p.data);
        const known = GOVERNED_PARAMETERS.find((g) => g.key === key);
        if (known)
          return t('setParameter', {
            parameter: tp(known.id),
            value: known.unit === 'km' ? format.km(value) : format.duration(value),
          });
        if (key === PARAMETERS.INSURANCE_REGISTRY)
          return t('insuranceRegistry', { address: shortAddress(`0x${value.toString(16).padStart(40, '0')}`) });
        return t('setRaw', { key: `${key.slice(0, 10)}…`, value: value.toString() });
      }
      if (p.action === 'UpgradeContract') {
        const [proxy, implementation] = decodeAbiParameters(
          [{ type: 'address' }, { type: 'address' }, { type: 'bytes' }],
          p.data,
        );
        return t('upgrade', { proxy: shortAddress(proxy), implementation: shortAddress(implementation) });
      }
    } catch {
      // fall through: data the current ABI does not describe
    }
    return t('other', { action: p.action });
  };
}

export { OrgKind, STAFF_ROLES };
