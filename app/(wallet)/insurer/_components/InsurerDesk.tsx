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
import { useTranslations } from '@/lib/browser/i18n';
import { ReadError } from '../../_components/ReadError';

/** An insurer's staff: accept covers, open claims, mandate experts, follow verdicts, pass wrecks to recyclers. */
export function InsurerDesk() {
  const t = useTranslations('insurer');
  const { address } = useAccount();
  const membership = useMembership(address);
  const orgId = membership.data?.kindName === 'Insurer' ? membership.data.orgId : undefined;
  const desk = useInsurerDesk(orgId);
  const held = useMyBooks(orgId ? address : undefined);

  return (
    <>
      <WalletBar title={t('title')} />
      <RoleGate kind="Insurer" what={t('what')} />
      <HardwareWalletTip />
      <ReadError error={desk.error} />
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

/** Staff sign claims and covers for their organisation: how to do it with a hardware wallet. */
function HardwareWalletTip() {
  const t = useTranslations('insurer.hardware');
  return (
    <details className="tip" data-testid="hardware-wallet-tip">
      <summary>{t('summary')}</summary>
      <p className="small">{t('body')}</p>
    </details>
  );
}
