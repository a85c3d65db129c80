'use client';

import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { hexToBigInt } from 'viem';
import { useAccount } from 'wagmi';
import { StatusBadge } from '@/app/_components/HistoryView';
import { readVinCommitmentParams, shardForBook } from '@/lib/browser/chain';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { useHumanize } from '@/lib/browser/errors';
import { bookSummary, type BookSummary } from '@/lib/browser/reads';
import { validateVin, vinCommitment } from '@/lib/browser/vin';
import { WalletBar } from '../../_components/WalletBar';
import { queryKeys, useMyBooks } from '../../_components/hooks';
import { useReads } from '../../_components/hooks/readWhen';
import { readClientFor, useRuntimeConfig } from '../../_components/Providers';
import { bookIdOf, shortHash } from '../../_components/format';
import { useModelLabel } from '../../_components/useModelLabel';
import { Pager, pageOf } from '../../_components/Pager';
import { ReadError } from '../../_components/ReadError';
import { OwnedBook } from './OwnedBook';

/** Books per page of the garage list: a fleet manager's garage paginates, a family's fits one page. */
export const GARAGE_PAGE_SIZE = 8;

/**
 * The owner's garage: one compact row per car (model, status, mileage, records, what waits for the owner), newest
 * first, a filter by model, book id or VIN, and one book open at a time with its actions in tabs.
 */
export function Garage() {
  const t = useTranslations('garage');
  const modelLabel = useModelLabel();
  const { address, isConnected } = useAccount();
  const { client, config } = useReads();
  const runtime = useRuntimeConfig();
  const humanize = useHumanize();
  const books = useMyBooks(address);
  // A book handed over leaves this list with its panel: its last message is shown here instead.
  const [notice, setNotice] = useState<string | undefined>();
  const [filter, setFilter] = useState('');
  const [vinMatch, setVinMatch] = useState<{ vin: string; tokenId: bigint } | undefined>();
  const [vinProgress, setVinProgress] = useState<number | undefined>();
  const [vinError, setVinError] = useState<string | undefined>();
  // undefined: the newest book is open; null: the owner closed it.
  const [openId, setOpenId] = useState<bigint | null | undefined>();
  const [page, setPage] = useState(0);

  const newestFirst = useMemo(() => [...(books.data ?? [])].reverse(), [books.data]);
  const summaries = useQueries({
    queries: newestFirst.map((tokenId) => ({
      queryKey: queryKeys.bookSummary(config.contracts.carBook, tokenId),
      queryFn: () => {
        // Each book on its own chain (the list spans every shard).
        const shard = shardForBook(runtime, tokenId);
        return bookSummary(readClientFor(shard), shard, tokenId);
      },
    })),
  });
  const summaryOf = new Map(newestFirst.map((tokenId, i) => [tokenId, summaries[i]?.data]));

  const query = filter.trim().toLowerCase();
  const typedVin = validateVin(filter);
  const shown = newestFirst.filter((tokenId) => {
    if (vinMatch && typedVin.ok && vinMatch.vin === typedVin.vin) return tokenId === vinMatch.tokenId;
    if (query === '') return true;
    const summary = summaryOf.get(tokenId);
    return (
      bookIdOf(tokenId).includes(query) ||
      (summary !== undefined && modelLabel(summary.metadataURI).toLowerCase().includes(query))
    );
  });
  const { items, pages, current } = pageOf(shown, page, GARAGE_PAGE_SIZE);
  const open = openId === undefined ? items[0] : openId === null ? undefined : openId;

  async function findVin() {
    const vin = validateVin(filter);
    setVinError(undefined);
    if (!vin.ok) return;
    try {
      setVinProgress(0);
      const commitment = await vinCommitment(
        vin.vin,
        await readVinCommitmentParams(client, config.contracts.consortium),
        { onProgress: setVinProgress },
      );
      const tokenId = hexToBigInt(commitment);
      setVinMatch({ vin: vin.vin, tokenId });
      setOpenId(tokenId);
      setPage(0);
    } catch (error) {
      setVinError(humanize(error));
    } finally {
      setVinProgress(undefined);
    }
  }

  return (
    <>
      <WalletBar title={t('title')} privateData />
      {!isConnected && <p className="muted">{t('connect')}</p>}
      {notice && (
        <div className="alert success" role="status" data-testid="garage-notice">
          {notice}
        </div>
      )}
      {isConnected && books.isPending && <p className="muted">{t('loading')}</p>}
      <ReadError error={books.error} />
      {books.data?.length === 0 && (
        <div className="panel" data-testid="no-books">
          <p>{t('empty')}</p>
        </div>
      )}
      {newestFirst.length > 0 && (
        <>
          <p className="muted small" data-testid="access">
            {t('owns', { count: newestFirst.length })}
          </p>
          {newestFirst.length > 1 && (
            <form
              className="filter-bar"
              role="search"
              aria-label={t('filterLabel')}
              onSubmit={(event) => {
                event.preventDefault();
                void findVin();
              }}
            >
              <label>
                {t('filterLabel')}
                <input
                  type="search"
                  name="filter"
                  value={filter}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={t('filterPlaceholder')}
                  onChange={(event) => {
                    setFilter(event.target.value);
                    setVinError(undefined);
                    setPage(0);
                  }}
                />
              </label>
              {typedVin.ok && (
                <button type="submit" className="secondary small" disabled={vinProgress !== undefined}>
                  {t('findVin')}
                </button>
              )}
              {vinProgress !== undefined && (
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={t('vinProgress')}
                  aria-valuenow={Math.round(vinProgress * 100)}
                  aria-valuemin={0}
                  aria-valuemax={100}
                >
                  <div style={{ width: `${Math.round(vinProgress * 100)}%` }} />
                </div>
              )}
              {vinError && (
                <span className="field-error" role="alert">
                  {vinError}
                </span>
              )}
            </form>
          )}
        </>
      )}
      {books.data && books.data.length > 0 && shown.length === 0 && (
        <p className="muted" data-testid="no-match">
          {t('noMatch')}
        </p>
      )}
      <ul className="book-rows" aria-label={t('listLabel')}>
        {items.map((tokenId) =>
          tokenId === open ? (
            <li key={tokenId.toString()} className="book-open">
              <OwnedBook tokenId={tokenId} onGone={setNotice} onClose={() => setOpenId(null)} />
            </li>
          ) : (
            <GarageRow
              key={tokenId.toString()}
              tokenId={tokenId}
              summary={summaryOf.get(tokenId)}
              onOpen={() => setOpenId(tokenId)}
            />
          ),
        )}
      </ul>
      <Pager page={current} pages={pages} onPage={setPage} label={t('listLabel')} />
    </>
  );
}

/** One car of the garage as one line: what it is, where it stands, what waits for the owner. */
function GarageRow({
  tokenId,
  summary,
  onOpen,
}: {
  tokenId: bigint;
  summary: BookSummary | undefined;
  onOpen: () => void;
}) {
  const t = useTranslations('garage');
  const modelLabel = useModelLabel();
  const format = useFormat();
  const id = bookIdOf(tokenId);
  const model = summary ? modelLabel(summary.metadataURI) : t('row.loading');
  return (
    <li className="book-row" data-testid="garage-row" data-book-id={id}>
      <div className="book-row-main">
        <strong>{model}</strong> {summary && summary.status !== 'None' && <StatusBadge status={summary.status} />}
        <span className="muted small book-row-facts">
          {summary && (
            <>
              {format.km(summary.mileage)} · {t('row.records', { count: summary.recordCount })} ·{' '}
            </>
          )}
          <span className="mono" title={id}>
            {shortHash(id)}
          </span>
        </span>
        {summary?.status === 'Wrecked' && (
          <span className="small pending-action" data-testid="row-pending">
            {t('row.wrecked')}
          </span>
        )}
      </div>
      <button
        type="button"
        className="secondary small"
        aria-expanded={false}
        aria-label={t('row.openLabel', { model })}
        onClick={onOpen}
      >
        {t('row.open')}
      </button>
    </li>
  );
}
