'use client';

import type { Address } from 'viem';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { BookName } from '../../_components/BookName';
import { queryKeys, type ClaimView } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { Pager, pageOf } from '../../_components/Pager';
import { useState } from 'react';
import { EndCover } from './EndCover';

const PAGE_SIZE = 10;

export function CoveredBooks({
  covered,
  claims,
}: {
  covered: { tokenId: bigint; holder: Address; since: number }[];
  claims: ClaimView[];
}) {
  const t = useTranslations('insurer.covered');
  const format = useFormat();
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [page, setPage] = useState(0);
  const { items, pages, current } = pageOf(covered, page, PAGE_SIZE);

  return (
    <section className="panel" aria-labelledby="covered-books">
      <h2 id="covered-books">{t('title', { count: covered.length })}</h2>
      {covered.length === 0 && <p className="muted">{t('none')}</p>}
      <ul className="plain-list">
        {items.map(({ tokenId, since }) => {
          const open = claims.find((c) => c.tokenId === tokenId && c.live);
          return (
            <li key={tokenId.toString()} data-testid="covered-book">
              <span>
                <BookName tokenId={tokenId} />{' '}
                <span className="muted small">{t('since', { date: format.date(since) })}</span>
              </span>
              {open ? (
                <span className="muted small">{t('claimOpen', { id: open.claimId.toString() })}</span>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  disabled={tx.state.status === 'pending'}
                  onClick={() =>
                    tx.run({
                      bookId: tokenId,
                      pending: t('openPending'),
                      success: t('opened'),
                      invalidate: [queryKeys.insurerDesk(config.contracts.insurance)],
                      send: ({ send }) =>
                        send({
                          address: config.contracts.insurance,
                          abi: insuranceAbi,
                          functionName: 'openClaim',
                          args: [tokenId],
                        }),
                    })
                  }
                >
                  {t('open')}
                </button>
              )}
              <EndCover tokenId={tokenId} by="insurer" />
            </li>
          );
        })}
      </ul>
      <Pager page={current} pages={pages} onPage={setPage} label={t('title', { count: covered.length })} />
      <TxStatus state={tx.state} testId="claim-open-status" />
    </section>
  );
}
