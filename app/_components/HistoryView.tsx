import { Fragment } from 'react';
import type { BookHistory } from '@/lib/browser/history';
import type { IpfsClient } from '@/lib/browser/ipfs';
import type { PrivatePart } from '@/lib/browser/privacy';
import { RECORD_KIND_LABELS } from '@/lib/browser/contracts';
import { formatDateTime, formatKm } from '@/lib/browser/format';
import { PrivateDetails } from './PrivateDetails';

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

export function StatusBadge({ status }: { status: BookHistory['status'] }) {
  return <span className={`badge ${status.toLowerCase()}`}>{status}</span>;
}

/** The integrity line: did the node return every record, unaltered? */
export function IntegrityVerdict({ history }: { history: BookHistory }) {
  if (!history.chain.ok) {
    return (
      <div className="verdict bad" role="alert" data-testid="verdict">
        <strong>History incomplete or altered</strong>
        <span>The RPC node&apos;s answer failed the hash-chain check: {history.chain.detail}.</span>
      </div>
    );
  }
  if (history.status === 'Wrecked' || history.status === 'Destroyed') {
    return (
      <div className="verdict bad" data-testid="verdict">
        <strong>{history.status === 'Wrecked' ? 'Declared a total loss' : 'Declared destroyed'}</strong>
        <span>An insurer&apos;s expert declared this car a wreck. It must not be back on the road.</span>
      </div>
    );
  }
  return (
    <div className="verdict ok" data-testid="verdict">
      <strong>History verified</strong>
      <span>
        {history.recordCount === 1 ? 'The one record matches' : `All ${history.recordCount} records match`} the hash
        chain stored on chain; mileage never went down.
      </span>
    </div>
  );
}

export function BookFacts({ history }: { history: BookHistory }) {
  const owners = history.owners.filter((change) => change.to !== '0x0000000000000000000000000000000000000000').length;
  return (
    <dl className="facts">
      <div className="fact">
        <dt>Status</dt>
        <dd data-testid="book-status">
          <StatusBadge status={history.status} />
        </dd>
      </div>
      <div className="fact">
        <dt>Last mileage</dt>
        <dd data-testid="book-mileage">{formatKm(history.mileage)}</dd>
      </div>
      <div className="fact">
        <dt>Owners</dt>
        <dd data-testid="owner-count">{owners}</dd>
      </div>
      <div className="fact">
        <dt>Records</dt>
        <dd data-testid="record-count">{history.recordCount}</dd>
      </div>
      {history.corrections > 0 && (
        <div className="fact">
          <dt>Odometer corrections</dt>
          <dd data-testid="correction-count">{history.corrections}</dd>
        </div>
      )}
      <div className="fact">
        <dt>Book created</dt>
        <dd>{formatDateTime(history.createdAt)}</dd>
      </div>
    </dl>
  );
}

type Row = {
  key: string;
  timestamp: number;
  label: string;
  mileage: number;
  by: React.ReactNode;
  marker?: string;
  index?: number;
};

/** Private parts by record index (`null`: the record has none), and where its documents are fetched from. */
export type PrivateView = { parts: ReadonlyMap<number, PrivatePart | null>; ipfs: () => Promise<IpfsClient> };

/** Who held the title when a block was mined (transfers are in chain order). */
function ownerAt(history: BookHistory, blockNumber: bigint): string | undefined {
  let owner: string | undefined;
  for (const change of history.owners) {
    if (change.blockNumber > blockNumber) break;
    owner = change.to;
  }
  return owner;
}

/** A writer without an organisation is the owner of the day, or an independent workshop under the owner's grant. */
function writerLabel(
  history: BookHistory,
  record: BookHistory['records'][number],
  orgNames?: Record<number, string>,
): string {
  if (record.writerOrg !== 0) return orgNames?.[record.writerOrg] ?? `Organisation #${record.writerOrg}`;
  return ownerAt(history, record.blockNumber)?.toLowerCase() === record.writer.toLowerCase()
    ? 'Owner'
    : 'Independent workshop';
}

export function RecordTable({
  history,
  orgNames,
  privateView,
}: {
  history: BookHistory;
  orgNames?: Record<number, string>;
  /** Opened private parts (wallet pages after unlocking, a buyer's share link); absent on the public page. */
  privateView?: PrivateView;
}) {
  const rows: Row[] = [
    ...history.records.map((record) => ({
      key: `r${record.index}`,
      index: record.index,
      timestamp: record.timestamp,
      label: RECORD_KIND_LABELS[record.kind],
      mileage: record.mileage,
      marker: record.kind === 'OdometerCorrection' ? 'correction' : undefined,
      by: (
        <>
          {writerLabel(history, record, orgNames)} <span className="mono muted">{short(record.writer)}</span>
        </>
      ),
    })),
    ...history.readings.map((reading, i) => ({
      key: `t${i}`,
      timestamp: reading.timestamp,
      label: 'Telematics reading',
      mileage: reading.mileage,
      by: <span className="muted">The car&apos;s signed device</span>,
    })),
  ].sort((a, b) => b.timestamp - a.timestamp);
  if (rows.length === 0) return <p className="muted">No records yet.</p>;
  return (
    <table data-testid="history-table">
      <caption className="muted" style={{ textAlign: 'left', padding: '0.4rem 0' }}>
        Mileage history (newest first)
      </caption>
      <thead>
        <tr>
          <th>Date</th>
          <th>Kind</th>
          <th className="num">Mileage</th>
          <th>Written by</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const part = row.index !== undefined ? privateView?.parts.get(row.index) : undefined;
          return (
            <Fragment key={row.key}>
              <tr
                className={
                  [row.marker ? `marker-${row.marker}` : '', part ? 'has-private' : ''].join(' ').trim() || undefined
                }
                data-testid="record-row"
                data-record-index={row.index}
              >
                <td>{formatDateTime(row.timestamp)}</td>
                <td>{row.label}</td>
                <td className="num">{formatKm(row.mileage)}</td>
                <td>{row.by}</td>
              </tr>
              {part && privateView && (
                <tr className="private-row" data-testid="record-private" data-record-index={row.index}>
                  <td colSpan={4}>
                    <PrivateDetails part={part} ipfs={privateView.ipfs} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
