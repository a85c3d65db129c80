'use client';

import { useAccount } from 'wagmi';
import { WalletBar } from '../../_components/WalletBar';
import { RoleGate } from '../../_components/RoleGate';
import { useInsurerDesk, useMembership, useMyBooks } from '../../_components/hooks';
import { Claims } from './Claims';
import { CoverRequests } from './CoverRequests';
import { CoveredBooks } from './CoveredBooks';
import { ExportMileage } from './ExportMileage';
import { HeldWrecks } from './HeldWrecks';

/** An insurer's staff: accept covers, open claims, mandate experts, follow verdicts, pass wrecks to recyclers. */
export function InsurerDesk() {
  const { address } = useAccount();
  const membership = useMembership(address);
  const orgId = membership.data?.kindName === 'Insurer' ? membership.data.orgId : undefined;
  const desk = useInsurerDesk(orgId);
  const held = useMyBooks(orgId ? address : undefined);

  return (
    <>
      <WalletBar title="Insurer" />
      <RoleGate kind="Insurer" what="handle covers and claims" />
      {desk.error && <div className="alert error">{desk.error.message}</div>}
      {orgId !== undefined && desk.data && (
        <>
          <CoverRequests requests={desk.data.pending} />
          <CoveredBooks covered={desk.data.covered} claims={desk.data.claims} />
          <Claims claims={desk.data.claims} />
          <ExportMileage tokenIds={desk.data.covered.map((c) => c.tokenId)} />
          <HeldWrecks tokenIds={held.data ?? []} />
        </>
      )}
    </>
  );
}
