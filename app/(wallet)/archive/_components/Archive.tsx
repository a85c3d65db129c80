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
import { configForShard } from '@/lib/browser/chain';
import { anchorShardOf } from '@/lib/browser/reads';
import { UnreadChains, useChainName } from '../../_components/ChainLists';
import { FilePicker } from '@/app/_components/FilePicker';

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
        <FilePicker
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
  const tc = useTranslations('chainLists');
  const runtime = useRuntimeConfig();
  const chainName = useChainName();
  const lookup = useAnchor(hash);
  const found = lookup.data?.anchor;
  const unread = lookup.data?.unread ?? [];
  const orgs = useOrganisations();
  const org = orgs.data?.organisations.find((o) => o.id === found?.orgId);
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
      {lookup.isPending && <p className="muted">{t('looking')}</p>}
      <ReadError error={lookup.error} />
      {/* Not found on a chain that could not be read is no verdict: the sentence names that chain instead. */}
      {!found && <UnreadChains unread={unread} kind="anchorUnread" />}
      {lookup.isSuccess && !found && unread.length === 0 && (
        <div className="verdict warn" data-testid="anchor-verdict">
          <strong className="verdict-title">{t('notAnchored')}</strong>
          <span>{t('notAnchoredBody')}</span>
        </div>
      )}
      {found && (
        <div className="verdict ok" data-testid="anchor-verdict" data-shard={found.shard}>
          <strong className="verdict-title">{t('anchored')}</strong>
          <span>
            {t.rich('anchoredBody', {
              date: format.dateTime(found.anchoredAt),
              org: org?.name ?? t('orgNumber', { id: found.orgId }),
              by: shortAddress(found.anchoredBy),
              mono: (chunks) => <span className="mono">{chunks}</span>,
            })}
            {runtime.shards.length > 1 && (
              <>
                {' '}
                <span data-testid="anchor-chain">{tc('anchoredOn', { chain: chainName(found.shard) })}</span>
              </>
            )}
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
  const tc = useTranslations('chainLists');
  const config = useRuntimeConfig();
  const chainName = useChainName();
  const tx = useTransactionSteps();
  const [doc, setDoc] = useState<{ hash: Hex; name?: string } | undefined>();
  const lookup = useAnchor(doc?.hash);
  // Anchorable once every chain answered and none holds it; it goes to the chain its hash falls on.
  const anchorable = lookup.isSuccess && !lookup.data.anchor && lookup.data.unread.length === 0;
  const shard = doc ? anchorShardOf(doc.hash, config.shards.length) : 0;
  const target = configForShard(config, shard);
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
        {isArchivist && doc && anchorable && config.shards.length > 1 && (
          <p className="muted small" data-testid="anchor-target">
            {tc('anchorGoesTo', { chain: chainName(shard) })}
          </p>
        )}
        {isArchivist && doc && anchorable && (
          <button
            type="button"
            disabled={tx.state.status === 'pending'}
            onClick={() =>
              tx.run({
                pending: t('pending'),
                success: t('done', { name: doc.name ?? t('theDocument') }),
                shard,
                invalidate: [queryKeys.anchor(config.contracts.documentAnchor, doc.hash)],
                send: ({ send }) =>
                  send({
                    address: target.contracts.documentAnchor,
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
        {isArchivist && doc && lookup.data?.anchor && tx.state.status === 'idle' && (
          <p className="muted">{t('already')}</p>
        )}
        <TxStatus state={tx.state} testId="anchor-status" />
      </section>
    </>
  );
}
