'use client';

import { useState } from 'react';
import { useHumanize } from '@/lib/browser/errors';
import { useTranslations } from '@/lib/browser/i18n';
import { mileageSeries, mileageSeriesCsv } from '@/lib/browser/reads';
import { BookName } from '../../_components/BookName';
import { shardForBook } from '@/lib/browser/chain';
import { readClientFor, useRuntimeConfig } from '../../_components/Providers';

const DAY = 86_400;
const dateInput = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/**
 * Pay-as-you-drive: the insurer covering a car downloads its verified mileage series for a period (telematics
 * readings and records, with the block and transaction of each) as CSV. Refused, with the reason, when the
 * chain's hash chains show the series is incomplete.
 */
export function ExportMileage({ tokenIds }: { tokenIds: bigint[] }) {
  const runtime = useRuntimeConfig();
  const t = useTranslations('insurer.exportMileage');
  const humanize = useHumanize();
  const [selected, setSelected] = useState<string>('');
  const [from, setFrom] = useState(() => dateInput(Date.now() / 1000 - 30 * DAY));
  const [to, setTo] = useState(() => dateInput(Date.now() / 1000));
  const [state, setState] = useState<{ busy?: boolean; message?: string; error?: string }>({});
  const tokenId = selected || tokenIds[0]?.toString();

  if (tokenIds.length === 0) return null;

  async function exportCsv() {
    if (!tokenId) return;
    const start = Date.parse(`${from}T00:00:00Z`) / 1000;
    const end = Date.parse(`${to}T23:59:59Z`) / 1000;
    if (!(start <= end)) {
      setState({ error: t('badPeriod') });
      return;
    }
    setState({ busy: true });
    try {
      // The car's own chain: with several shards, each book is read where it lives.
      const config = shardForBook(runtime, BigInt(tokenId));
      const series = await mileageSeries(readClientFor(config), config, BigInt(tokenId), { from: start, to: end });
      if (!series.chain.ok) {
        setState({ error: t('notVerified', { problem: series.chain.problem }) });
        return;
      }
      const blob = new Blob([mileageSeriesCsv(series)], { type: 'text/csv' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `mileage-${tokenId.slice(0, 10)}-${from}-${to}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
      setState({ message: t('exported', { count: series.points.length, block: series.atBlock.toString() }) });
    } catch (error) {
      setState({ error: t('readFailed', { reason: humanize(error) }) });
    }
  }

  return (
    <section className="panel" aria-labelledby="export-mileage">
      <h2 id="export-mileage">{t('title')}</h2>
      <p className="muted small">{t('what')}</p>
      <div className="field-stack">
        <label>
          {t('car')}
          <select value={tokenId} onChange={(e) => setSelected(e.target.value)}>
            {tokenIds.map((id) => (
              <option key={id.toString()} value={id.toString()}>
                0x{id.toString(16).padStart(64, '0').slice(0, 8)}…
              </option>
            ))}
          </select>
        </label>
        {tokenId && (
          <p className="small">
            <BookName tokenId={BigInt(tokenId)} />
          </p>
        )}
        <div className="row">
          <label>
            {t('from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="button" className="secondary" disabled={state.busy} onClick={() => void exportCsv()}>
            {t('export')}
          </button>
        </div>
      </div>
      {state.message && <p className="muted small">{state.message}</p>}
      {state.error && <div className="alert error">{state.error}</div>}
    </section>
  );
}
