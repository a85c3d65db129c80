'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { BookFacts, IntegrityVerdict, RecordTable, StatusBadge } from '@/app/_components/HistoryView';
import { useRuntimeConfig } from '../../_components/Providers';
import { AddRecordForm } from '../../_components/AddRecordForm';
import { queryKeys, useAccessOf, useBookHistory, useOrgNames } from '../../_components/hooks';
import { bookIdOf, lastMileageAt } from '../../_components/format';
import { useModelLabel } from '../../_components/useModelLabel';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { usePrivateView } from '../../_components/privacy/usePrivateView';
import { ReadError } from '../../_components/ReadError';

const WORKSHOP_KINDS = ['Service', 'Repair', 'Inspection', 'OdometerReading', 'Note'] as const;

function AccessLine({ access }: { access: ReturnType<typeof useAccessOf>['data'] }) {
  const t = useTranslations('workshop.access');
  const format = useFormat();
  if (!access)
    return (
      <div className="alert info" data-testid="access">
        {t('checking')}
      </div>
    );
  if (access.grantValid) {
    return (
      <div className="alert success" data-testid="access">
        {t.rich('until', {
          date: format.dateTime(access.expiresAt),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </div>
    );
  }
  if (access.canWrite) {
    return (
      <div className="alert success" data-testid="access">
        {t('network')}
      </div>
    );
  }
  // eslint-disable-next-line react-hooks/purity -- expiry is judged against the clock at each render, on purpose.
  const ended = access.expiresAt > 0 && access.expiresAt * 1000 <= Date.now();
  return (
    <div className="alert error" data-testid="access">
      {ended ? t('ended', { date: format.dateTime(access.expiresAt) }) : t('none')}
    </div>
  );
}

export function WorkshopBook({ tokenId, account }: { tokenId: bigint; account: Address }) {
  const t = useTranslations('workshop');
  const modelLabel = useModelLabel();
  const config = useRuntimeConfig();
  const history = useBookHistory(tokenId);
  const access = useAccessOf(tokenId, account);
  const orgNames = useOrgNames();
  const data = history.data;
  const privateView = usePrivateView(tokenId, data?.history);
  // The record form is offered once the chain says this account may write (a grant, the maker's network, the
  // owner), and stays while the page is open: a grant revoked meanwhile comes back as the chain's sentence.
  const mayWrite = Boolean(access.data?.canWrite || access.data?.grantValid);
  const [offered, setOffered] = useState(false);
  if (mayWrite && !offered) setOffered(true);

  return (
    <article className="panel" data-testid="workshop-book" data-book-id={bookIdOf(tokenId)}>
      {history.isPending && <p className="muted">{t('loading')}</p>}
      <ReadError error={history.error} />
      {data && !data.history.exists && (
        <div className="alert error" role="alert">
          {t('noBook')}
        </div>
      )}
      {data?.history.exists && (
        <>
          <div className="book-item">
            <h2>
              {modelLabel(data.metadataURI)} <StatusBadge status={data.history.status} />
            </h2>
          </div>
          <p className="mono muted">{t('bookId', { id: bookIdOf(tokenId) })}</p>
          <AccessLine access={access.data} />
          <IntegrityVerdict history={data.history} />
          <BookFacts history={data.history} />
          <RecordTable history={data.history} orgNames={orgNames} privateView={privateView} />
          {data.history.status === 'Active' && (mayWrite || offered) && (
            <AddRecordForm
              tokenId={tokenId}
              lastMileage={data.history.mileage}
              lastMileageAt={lastMileageAt(data.history)}
              kinds={WORKSHOP_KINDS}
              invalidate={[queryKeys.grants(config.contracts.carBook, tokenId)]}
            />
          )}
        </>
      )}
    </article>
  );
}
