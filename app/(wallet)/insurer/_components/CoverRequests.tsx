'use client';

import type { Address } from 'viem';
import { insuranceAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { BookName } from '../../_components/BookName';
import { queryKeys } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { shortAddress } from '../../_components/format';
import { Pager, pageOf } from '../../_components/Pager';
import { useTranslations } from '@/lib/browser/i18n';
import { useState } from 'react';

const PAGE_SIZE = 10;

export function CoverRequests({ requests }: { requests: { tokenId: bigint; holder: Address }[] }) {
  const t = useTranslations('insurer.requests');
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [page, setPage] = useState(0);
  const { items, pages, current } = pageOf(requests, page, PAGE_SIZE);

  return (
    <section className="panel" aria-labelledby="cover-requests">
      <h2 id="cover-requests">{t('title', { count: requests.length })}</h2>
      {requests.length === 0 && <p className="muted">{t('none')}</p>}
      <ul className="plain-list">
        {items.map(({ tokenId, holder }) => (
          <li key={tokenId.toString()} data-testid="cover-request">
            <span>
              <BookName tokenId={tokenId} />{' '}
              <span className="muted small">{t('askedBy', { who: shortAddress(holder) })}</span>
            </span>
            <button
              type="button"
              disabled={tx.state.status === 'pending'}
              onClick={() =>
                tx.run({
                  bookId: tokenId,
                  pending: t('acceptPending'),
                  success: t('accepted'),
                  invalidate: [
                    queryKeys.insurerDesk(config.contracts.insurance),
                    queryKeys.cover(config.contracts.insurance, tokenId),
                  ],
                  send: ({ send }) =>
                    send({
                      address: config.contracts.insurance,
                      abi: insuranceAbi,
                      functionName: 'acceptCover',
                      args: [tokenId],
                    }),
                })
              }
            >
              {t('accept')}
            </button>
          </li>
        ))}
      </ul>
      <Pager page={current} pages={pages} onPage={setPage} label={t('title', { count: requests.length })} />
      <TxStatus state={tx.state} testId="accept-status" />
    </section>
  );
}
