'use client';

import { useState } from 'react';
import { consortiumAbi } from '@/lib/browser/contracts';
import { useTranslations } from '@/lib/browser/i18n';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';

/**
 * A staff member leaves their organisation (`Consortium.renounceStaff`): no admin needed, effective at once. The
 * organisation's key versions published afterwards are no longer wrapped for them.
 */
export function RenounceRole({
  orgName,
  orgId,
  onDone,
}: {
  orgName: string;
  orgId: number;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('consortium.renounce');
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [confirming, setConfirming] = useState(false);

  return (
    <section className="panel" aria-labelledby="renounce" data-testid="renounce">
      <h2 id="renounce">{t('title')}</h2>
      <p className="muted small">{t('intro', { org: orgName })}</p>
      {tx.state.status !== 'success' &&
        (!confirming ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('button')}
          </button>
        ) : (
          <ConfirmStep
            title={t('confirmTitle', { org: orgName })}
            confirmLabel={t('confirm')}
            busy={tx.state.status === 'pending'}
            onCancel={() => setConfirming(false)}
            onConfirm={async () => {
              const ok = await tx.run({
                pending: t('pending'),
                success: t('done', { org: orgName }),
                invalidate: [
                  queryKeys.membership(config.contracts.consortium),
                  queryKeys.staff(config.contracts.consortium, orgId),
                ],
                send: ({ send }) =>
                  send({
                    address: config.contracts.consortium,
                    abi: consortiumAbi,
                    functionName: 'renounceStaff',
                    args: [],
                  }),
              });
              setConfirming(false);
              if (ok) onDone(t('done', { org: orgName }));
            }}
          >
            <p>{t('confirmBody', { org: orgName })}</p>
          </ConfirmStep>
        ))}
      <TxStatus state={tx.state} testId="renounce-status" />
    </section>
  );
}
