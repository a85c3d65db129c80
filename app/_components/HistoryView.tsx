'use client';

import { Fragment, lazy, Suspense } from 'react';
import type { BookHistory } from '@/lib/browser/history';
import type { IpfsClient } from '@/lib/browser/ipfs';
import type { PrivatePart } from '@/lib/browser/privacy';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { useVerdict } from './useVerdict';
import { VerdictPanel } from './VerdictPanel';

// Shown only with opened private parts (wallet pages, a share link): its decryption and error words load then.
const PrivateDetails = lazy(() => import('./PrivateDetails').then((m) => ({ default: m.PrivateDetails })));

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

export function StatusBadge({ status }: { status: BookHistory['status'] }) {
  const t = useTranslations('history.status');
  return <span className={`badge ${status.toLowerCase()}`}>{t(status)}</span>;
}

/**
 * The verdict of a history read by a wallet page (garage, workshop): the same function and panel as /verify,
 * so a car never looks clear in one view and suspicious in another.
 */
export function IntegrityVerdict({ history }: { history: BookHistory }) {
  const t = useTranslations('verdict');
  const verdict = useVerdict(history);
  if (verdict === undefined)
    return (
      <p className="muted" role="status">
        {t('computing')}
      </p>
    );
  if (verdict === null)
    return (
      <div className="alert error" role="alert" data-testid="verdict">
        {t('unavailable')}
      </div>
    );
  return <VerdictPanel verdict={verdict} recordCount={history.recordCount} />;
}

export function BookFacts({ history }: { history: BookHistory }) {
  const t = useTranslations('history.facts');
  const f = useFormat();
  const verdict = useVerdict(history);
  return (
    <dl className="facts">
      <div className="fact">
        <dt>{t('status')}</dt>
        <dd data-testid="book-status">
          <StatusBadge status={history.status} />
        </dd>
      </div>
      <div className="fact">
        <dt>{t('lastMileage')}</dt>
        <dd data-testid="book-mileage">{f.km(history.mileage)}</dd>
      </div>
      <div className="fact">
        <dt>{t('owners')}</dt>
        <dd data-testid="owner-count">{verdict ? f.number(verdict.owners.private) : '…'}</dd>
      </div>
      {verdict && verdict.owners.custody > 0 && (
        <div className="fact">
          <dt>{t('custody')}</dt>
          <dd data-testid="custody-count">{f.number(verdict.owners.custody)}</dd>
        </div>
      )}
      <div className="fact">
        <dt>{t('records')}</dt>
        <dd data-testid="record-count">{f.number(history.recordCount)}</dd>
      </div>
      {history.corrections > 0 && (
        <div className="fact">
          <dt>{t('corrections')}</dt>
          <dd data-testid="correction-count">{f.number(history.corrections)}</dd>
        </div>
      )}
      <div className="fact">
        <dt>{t('created')}</dt>
        <dd>{f.date(history.createdAt)}</dd>
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
function writerOf(
  history: BookHistory,
  record: BookHistory['records'][number],
): 'organisation' | 'owner' | 'independent' {
  if (record.writerOrg !== 0) return 'organisation';
  return ownerAt(history, record.blockNumber)?.toLowerCase() === record.writer.toLowerCase() ? 'owner' : 'independent';
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
  const t = useTranslations('history');
  const f = useFormat();
  const kindLabel = (record: BookHistory['records'][number]) =>
    record.kind === 'ExpertDiagnosis'
      ? t(
          history.wrecked?.blockNumber === record.blockNumber
            ? 'kinds.diagnosisTotalLoss'
            : 'kinds.diagnosisRepairable',
        )
      : t(`kinds.${record.kind}`);
  const writerLabel = (record: BookHistory['records'][number]) => {
    const writer = writerOf(history, record);
    return writer === 'organisation'
      ? (orgNames?.[record.writerOrg] ?? t('writer.organisation', { id: record.writerOrg }))
      : t(`writer.${writer}`);
  };
  const rows: Row[] = [
    ...history.records.map((record) => ({
      key: `r${record.index}`,
      index: record.index,
      timestamp: record.timestamp,
      label: kindLabel(record),
      mileage: record.mileage,
      marker:
        record.kind === 'OdometerCorrection'
          ? 'correction'
          : record.kind === 'ExpertDiagnosis'
            ? 'diagnosis'
            : undefined,
      by: (
        <>
          {writerLabel(record)} <span className="mono muted">{short(record.writer)}</span>
        </>
      ),
    })),
    ...history.readings.map((reading, i) => ({
      key: `t${i}`,
      timestamp: reading.timestamp,
      label: t('kinds.reading'),
      mileage: reading.mileage,
      by: <span className="muted">{t('writer.device')}</span>,
    })),
  ].sort((a, b) => b.timestamp - a.timestamp);
  if (rows.length === 0) return <p className="muted">{t('table.empty')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('table.caption')}>
      {/* Explicit roles: the phone layout (globals.css) displays rows as grids, which may drop table semantics. */}
      <table className="history-table" role="table" data-testid="history-table">
        <caption className="muted table-caption">{t('table.caption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">
              {t('table.date')}
            </th>
            <th role="columnheader" scope="col">
              {t('table.kind')}
            </th>
            <th role="columnheader" scope="col" className="num">
              {t('table.mileage')}
            </th>
            <th role="columnheader" scope="col">
              {t('table.by')}
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => {
            const part = row.index !== undefined ? privateView?.parts.get(row.index) : undefined;
            return (
              <Fragment key={row.key}>
                <tr
                  role="row"
                  className={
                    [row.marker ? `marker-${row.marker}` : '', part ? 'has-private' : ''].join(' ').trim() || undefined
                  }
                  data-testid="record-row"
                  data-record-index={row.index}
                >
                  <td role="cell">{f.date(row.timestamp)}</td>
                  <td role="cell">{row.label}</td>
                  <td role="cell" className="num">
                    {f.km(row.mileage)}
                  </td>
                  <td role="cell">{row.by}</td>
                </tr>
                {part && privateView && (
                  <tr role="row" className="private-row" data-testid="record-private" data-record-index={row.index}>
                    <td role="cell" colSpan={4}>
                      <Suspense>
                        <PrivateDetails part={part} ipfs={privateView.ipfs} />
                      </Suspense>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
