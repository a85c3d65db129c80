'use client';

import { toHex } from 'viem';
import { BookFacts, IntegrityVerdict, RecordTable, StatusBadge } from '@/app/_components/HistoryView';
import { useBookHistory } from '../../_components/hooks';
import { AddRecordForm } from './AddRecordForm';

function modelLabel(metadataURI: string): string {
  if (metadataURI.startsWith('demo:')) return metadataURI.slice('demo:'.length);
  return metadataURI || 'Vehicle';
}

export function OwnedBook({ tokenId }: { tokenId: bigint }) {
  const { data, error, isPending } = useBookHistory(tokenId);
  const bookId = toHex(tokenId, { size: 32 });

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
          <RecordTable history={data.history} />
          {data.history.status === 'Active' && (
            <AddRecordForm tokenId={tokenId} lastMileage={data.history.mileage} />
          )}
        </>
      )}
    </article>
  );
}
