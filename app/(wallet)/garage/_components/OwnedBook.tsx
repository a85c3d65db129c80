'use client';

import { BookFacts, IntegrityVerdict, RecordTable, StatusBadge } from '@/app/_components/HistoryView';
import { useBookHistory, useOrgNames } from '../../_components/hooks';
import { bookIdOf, modelLabel } from '../../_components/format';
import { AddRecordForm } from '../../_components/AddRecordForm';
import { usePrivateView } from '../../_components/privacy/usePrivateView';
import { HandToInsurer } from './HandToInsurer';
import { BuyerShare } from './BuyerShare';
import { Insurance } from './Insurance';
import { SellBook } from './SellBook';
import { WorkshopAccess } from './WorkshopAccess';

export function OwnedBook({ tokenId, onGone }: { tokenId: bigint; onGone: (message: string) => void }) {
  const { data, error, isPending } = useBookHistory(tokenId);
  const orgNames = useOrgNames();
  const bookId = bookIdOf(tokenId);
  const privateView = usePrivateView(tokenId, data?.history);

  return (
    <article className="panel" data-testid="owned-book" data-book-id={bookId}>
      {isPending && <p className="muted">Loading the history…</p>}
      {error && <div className="alert error">{error.message}</div>}
      {data && (
        <>
          <div className="book-item">
            <h2>
              {modelLabel(data.metadataURI)} <StatusBadge status={data.history.status} />
            </h2>
            <a href={`/verify?book=${bookId}`} className="mono">
              Public page ↗
            </a>
          </div>
          <p className="mono muted">Book {bookId}</p>
          <IntegrityVerdict history={data.history} />
          <BookFacts history={data.history} />
          <RecordTable history={data.history} orgNames={orgNames} privateView={privateView} />
          {data.history.status === 'Active' && <AddRecordForm tokenId={tokenId} lastMileage={data.history.mileage} />}
          {data.history.status === 'Wrecked' && (
            <HandToInsurer tokenId={tokenId} model={modelLabel(data.metadataURI)} onDone={onGone} />
          )}
          {data.history.status === 'Active' && (
            <div className="subpanels">
              <WorkshopAccess tokenId={tokenId} />
              <BuyerShare tokenId={tokenId} />
              <Insurance tokenId={tokenId} active />
              <SellBook tokenId={tokenId} model={modelLabel(data.metadataURI)} onDone={onGone} />
            </div>
          )}
        </>
      )}
    </article>
  );
}
