'use client';

import { useState } from 'react';
import { useRuntimeConfig } from '../../_components/Providers';
import { titleTransferFlow } from '../../_components/titleTransfer';
import { BookName } from '../../_components/BookName';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { useBookSummary, useOrganisations, type Organisation } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';

function Wreck({
  tokenId,
  recyclers,
  onDone,
}: {
  tokenId: bigint;
  recyclers: Organisation[];
  onDone: (message: string) => void;
}) {
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
          aria-label="Pass the wreck to a recycler"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) setConfirming(true);
          }}
        >
          <label>
            Recycler
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
            Transfer to recycler…
          </button>
        </form>
      ) : (
        <ConfirmStep
          title={`Transfer the wreck to ${chosen.name}?`}
          confirmLabel="Yes, transfer the wreck"
          busy={tx.state.status === 'pending'}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const recycler = chosen;
            const ok = await tx.run({
              pending: `Transferring the wreck to ${recycler.name}…`,
              success: `${recycler.name} now holds the wreck.`,
              ...titleTransferFlow(config, tokenId, recycler.admin),
            });
            if (ok) onDone(`Wreck transferred: ${recycler.name} now holds it and will declare it destroyed.`);
            else setConfirming(false);
          }}
        >
          <p>
            The title goes to {chosen.name} (<span className="mono">{chosen.admin}</span>), who dismantles the car and
            declares it destroyed.
          </p>
        </ConfirmStep>
      )}
      <TxStatus state={tx.state} testId="recycler-transfer-status" />
    </li>
  );
}

/** Wrecks whose title the insurer holds after redemption, to be passed on to a recycler. */
export function HeldWrecks({ tokenIds }: { tokenIds: bigint[] }) {
  const orgs = useOrganisations();
  const [notice, setNotice] = useState<string | undefined>();
  const recyclers = orgs.data?.organisations.filter((org) => org.kind === 'Recycler' && org.active) ?? [];

  return (
    <section className="panel" aria-labelledby="held-wrecks">
      <h2 id="held-wrecks">Wrecks held</h2>
      {notice && (
        <div className="alert success" role="status" data-testid="wreck-notice">
          {notice}
        </div>
      )}
      {tokenIds.length === 0 && <p className="muted">You hold no wreck. Owners hand them over after a total loss.</p>}
      <ul className="plain-list">
        {tokenIds.map((tokenId) => (
          <Wreck key={tokenId.toString()} tokenId={tokenId} recyclers={recyclers} onDone={setNotice} />
        ))}
      </ul>
    </section>
  );
}
