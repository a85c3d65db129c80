'use client';

import { useAccount } from 'wagmi';
import { WalletBar } from '../../_components/WalletBar';
import { useMembership, useOrganisations } from '../../_components/hooks';
import { Members } from './Members';
import { Proposals } from './Proposals';
import { NewProposal } from './NewProposal';
import { StaffManagement } from './StaffManagement';
import { OrgKey } from './OrgKey';
import { ShardStates } from './ShardStates';
import { ReadError } from '../../_components/ReadError';
import { useTranslations } from '@/lib/browser/i18n';

/** Member admins: see the members, vote on proposals, create them, manage their own organisation's staff. */
export function ConsortiumAdmin() {
  const tp = useTranslations('pageTitles');
  const { address, isConnected } = useAccount();
  const membership = useMembership(address);
  const orgs = useOrganisations();
  const m = membership.data;
  const isAdmin = m?.roleName === 'ORG_ADMIN';

  return (
    <>
      <WalletBar title={tp('consortium')} privateData />
      {!isConnected && (
        <p className="muted">Connect a member admin&apos;s wallet to vote and manage staff. Anyone can read below.</p>
      )}
      {isConnected && m && (
        <p className={isAdmin ? 'muted' : 'alert info'} data-testid="membership">
          {isAdmin
            ? `Signed in as the admin of ${m.orgName}: you vote for your organisation.`
            : 'Only member admins vote and manage staff; this account is not one.'}
        </p>
      )}
      <ReadError error={orgs.error} />
      {orgs.data && (
        <>
          <Members organisations={orgs.data.organisations} memberCount={orgs.data.memberCount} />
          <ShardStates />
          <Proposals
            organisations={orgs.data.organisations}
            memberCount={orgs.data.memberCount}
            myOrg={isAdmin ? m.orgId : undefined}
          />
          {isAdmin && <NewProposal organisations={orgs.data.organisations} />}
          {isAdmin && <StaffManagement orgId={m.orgId} kind={m.kindName} orgName={m.orgName ?? ''} />}
          {isAdmin && <OrgKey orgId={m.orgId} orgName={m.orgName ?? ''} />}
        </>
      )}
    </>
  );
}
