'use client';

import { useState } from 'react';
import { useRuntimeConfig } from '../../_components/Providers';
import { titleTransferFlow } from '../../_components/titleTransfer';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { useBookSummary, useOrganisations } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { useTranslations } from '@/lib/browser/i18n';

/** A wreck's redemption: the owner hands the title to the insurer whose expert declared the total loss. */
export function HandToInsurer({
  tokenId,
  model,
  onDone,
}: {
  tokenId: bigint;
  model: string;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('garage.wreck');
  const config = useRuntimeConfig();
  const summary = useBookSummary(tokenId);
  const orgs = useOrganisations();
  const tx = useTransactionSteps();
  const [confirming, setConfirming] = useState(false);
  const insurer = orgs.data?.organisations.find((org) => org.id === summary.data?.wreckInsurerOrg);

  return (
    <section className="subpanel warn" aria-labelledby={`redeem-${tokenId}`} data-testid="hand-to-insurer">
      <h3 id={`redeem-${tokenId}`}>{t('title')}</h3>
      <p className="small">
        {t.rich('intro', { insurer: insurer?.name ?? t('theInsurer'), strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      {insurer &&
        (!confirming ? (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('handOver', { insurer: insurer.name })}
          </button>
        ) : (
          <ConfirmStep
            title={t('confirmTitle', { insurer: insurer.name })}
            confirmLabel={t('confirm')}
            busy={tx.state.status === 'pending'}
            onCancel={() => setConfirming(false)}
            onConfirm={async () => {
              const ok = await tx.run({
                bookId: tokenId,
                pending: t('pending', { insurer: insurer.name }),
                success: t('success', { insurer: insurer.name, model }),
                ...titleTransferFlow(config, tokenId, insurer.admin),
              });
              if (ok) onDone(t('done', { insurer: insurer.name, model }));
              else setConfirming(false);
            }}
          >
            <p>
              {t.rich('confirmBody', {
                model,
                insurer: insurer.name,
                admin: insurer.admin,
                strong: (chunks) => <strong>{chunks}</strong>,
                mono: (chunks) => <span className="mono">{chunks}</span>,
              })}
            </p>
          </ConfirmStep>
        ))}
      <TxStatus state={tx.state} testId="redeem-status" />
    </section>
  );
}
