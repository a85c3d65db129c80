'use client';

import { useState } from 'react';
import type { Hex } from 'viem';
import { documentAnchorAbi } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { RoleGate, useMayAct } from '../../_components/RoleGate';
import { WalletBar } from '../../_components/WalletBar';
import { queryKeys, useAnchor, useOrganisations } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkBytes32 } from '../../_components/validation';
import { shortAddress } from '../../_components/format';
import { sha256OfFile } from './sha256';
import { ReadError } from '../../_components/ReadError';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { useHumanize } from '@/lib/browser/errors';

/** A document, dropped or picked: its name and the sha256 computed here. */
function DocumentInput({ onHash }: { onHash: (hash: Hex, name?: string) => void }) {
  const t = useTranslations('archive.input');
  const tv = useTranslations('validation');
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
        <span>{busy ? t('computing') : t('drop')}</span>
        <span className="hint">{t('hint')}</span>
        <input
          type="file"
          name="document"
          aria-label={t('document')}
          onChange={(event) => void hashFile(event.target.files?.[0])}
        />
      </label>
      <form
        className="row"
        aria-label={t('lookupLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          const checked = checkBytes32(typed);
          if (!checked.ok) return setError(t('notHash', { problem: tv(checked.key, checked.values) }));
          setError(undefined);
          onHash(checked.value);
        }}
      >
        <label>
          {t('paste')}
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
          {t('lookup')}
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
  const t = useTranslations('archive.result');
  const format = useFormat();
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
      {anchor.isPending && <p className="muted">{t('looking')}</p>}
      <ReadError error={anchor.error} />
      {anchor.isSuccess && !anchor.data && (
        <div className="verdict warn" data-testid="anchor-verdict">
          <strong>{t('notAnchored')}</strong>
          <span>{t('notAnchoredBody')}</span>
        </div>
      )}
      {anchor.data && (
        <div className="verdict ok" data-testid="anchor-verdict">
          <strong>{t('anchored')}</strong>
          <span>
            {t.rich('anchoredBody', {
              date: format.dateTime(anchor.data.anchoredAt),
              org: org?.name ?? t('orgNumber', { id: anchor.data.orgId }),
              by: shortAddress(anchor.data.anchoredBy),
              mono: (chunks) => <span className="mono">{chunks}</span>,
            })}
          </span>
        </div>
      )}
    </div>
  );
}

/** Proof of existence: anyone looks a document up; an archiving service's staff anchors it. */
export function Archive() {
  const tp = useTranslations('pageTitles');
  const t = useTranslations('archive');
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [doc, setDoc] = useState<{ hash: Hex; name?: string } | undefined>();
  const anchor = useAnchor(doc?.hash);
  const isArchivist = useMayAct('ArchivingService', ['ARCHIVIST']) === 'yes';

  return (
    <>
      <WalletBar title={tp('archive')} />
      <p className="muted">{t('intro')}</p>
      <section className="panel" aria-labelledby="lookup">
        <h2 id="lookup">{t('checkTitle')}</h2>
        <DocumentInput
          onHash={(hash, name) => {
            setDoc({ hash, name });
            tx.reset();
          }}
        />
        {doc && <AnchorResult hash={doc.hash} name={doc.name} />}
      </section>
      <section className="panel" aria-labelledby="anchor">
        <h2 id="anchor">{t('anchorTitle')}</h2>
        <RoleGate kind="ArchivingService" roles={['ARCHIVIST']} what={tp('archiveWhat')} />
        {isArchivist && !doc && <p className="muted">{t('dropFirst')}</p>}
        {isArchivist && doc && anchor.isSuccess && !anchor.data && (
          <button
            type="button"
            disabled={tx.state.status === 'pending'}
            onClick={() =>
              tx.run({
                pending: t('pending'),
                success: t('done', { name: doc.name ?? t('theDocument') }),
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
            {t('submit')}
          </button>
        )}
        {isArchivist && doc && anchor.data && tx.state.status === 'idle' && <p className="muted">{t('already')}</p>}
        <TxStatus state={tx.state} testId="anchor-status" />
      </section>
    </>
  );
}
