'use client';

import { useState } from 'react';
import { useAccount } from 'wagmi';
import { useTranslations } from '@/lib/browser/i18n';
import { WalletBar } from '../../_components/WalletBar';
import { useMembership, useOrganisations } from '../../_components/hooks';
import { Members } from './Members';
import { Proposals } from './Proposals';
import { NewProposal } from './NewProposal';
import { StaffManagement } from './StaffManagement';
import { OrgKey } from './OrgKey';
import { ShardStates } from './ShardStates';
import { RenounceRole } from './RenounceRole';
import { ReadError } from '../../_components/ReadError';

/**
 * Member admins: see the members, vote on proposals, create them, manage their own organisation's staff. A staff
 * member sees who they act for and may renounce that role.
 */
export function ConsortiumAdmin() {
  const tp = useTranslations('pageTitles');
  const t = useTranslations('consortium');
  const tr = useTranslations('roles');
  const { address, isConnected } = useAccount();
  const membership = useMembership(address);
  const orgs = useOrganisations();
  const m = membership.data;
  const isAdmin = m?.roleName === 'ORG_ADMIN';
  const isStaff = Boolean(m && m.orgId > 0 && !isAdmin);
  // Once the role is renounced the section goes with it: its last message is shown here instead.
  const [notice, setNotice] = useState<string | undefined>();

  return (
    <>
      <WalletBar title={tp('consortium')} privateData />
      {!isConnected && <p className="muted">{t('connect')}</p>}
      {isConnected && m && (
        <p className={isAdmin ? 'muted' : 'alert info'} data-testid="membership">
          {isAdmin
            ? t('signedInAdmin', { org: m.orgName ?? `#${m.orgId}` })
            : isStaff
              ? t('signedInStaff', { org: m.orgName ?? `#${m.orgId}`, role: tr(`role.${m.roleName ?? 'STAFF'}`) })
              : t('notAdmin')}
        </p>
      )}
      {notice && (
        <div className="alert success" role="status" data-testid="consortium-notice">
          {notice}
        </div>
      )}
      {isStaff && m && <RenounceRole orgName={m.orgName ?? `#${m.orgId}`} orgId={m.orgId} onDone={setNotice} />}
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
