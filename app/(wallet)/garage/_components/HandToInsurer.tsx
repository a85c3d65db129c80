'use client';

import { useState } from 'react';
import { useRuntimeConfig } from '../../_components/Providers';
import { titleTransferFlow } from '../../_components/titleTransfer';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { useBookSummary, useOrganisations } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';

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
  const config = useRuntimeConfig();
  const summary = useBookSummary(tokenId);
  const orgs = useOrganisations();
  const tx = useTransactionSteps();
  const [confirming, setConfirming] = useState(false);
  const insurer = orgs.data?.organisations.find((org) => org.id === summary.data?.wreckInsurerOrg);

  return (
    <section className="subpanel warn" aria-labelledby={`redeem-${tokenId}`} data-testid="hand-to-insurer">
      <h3 id={`redeem-${tokenId}`}>Declared a total loss</h3>
      <p className="small">
        The car may not go back on the road. Hand its title to{' '}
        {insurer ? <strong>{insurer.name}</strong> : 'the insurer'}, which settles the claim and passes the wreck to a
        recycler.
      </p>
      {insurer &&
        (!confirming ? (
          <button type="button" onClick={() => setConfirming(true)}>
            Hand the title to {insurer.name}…
          </button>
        ) : (
          <ConfirmStep
            title={`Hand the title to ${insurer.name}?`}
            confirmLabel="Yes, hand it over"
            busy={tx.state.status === 'pending'}
            onCancel={() => setConfirming(false)}
            onConfirm={async () => {
              const ok = await tx.run({
                pending: `Handing the title to ${insurer.name}…`,
                success: `${insurer.name} now holds the title of ${model}.`,
                ...titleTransferFlow(config, tokenId, insurer.admin),
              });
              if (ok) onDone(`Title handed over: ${insurer.name} now holds the wreck of ${model}.`);
              else setConfirming(false);
            }}
          >
            <p>
              The title of <strong>{model}</strong> goes to {insurer.name} (
              <span className="mono">{insurer.admin}</span>). You will not own this car book any more.
            </p>
          </ConfirmStep>
        ))}
      <TxStatus state={tx.state} testId="redeem-status" />
    </section>
  );
}
