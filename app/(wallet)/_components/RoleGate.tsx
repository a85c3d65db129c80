'use client';

import { useAccount } from 'wagmi';
import type { ORG_KINDS } from '@/lib/browser/contracts';
import { useMembership } from './hooks';

type Kind = (typeof ORG_KINDS)[number];

/**
 * Says who the connected account acts for, and whether this page's actions are theirs. The page stays
 * readable either way: the chain decides, and refusals come back as sentences.
 */
export function RoleGate({ kind, what }: { kind: Kind; what: string }) {
  const { address, isConnected } = useAccount();
  const membership = useMembership(address);
  if (!isConnected) return <p className="muted">Connect your wallet to {what}.</p>;
  const m = membership.data;
  if (!m) return <p className="muted">Checking who this account acts for…</p>;
  const role = (m.roleName ?? 'staff').toLowerCase().replace('_', ' ');
  return (
    <p className={m.kindName === kind ? 'muted' : 'alert error'} data-testid="membership">
      {m.orgId > 0
        ? `Signed in for ${m.orgName} as ${role === 'org admin' ? 'its admin' : role}.`
        : 'This account does not belong to any consortium member.'}
      {m.kindName !== kind && ` Only the staff of ${kindArticle(kind)} ${kindLabel(kind)} can ${what}.`}
    </p>
  );
}

export function kindLabel(kind: Kind): string {
  return kind === 'ArchivingService' ? 'archiving service' : kind.toLowerCase();
}

function kindArticle(kind: Kind): string {
  return /^[aeiou]/i.test(kindLabel(kind)) ? 'an' : 'a';
}
