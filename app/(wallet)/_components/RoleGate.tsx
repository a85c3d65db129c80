'use client';

import { useAccount } from 'wagmi';
import type { ORG_KINDS, RoleName } from '@/lib/browser/contracts';
import { useTranslations } from '@/lib/browser/i18n';
import { useMembership } from './hooks';
import { ReadError } from './ReadError';

type Kind = Exclude<(typeof ORG_KINDS)[number], 'None'>;

/**
 * Whether the connected account may use this page's forms: staff of an organisation of `kind` (and, when `roles`
 * is given, holding one of them). Pages hide the forms it may not use; the chain still decides.
 */
export function useMayAct(kind: Kind, roles?: readonly RoleName[]): 'disconnected' | 'checking' | 'yes' | 'no' {
  const { address, isConnected } = useAccount();
  const membership = useMembership(address);
  if (!isConnected) return 'disconnected';
  const m = membership.data;
  if (!m) return 'checking';
  if (m.kindName !== kind) return 'no';
  if (roles && !(m.roleName && (m.roleName === 'ORG_ADMIN' || roles.includes(m.roleName)))) return 'no';
  return 'yes';
}

/**
 * Says who the connected account acts for (organisation and role), whether this page's actions are theirs, and
 * how to get the right when they are not. `what` is the page's action, already in the page's language.
 */
export function RoleGate({ kind, roles, what }: { kind: Kind; roles?: readonly RoleName[]; what: string }) {
  const t = useTranslations('roles');
  const { address, isConnected } = useAccount();
  const membership = useMembership(address);
  const may = useMayAct(kind, roles);
  if (!isConnected) return <p className="muted">{t('connect', { what })}</p>;
  if (membership.error) return <ReadError error={membership.error} />;
  const m = membership.data;
  if (!m) return <p className="muted">{t('checking')}</p>;
  const role = m.roleName ?? 'STAFF';
  return (
    <p className={may === 'yes' ? 'muted' : 'alert error'} data-testid="membership">
      {m.orgId > 0 ? t('signedIn', { org: m.orgName ?? `#${m.orgId}`, role: t(`role.${role}`) }) : t('noMember')}
      {may === 'no' && ` ${t('onlyStaffOf', { kind: t(`kind.${kind}`), what })}`}
      {may === 'no' && ` ${m.orgId > 0 ? t('askAdmin') : t('askMember')}`}
    </p>
  );
}
