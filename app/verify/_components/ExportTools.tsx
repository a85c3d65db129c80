'use client';

import { useState } from 'react';
import type { PublicClient } from 'viem';
import type { RuntimeConfig } from '@/lib/browser/config';
import { exportHistory, verifyExportedHistory, type ExportVerification, type BookHistory } from '@/lib/browser/history';

/** Download the history with its proofs; check a file exported earlier (by anyone) against the chain. */
export function ExportTools({
  history,
  config,
  client,
}: {
  history: BookHistory;
  config: RuntimeConfig;
  client: PublicClient;
}) {
  const [check, setCheck] = useState<ExportVerification | { pending: true } | undefined>();

  function download() {
    const file = exportHistory(history, {
      chainId: config.chainId,
      carBook: config.contracts.carBook,
      atBlock: history.atBlock,
    });
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `carbook-history-${file.tokenId.slice(2, 10)}-block${file.atBlock}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="panel" aria-label="History file">
      <h2>History file with proofs</h2>
      <p className="muted">
        Keep a copy of this history: anyone can later check it against any node of the consortium.
      </p>
      <div className="actions">
        <button type="button" onClick={download}>
          Download history (JSON)
        </button>
        <label className="secondary-file">
          Check an exported file
          <input
            type="file"
            accept="application/json,.json"
            data-testid="export-input"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              setCheck({ pending: true });
              try {
                setCheck(await verifyExportedHistory(JSON.parse(await file.text()), client));
              } catch (error) {
                setCheck({ ok: false, reason: `Unreadable file: ${(error as Error).message}` });
              }
            }}
          />
        </label>
      </div>
      {check && 'pending' in check && <p role="status">Checking against the chain…</p>}
      {check && 'ok' in check && (
        <div className={`alert ${check.ok ? 'success' : 'error'}`} data-testid="export-result">
          {check.ok
            ? `The file is authentic: its ${check.records} records are exactly what the chain held${check.laterRecords > 0 ? `; ${check.laterRecords} record(s) were added since` : ''}.`
            : check.reason}
        </div>
      )}
    </section>
  );
}
