'use client';

import { useState } from 'react';
import { zeroAddress } from 'viem';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { BookName } from '../../_components/BookName';
import { VerdictBadge } from '../../_components/VerdictBadge';
import { queryKeys, type ClaimView } from '../../_components/hooks';
import { ClaimLapsed } from './ClaimLapsed';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkAddress, fieldError } from '../../_components/validation';
import { shortAddress } from '../../_components/format';
import { formatDateTime } from '@/lib/browser/format';

function MandateExpert({ claim }: { claim: ClaimView }) {
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [expert, setExpert] = useState('');
  const checked = checkAddress(expert);
  const error = fieldError(expert, checked);

  return (
    <form
      className="row"
      aria-label={`Mandate an expert for claim #${claim.claimId}`}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!checked.ok) return;
        const ok = await tx.run({
          pending: 'Mandating the expert…',
          success: `${shortAddress(checked.value)} is mandated for claim #${claim.claimId}.`,
          invalidate: [
            queryKeys.insurerDesk(config.contracts.insurance),
            queryKeys.expertClaims(config.contracts.insurance),
          ],
          send: ({ send }) =>
            send({
              address: config.contracts.insurance,
              abi: insuranceAbi,
              functionName: 'mandateExpert',
              args: [claim.claimId, checked.value],
            }),
        });
        if (ok) setExpert('');
      }}
    >
      <label>
        Expert&apos;s address
        <input
          name="expert"
          value={expert}
          placeholder="0x…"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setExpert(event.target.value)}
          aria-invalid={Boolean(error)}
        />
        {error && <span className="field-error">{error}</span>}
      </label>
      <button type="submit" disabled={!checked.ok || tx.state.status === 'pending'}>
        {claim.expert === zeroAddress ? 'Mandate expert' : 'Replace expert'}
      </button>
      <TxStatus state={tx.state} testId="mandate-status" />
    </form>
  );
}

export function Claims({ claims }: { claims: ClaimView[] }) {
  return (
    <section className="panel" aria-labelledby="claims">
      <h2 id="claims">Claims</h2>
      {claims.length === 0 && <p className="muted">No claim opened yet.</p>}
      <div className="book-list">
        {claims.map((claim) => (
          <article
            key={claim.claimId.toString()}
            className="subpanel"
            data-testid="claim"
            data-claim-id={claim.claimId.toString()}
          >
            <div className="book-item">
              <h3>
                Claim #{claim.claimId.toString()} <VerdictBadge verdict={claim.verdict} />
              </h3>
              <span className="muted small">opened {formatDateTime(claim.openedAt)}</span>
            </div>
            <p>
              <BookName tokenId={claim.tokenId} />
            </p>
            <p className="small">
              Expert:{' '}
              {claim.expert === zeroAddress ? (
                <span className="muted">none mandated yet</span>
              ) : (
                <span className="mono" title={claim.expert}>
                  {shortAddress(claim.expert)}
                </span>
              )}
            </p>
            {claim.live && <MandateExpert claim={claim} />}
            {claim.verdict === 'None' && !claim.live && <ClaimLapsed />}
          </article>
        ))}
      </div>
    </section>
  );
}
