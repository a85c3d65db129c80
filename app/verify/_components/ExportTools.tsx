'use client';

import { useState } from 'react';
import type { PublicClient } from 'viem';
import { publicClientForShard } from '@/lib/browser/chain';
import type { RuntimeConfig } from '@/lib/browser/config';
import {
  exportHistory,
  verifyExportedHistory,
  type BookHistory,
  type ExportVerification,
  type Verdict,
} from '@/lib/browser/history';
import { useTranslations } from '@/lib/browser/i18n';
import { FilePicker } from '@/app/_components/FilePicker';

/**
 * Download the history with its proofs, the car's signed readings and the report's verdict; check a file exported
 * earlier (by anyone) against the chain.
 */
export function ExportTools({
  history,
  verdict,
  config,
  client,
}: {
  history: BookHistory;
  verdict?: Verdict;
  config: RuntimeConfig;
  client: PublicClient;
}) {
  const t = useTranslations('exportTools');
  const [check, setCheck] = useState<ExportVerification | { pending: true } | { unreadable: true } | undefined>();

  function download() {
    const file = exportHistory(
      history,
      { chainId: config.chainId, carBook: config.contracts.carBook, atBlock: history.atBlock },
      verdict,
    );
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `carbook-history-${file.tokenId.slice(2, 10)}-block${file.atBlock}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="panel no-print" aria-labelledby="export-title">
      <h2 id="export-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <div className="actions">
        <button type="button" onClick={download}>
          {t('download')}
        </button>
        <label className="secondary-file">
          {t('check')}
          <FilePicker
            accept="application/json,.json"
            data-testid="export-input"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              setCheck({ pending: true });
              try {
                // Checked against the consortium's own CarBook on the file's chain (any shard), never the file's word.
                const json: unknown = JSON.parse(await file.text());
                setCheck(
                  await verifyExportedHistory(json, config, (shard) =>
                    shard.chainId === config.chainId ? client : publicClientForShard(shard),
                  ),
                );
              } catch (error) {
                void error;
                setCheck({ unreadable: true });
              }
            }}
          />
        </label>
      </div>
      {check && 'pending' in check && <p role="status">{t('checking')}</p>}
      {check && 'unreadable' in check && (
        <div className="alert error" role="alert" data-testid="export-result">
          {t('unreadable')}
        </div>
      )}
      {check && 'ok' in check && (
        <div className={`alert ${check.ok ? 'success' : 'error'}`} data-testid="export-result">
          {check.ok
            ? t('authentic', { records: check.records, later: check.laterRecords })
            : t(`problem.${check.problem}`)}
        </div>
      )}
    </section>
  );
}
