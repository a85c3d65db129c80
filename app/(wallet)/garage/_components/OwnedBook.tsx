'use client';

import { useState } from 'react';
import { BookFacts, IntegrityVerdict, RecordTable, StatusBadge } from '@/app/_components/HistoryView';
import { useTranslations } from '@/lib/browser/i18n';
import { SiteLink } from '@/app/_components/SiteLink';
import { useBookHistory, useOrgNames } from '../../_components/hooks';
import { bookIdOf, lastMileageAt } from '../../_components/format';
import { useModelLabel } from '../../_components/useModelLabel';
import { AddRecordForm } from '../../_components/AddRecordForm';
import { usePrivateView } from '../../_components/privacy/usePrivateView';
import { ReadError } from '../../_components/ReadError';
import { HandToInsurer } from './HandToInsurer';
import { BuyerShare } from './BuyerShare';
import { Insurance } from './Insurance';
import { SellBook } from './SellBook';
import { WorkshopAccess } from './WorkshopAccess';

const TABS = ['history', 'workshops', 'buyer', 'insurance', 'sell'] as const;
type Tab = (typeof TABS)[number];

/** The one open book of the garage: its verdict and facts, then its history and each action in its own tab. */
export function OwnedBook({
  tokenId,
  onGone,
  onClose,
}: {
  tokenId: bigint;
  onGone: (message: string) => void;
  onClose?: () => void;
}) {
  const t = useTranslations('garage.book');
  const modelLabel = useModelLabel();
  const { data, error, isPending } = useBookHistory(tokenId);
  const orgNames = useOrgNames();
  const bookId = bookIdOf(tokenId);
  const privateView = usePrivateView(tokenId, data?.history);
  const [tab, setTab] = useState<Tab>('history');
  const active = data?.history.status === 'Active';
  const tabs = active ? TABS : (['history'] as const);
  const panelId = (name: Tab) => `book-${bookId.slice(2, 10)}-${name}`;

  return (
    <article className="panel" data-testid="owned-book" data-book-id={bookId}>
      {isPending && <p className="muted">{t('loading')}</p>}
      <ReadError error={error} />
      {data && (
        <>
          <div className="book-item">
            <h2>
              {modelLabel(data.metadataURI)} <StatusBadge status={data.history.status} />
            </h2>
            <span className="book-item-links">
              <SiteLink fullLoad href={`/verify?book=${bookId}`}>
                {t('publicPage')}
              </SiteLink>
              {onClose && (
                <button type="button" className="secondary small" aria-expanded onClick={onClose}>
                  {t('close')}
                </button>
              )}
            </span>
          </div>
          <p className="mono muted small book-id">{t('bookId', { id: bookId })}</p>
          <IntegrityVerdict history={data.history} />
          <BookFacts history={data.history} />
          {data.history.status === 'Wrecked' && (
            <HandToInsurer tokenId={tokenId} model={modelLabel(data.metadataURI)} onDone={onGone} />
          )}
          {tabs.length > 1 && (
            <div className="tabs" role="tablist" aria-label={t('tabsLabel')}>
              {tabs.map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  id={`${panelId(name)}-tab`}
                  aria-selected={tab === name}
                  aria-controls={panelId(name)}
                  className={tab === name ? 'tab selected' : 'tab'}
                  onClick={() => setTab(name)}
                >
                  {t(`tab.${name}`)}
                </button>
              ))}
            </div>
          )}
          <div
            role={tabs.length > 1 ? 'tabpanel' : undefined}
            id={panelId(tab)}
            aria-labelledby={`${panelId(tab)}-tab`}
          >
            {tab === 'history' && (
              <>
                {active && (
                  <AddRecordForm
                    tokenId={tokenId}
                    lastMileage={data.history.mileage}
                    lastMileageAt={lastMileageAt(data.history)}
                  />
                )}
                <RecordTable history={data.history} orgNames={orgNames} privateView={privateView} />
              </>
            )}
            {active && tab === 'workshops' && <WorkshopAccess tokenId={tokenId} />}
            {active && tab === 'buyer' && <BuyerShare tokenId={tokenId} />}
            {active && tab === 'insurance' && <Insurance tokenId={tokenId} active />}
            {active && tab === 'sell' && (
              <SellBook tokenId={tokenId} model={modelLabel(data.metadataURI)} onDone={onGone} />
            )}
          </div>
        </>
      )}
    </article>
  );
}
