'use client';

import { useState } from 'react';
import type { Hex } from 'viem';
import { useAccount } from 'wagmi';
import { documentAnchorAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { RoleGate } from '../../_components/RoleGate';
import { WalletBar } from '../../_components/WalletBar';
import { queryKeys, useAnchor, useMembership, useOrganisations } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkBytes32 } from '../../_components/validation';
import { shortAddress } from '../../_components/format';
import { formatDateTime } from '@/lib/browser/format';
import { sha256OfFile } from './sha256';
import { ReadError } from '../../_components/ReadError';
import { useHumanize, useTranslations } from '@/lib/browser/i18n';

/** A document, dropped or picked: its name and the sha256 computed here. */
function DocumentInput({ onHash }: { onHash: (hash: Hex, name?: string) => void }) {
  const humanize = useHumanize();
  const [over, setOver] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function hashFile(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      onHash(await sha256OfFile(file), file.name);
    } catch (cause) {
      setError(humanize(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <label
        className={`dropzone${over ? ' active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          void hashFile(event.dataTransfer.files[0]);
        }}
      >
        <span>{busy ? 'Computing the sha256…' : 'Drop a document here, or choose a file'}</span>
        <span className="hint">The file stays on your device: only its sha256 is computed here and compared.</span>
        <input
          type="file"
          name="document"
          aria-label="Document"
          onChange={(event) => void hashFile(event.target.files?.[0])}
        />
      </label>
      <form
        className="row"
        aria-label="Look up a hash"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = checkBytes32(typed);
          if (!checked.ok) return setError(`A sha256 is ${checked.error[0].toLowerCase()}${checked.error.slice(1)}`);
          setError(undefined);
          onHash(checked.value);
        }}
      >
        <label>
          Or paste a sha256
          <input
            name="hash"
            value={typed}
            placeholder="0x…"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTyped(event.target.value)}
            aria-invalid={Boolean(error)}
          />
        </label>
        <button type="submit" className="secondary" disabled={typed.trim() === ''}>
          Look up
        </button>
      </form>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function AnchorResult({ hash, name }: { hash: Hex; name?: string }) {
  const anchor = useAnchor(hash);
  const orgs = useOrganisations();
  const org = orgs.data?.organisations.find((o) => o.id === anchor.data?.orgId);
  return (
    <div data-testid="anchor-result">
      <p className="small">
        {name && (
          <>
            <strong>{name}</strong>
            <br />
          </>
        )}
        sha256{' '}
        <span className="mono" data-testid="document-hash">
          {hash}
        </span>
      </p>
      {anchor.isPending && <p className="muted">Looking the hash up…</p>}
      <ReadError error={anchor.error} />
      {anchor.isSuccess && !anchor.data && (
        <div className="verdict warn" data-testid="anchor-verdict">
          <strong>Not anchored</strong>
          <span>No archiving service of the consortium has anchored this document.</span>
        </div>
      )}
      {anchor.data && (
        <div className="verdict ok" data-testid="anchor-verdict">
          <strong>Anchored</strong>
          <span>
            on {formatDateTime(anchor.data.anchoredAt)} by {org?.name ?? `organisation #${anchor.data.orgId}`} (
            <span className="mono">{shortAddress(anchor.data.anchoredBy)}</span>): this exact document existed then.
          </span>
        </div>
      )}
    </div>
  );
}

/** Proof of existence: anyone looks a document up; an archiving service's staff anchors it. */
export function Archive() {
  const tp = useTranslations('pageTitles');
  const config = useRuntimeConfig();
  const { address } = useAccount();
  const membership = useMembership(address);
  const tx = useTransactionSteps();
  const [doc, setDoc] = useState<{ hash: Hex; name?: string } | undefined>();
  const anchor = useAnchor(doc?.hash);
  const isArchivist = membership.data?.kindName === 'ArchivingService';

  return (
    <>
      <WalletBar title={tp('archive')} />
      <p className="muted">
        Check whether a document (an invoice, an inspection report) was anchored on the consortium&apos;s chain, when,
        and by which archiving service. No wallet needed to check.
      </p>
      <section className="panel" aria-labelledby="lookup">
        <h2 id="lookup">Check a document</h2>
        <DocumentInput
          onHash={(hash, name) => {
            setDoc({ hash, name });
            tx.reset();
          }}
        />
        {doc && <AnchorResult hash={doc.hash} name={doc.name} />}
      </section>
      <section className="panel" aria-labelledby="anchor">
        <h2 id="anchor">Anchor a document</h2>
        <RoleGate kind="ArchivingService" what={tp('archiveWhat')} />
        {isArchivist && !doc && <p className="muted">Drop the document above first.</p>}
        {isArchivist && doc && anchor.isSuccess && !anchor.data && (
          <button
            type="button"
            disabled={tx.state.status === 'pending'}
            onClick={() =>
              tx.run({
                pending: 'Anchoring the document…',
                success: `Anchored: ${doc.name ?? 'the document'} now has a proof of existence on chain.`,
                invalidate: [queryKeys.anchor(config.contracts.documentAnchor, doc.hash)],
                send: ({ send }) =>
                  send({
                    address: config.contracts.documentAnchor,
                    abi: documentAnchorAbi,
                    functionName: 'anchor',
                    args: [doc.hash],
                  }),
              })
            }
          >
            Anchor this document
          </button>
        )}
        {isArchivist && doc && anchor.data && tx.state.status === 'idle' && (
          <p className="muted">This document is already anchored.</p>
        )}
        <TxStatus state={tx.state} testId="anchor-status" />
      </section>
    </>
  );
}
