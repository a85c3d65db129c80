'use client';

import { useAccount } from 'wagmi';
import { WalletBar } from '../../_components/WalletBar';
import { useExpertClaims, type ClaimView } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { DiagnosisForm } from './DiagnosisForm';
import { ClaimLapsed } from '../../insurer/_components/ClaimLapsed';
import { BookName } from '../../_components/BookName';
import { VerdictBadge } from '../../_components/VerdictBadge';
import { formatDateTime } from '@/lib/browser/format';
import { ReadError } from '../../_components/ReadError';
import { useTranslations } from '@/lib/browser/i18n';

/** An insurance expert's claims: the ones an insurer mandated this address for. */
export function ExpertDesk() {
  const tp = useTranslations('pageTitles');
  const { address, isConnected } = useAccount();
  const claims = useExpertClaims(address);

  return (
    <>
      <WalletBar title={tp('expert')} />
      <p className="muted">
        Insurers mandate you for a claim by your address. Your diagnosis goes into the car book for good: a total loss
        marks the car as a wreck that may never return to the road.
      </p>
      {!isConnected && <p className="muted">Connect your wallet to see the claims you are mandated for.</p>}
      <ReadError error={claims.error} />
      {claims.data?.length === 0 && (
        <div className="panel">
          <p>No insurer has mandated you for a claim yet.</p>
        </div>
      )}
      <div className="book-list">
        {claims.data?.map((claim) => (
          <ClaimCard key={claim.claimId.toString()} claim={claim} />
        ))}
      </div>
    </>
  );
}

function ClaimCard({ claim }: { claim: ClaimView }) {
  const tx = useTransactionSteps();
  return (
    <article className="panel" data-testid="expert-claim" data-claim-id={claim.claimId.toString()}>
      <div className="book-item">
        <h2>
          Claim #{claim.claimId.toString()} <VerdictBadge verdict={claim.verdict} />
        </h2>
        <span className="muted small">opened {formatDateTime(claim.openedAt)}</span>
      </div>
      <p>
        <BookName tokenId={claim.tokenId} />
      </p>
      {claim.live && <DiagnosisForm claim={claim} tx={tx} />}
      {claim.verdict === 'None' && !claim.live && <ClaimLapsed />}
      <TxStatus state={tx.state} testId="diagnosis-status" />
    </article>
  );
}
