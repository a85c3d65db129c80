'use client';

import { useState } from 'react';
import { carBookAbi } from '@/lib/contracts/generated';
import { PARAMETERS } from '@/lib/contracts/roles';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useGrants, useParameter } from '../../_components/hooks';
import { useContractWrite } from '../../_components/useContractWrite';
import { TxStatus, useTransaction } from '../../_components/useTransaction';
import { checkAddress, checkDays, fieldError } from '../../_components/validation';
import { dateTime, duration, shortAddress } from '../../_components/format';

const DEFAULT_DAYS = '7';

/** The owner lets an independent workshop write to the book for a while, sees current grants, revokes. */
export function WorkshopAccess({ tokenId }: { tokenId: bigint }) {
  const config = useRuntimeConfig();
  const write = useContractWrite();
  const grants = useGrants(tokenId);
  const maxDuration = useParameter(PARAMETERS.MAX_GRANT_DURATION);
  const grantTx = useTransaction();
  const revokeTx = useTransaction();
  const [workshop, setWorkshop] = useState('');
  const [days, setDays] = useState(DEFAULT_DAYS);

  const maxDays = maxDuration.data !== undefined ? Math.floor(Number(maxDuration.data) / 86_400) : undefined;
  const workshopCheck = checkAddress(workshop);
  const daysCheck = checkDays(days, maxDays ?? Number.MAX_SAFE_INTEGER);
  const invalidate = [queryKeys.grants(config.contracts.carBook, tokenId)];
  const canSubmit = workshopCheck.ok && daysCheck.ok && maxDays !== undefined && grantTx.state.status !== 'pending';

  return (
    <section className="subpanel" aria-labelledby={`access-${tokenId}`} data-testid="workshop-access">
      <h3 id={`access-${tokenId}`}>Workshop access</h3>
      <p className="muted small">
        An independent workshop can read the history and write records only while your grant lasts.
        {maxDuration.data !== undefined && ` The consortium allows at most ${duration(maxDuration.data)}.`}
      </p>
      {grants.data && grants.data.length > 0 && (
        <ul className="plain-list" aria-label="Current grants">
          {grants.data.map((grant) => (
            <li key={grant.grantee} data-testid="grant" data-grantee={grant.grantee}>
              <span>
                <span className="mono" title={grant.grantee}>{shortAddress(grant.grantee)}</span> until {dateTime(grant.expiresAt)}
              </span>
              <button
                type="button"
                className="secondary small"
                disabled={revokeTx.state.status === 'pending'}
                onClick={() =>
                  revokeTx.run({
                    pending: 'Revoking the grant…',
                    success: `Access revoked for ${shortAddress(grant.grantee)}.`,
                    invalidate,
                    send: () =>
                      write({ address: config.contracts.carBook, abi: carBookAbi, functionName: 'revokeAccess', args: [tokenId, grant.grantee] }),
                  })
                }
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {grants.data?.length === 0 && <p className="muted small">No workshop has access now.</p>}
      <TxStatus state={revokeTx.state} testId="revoke-status" />
      <form
        className="stack"
        aria-label="Grant workshop access"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!workshopCheck.ok || !daysCheck.ok) return;
          const grantee = workshopCheck.value;
          const ok = await grantTx.run({
            pending: 'Granting access…',
            success: `${shortAddress(grantee)} may write to this book for ${daysCheck.value} day${daysCheck.value === 1 ? '' : 's'}.`,
            invalidate,
            send: () => {
              // Counted from now; the chain checks it against its own clock and the governance maximum.
              const expiresAt = BigInt(Math.floor(Date.now() / 1000) + daysCheck.value * 86_400);
              return write({ address: config.contracts.carBook, abi: carBookAbi, functionName: 'grantAccess', args: [tokenId, grantee, expiresAt] });
            },
          });
          if (ok) setWorkshop('');
        }}
      >
        <div className="row">
          <label>
            Workshop&apos;s address
            <input
              name="workshop"
              value={workshop}
              placeholder="0x…"
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setWorkshop(event.target.value)}
              aria-invalid={Boolean(fieldError(workshop, workshopCheck))}
            />
            {fieldError(workshop, workshopCheck) && <span className="field-error">{fieldError(workshop, workshopCheck)}</span>}
          </label>
          <label className="narrow">
            Days
            <input
              name="days"
              inputMode="numeric"
              value={days}
              onChange={(event) => setDays(event.target.value)}
              aria-invalid={Boolean(fieldError(days, daysCheck))}
            />
            {fieldError(days, daysCheck) && <span className="field-error">{fieldError(days, daysCheck)}</span>}
          </label>
          <button type="submit" disabled={!canSubmit}>
            Grant access
          </button>
        </div>
        <TxStatus state={grantTx.state} testId="grant-status" />
      </form>
    </section>
  );
}
