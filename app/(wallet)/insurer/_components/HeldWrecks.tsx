'use client';

import { useState } from 'react';
import { useRuntimeConfig } from '../../_components/Providers';
import { titleTransferFlow } from '../../_components/titleTransfer';
import { BookName } from '../../_components/BookName';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { useBookSummary, useOrganisations, type Organisation } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { useTranslations } from '@/lib/browser/i18n';

function Wreck({
  tokenId,
  recyclers,
  onDone,
}: {
  tokenId: bigint;
  recyclers: Organisation[];
  onDone: (message: string) => void;
}) {
  const t = useTranslations('insurer.wrecks');
  const config = useRuntimeConfig();
  const summary = useBookSummary(tokenId);
  const tx = useTransactionSteps();
  const [recyclerId, setRecyclerId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const chosen = recyclers.find((org) => String(org.id) === recyclerId) ?? recyclers[0];
  if (summary.data && summary.data.status !== 'Wrecked') return null;

  return (
    <li data-testid="held-wreck" className="stacked">
      <BookName tokenId={tokenId} />
      {!confirming ? (
        <form
          className="row"
          aria-label={t('formLabel')}
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) setConfirming(true);
          }}
        >
          <label>
            {t('recyclerLabel')}
            <select
              name="recycler"
              value={chosen ? String(chosen.id) : ''}
              onChange={(event) => setRecyclerId(event.target.value)}
            >
              {recyclers.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!chosen}>
            {t('transfer')}
          </button>
        </form>
      ) : (
        <ConfirmStep
          title={t('confirmTitle', { recycler: chosen.name })}
          confirmLabel={t('confirm')}
          busy={tx.state.status === 'pending'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const recycler = chosen;
            const ok = await tx.run({
              bookId: tokenId,
              pending: t('pending', { recycler: recycler.name }),
              success: t('success', { recycler: recycler.name }),
              ...titleTransferFlow(config, tokenId, recycler.admin),
            });
            if (ok) onDone(t('done', { recycler: recycler.name }));
            else setConfirming(false);
          }}
        >
          <p>
            {t.rich('confirmBody', {
              recycler: chosen.name,
              admin: chosen.admin,
              mono: (chunks) => <span className="mono">{chunks}</span>,
            })}
          </p>
        </ConfirmStep>
      )}
      <TxStatus state={tx.state} testId="recycler-transfer-status" />
    </li>
  );
}

/** Wrecks whose title the insurer holds after redemption, to be passed on to a recycler. */
export function HeldWrecks({ tokenIds }: { tokenIds: bigint[] }) {
  const t = useTranslations('insurer.wrecks');
  const orgs = useOrganisations();
  const [notice, setNotice] = useState<string | undefined>();
  const recyclers = orgs.data?.organisations.filter((org) => org.kind === 'Recycler' && org.active) ?? [];

  return (
    <section className="panel" aria-labelledby="held-wrecks">
      <h2 id="held-wrecks">{t('title')}</h2>
      {notice && (
        <div className="alert success" role="status" data-testid="wreck-notice">
          {notice}
        </div>
      )}
      {tokenIds.length === 0 && <p className="muted">{t('none')}</p>}
      <ul className="plain-list">
        {tokenIds.map((tokenId) => (
          <Wreck key={tokenId.toString()} tokenId={tokenId} recyclers={recyclers} onDone={setNotice} />
        ))}
      </ul>
    </section>
  );
}
