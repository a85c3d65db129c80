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
import { checkAddress, fieldProblem } from '../../_components/validation';
import { shortAddress } from '../../_components/format';
import { Pager, pageOf } from '../../_components/Pager';
import { useFormat, useTranslations } from '@/lib/browser/i18n';

const PAGE_SIZE = 10;

function MandateExpert({ claim }: { claim: ClaimView }) {
  const t = useTranslations('insurer.claims');
  const tv = useTranslations('validation');
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [expert, setExpert] = useState('');
  const checked = checkAddress(expert);
  const problem = fieldProblem(expert, checked);
  const error = problem && tv(problem.key, problem.values);

  return (
    <form
      className="row"
      aria-label={t('mandateLabel', { id: claim.claimId.toString() })}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!checked.ok) return;
        const ok = await tx.run({
          pending: t('mandatePending'),
          success: t('mandated', { who: shortAddress(checked.value), id: claim.claimId.toString() }),
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
        {t('expertLabel')}
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
        {claim.expert === zeroAddress ? t('mandate') : t('replace')}
      </button>
      <TxStatus state={tx.state} testId="mandate-status" />
    </form>
  );
}

export function Claims({ claims }: { claims: ClaimView[] }) {
  const t = useTranslations('insurer.claims');
  const format = useFormat();
  const [page, setPage] = useState(0);
  // Newest first, open claims before decided ones: what waits for the desk comes first.
  const ordered = [...claims].sort(
    (a, b) =>
      Number(a.verdict !== 'None') - Number(b.verdict !== 'None') ||
      b.openedAt - a.openedAt ||
      Number(b.claimId - a.claimId),
  );
  const { items, pages, current } = pageOf(ordered, page, PAGE_SIZE);
  return (
    <section className="panel" aria-labelledby="claims">
      <h2 id="claims">{t('title', { count: claims.length })}</h2>
      {claims.length === 0 && <p className="muted">{t('none')}</p>}
      <div className="book-list">
        {items.map((claim) => (
          <article
            key={`${claim.tokenId.toString()}-${claim.claimId.toString()}`}
            className="subpanel"
            data-testid="claim"
            data-claim-id={claim.claimId.toString()}
          >
            <div className="book-item">
              <h3>
                {t('claim', { id: claim.claimId.toString() })} <VerdictBadge verdict={claim.verdict} />
              </h3>
              <span className="muted small">{t('openedAt', { date: format.date(claim.openedAt) })}</span>
            </div>
            <p>
              <BookName tokenId={claim.tokenId} />
            </p>
            <p className="small">
              {t('expert')}{' '}
              {claim.expert === zeroAddress ? (
                <span className="muted">{t('noExpert')}</span>
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
      <Pager page={current} pages={pages} onPage={setPage} label={t('title', { count: claims.length })} />
    </section>
  );
}
