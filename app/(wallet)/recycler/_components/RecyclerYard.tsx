'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { carBookAbi } from '@/lib/browser/contracts';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { useRuntimeConfig } from '../../_components/Providers';
import { BookName } from '../../_components/BookName';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { RoleGate, useMayAct } from '../../_components/RoleGate';
import { WalletBar } from '../../_components/WalletBar';
import { queryKeys, useBookSummary, useHeldBooksPage, useMembership, useStaff } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { titleTransferFlow } from '../../_components/titleTransfer';
import { shortAddress } from '../../_components/format';
import { Pager } from '../../_components/Pager';
import { ReadError } from '../../_components/ReadError';
import { ChainTag, UnreadChains } from '../../_components/ChainLists';
import { configForShard } from '@/lib/browser/chain';
import type { OnChain } from '@/lib/browser/reads';

/** An entry's key in a list that spans chains: its chain and its id. */
const keyOf = ({ shard, entry }: OnChain<bigint>) => `${shard}:${entry}`;

/** Wrecks per page: each page is one fixed-size read (lib/browser/reads/lists.ts). */
export const YARD_PAGE_SIZE = 8;

/** The admin hands a wreck to one of its dismantlers, who then holds its title and declares it destroyed. */
function HandToDismantler({
  tokenId,
  shard,
  orgId,
  onGone,
}: {
  tokenId: bigint;
  shard: number;
  orgId: number;
  onGone: (message: string) => void;
}) {
  const t = useTranslations('recycler.handOver');
  const runtime = useRuntimeConfig();
  const config = configForShard(runtime, shard);
  const staff = useStaff(orgId);
  const tx = useTransactionSteps();
  const dismantlers = staff.data?.filter((member) => member.role === 'DISMANTLER') ?? [];
  const [chosen, setChosen] = useState<Address | ''>('');
  const to = chosen || dismantlers[0]?.account;
  if (staff.data && dismantlers.length === 0) return <p className="muted small">{t('noDismantler')}</p>;
  if (!to) return null;
  return (
    <form
      className="row"
      aria-label={t('formLabel')}
      onSubmit={async (event) => {
        event.preventDefault();
        const flow = titleTransferFlow(config, tokenId, to);
        const ok = await tx.run({
          pending: t('pending', { who: shortAddress(to) }),
          success: t('done', { who: shortAddress(to) }),
          shard,
          ...flow,
          // The yard's pages are keyed by the first chain's registry.
          invalidate: [...flow.invalidate, queryKeys.myBooks(runtime.contracts.carBook)],
        });
        if (ok) onGone(t('done', { who: shortAddress(to) }));
      }}
    >
      <label className="select-label">
        {t('label')}
        <select name="dismantler" value={to} onChange={(event) => setChosen(event.target.value as Address)}>
          {dismantlers.map((member) => (
            <option key={member.account} value={member.account}>
              {shortAddress(member.account)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="secondary" disabled={tx.state.status === 'pending'}>
        {t('submit')}
      </button>
      <TxStatus state={tx.state} testId="dismantler-status" />
    </form>
  );
}

/** The one open wreck of the yard: declare it destroyed once dismantled, or (the admin) hand it to a dismantler. */
function HeldWreck({
  tokenId,
  shard,
  orgId,
  isAdmin,
  onClose,
  onGone,
}: {
  tokenId: bigint;
  shard: number;
  orgId: number;
  isAdmin: boolean;
  onClose: () => void;
  onGone: (message: string) => void;
}) {
  const t = useTranslations('recycler');
  const runtime = useRuntimeConfig();
  // The wreck's own chain, as the yard's read found it: its registry and the chain its writes go to.
  const config = configForShard(runtime, shard);
  const summary = useBookSummary(tokenId);
  const tx = useTransactionSteps();
  const [confirming, setConfirming] = useState(false);
  const status = summary.data?.status;

  return (
    <article className="panel stacked" data-testid="recycler-book" data-shard={shard}>
      <div className="book-item">
        <span>
          <BookName tokenId={tokenId} /> <ChainTag shard={shard} />
        </span>
        <button type="button" className="secondary small" aria-expanded onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {status === 'Destroyed' && <span className="muted small">{t('destroyedNote')}</span>}
      {status === 'Wrecked' && isAdmin && (
        <HandToDismantler tokenId={tokenId} shard={shard} orgId={orgId} onGone={onGone} />
      )}
      {status === 'Wrecked' &&
        (!confirming ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('destroy')}
          </button>
        ) : (
          <ConfirmStep
            title={t('confirmTitle')}
            confirmLabel={t('confirm')}
            busy={tx.state.status === 'pending'}
            onCancel={() => setConfirming(false)}
            onConfirm={async () => {
              await tx.run({
                shard,
                pending: t('pending'),
                success: t('done'),
                invalidate: [queryKeys.history(config.contracts.carBook, tokenId)],
                send: ({ send }) =>
                  send({
                    address: config.contracts.carBook,
                    abi: carBookAbi,
                    functionName: 'declareDestroyed',
                    args: [tokenId],
                  }),
              });
              setConfirming(false);
            }}
          >
            <p>{t('confirmBody')}</p>
          </ConfirmStep>
        ))}
      <TxStatus state={tx.state} testId="destroy-status" />
    </article>
  );
}

/** One wreck of the yard as one line: the car, its status, what waits for the recycler. */
function YardRow({ tokenId, shard, onOpen }: { tokenId: bigint; shard: number; onOpen: () => void }) {
  const t = useTranslations('recycler');
  const format = useFormat();
  const summary = useBookSummary(tokenId);
  return (
    <li className="book-row" data-testid="recycler-row" data-shard={shard}>
      <div className="book-row-main">
        <BookName tokenId={tokenId} />
        <ChainTag shard={shard} />
        {summary.data && <span className="muted small book-row-facts">{format.km(summary.data.mileage)}</span>}
        {summary.data?.status === 'Wrecked' && (
          <span className="small pending-action" data-testid="row-pending">
            {t('waiting')}
          </span>
        )}
      </div>
      <button type="button" className="secondary small" aria-expanded={false} onClick={onOpen}>
        {t('open')}
      </button>
    </li>
  );
}

/**
 * A recycler's yard: the wrecks this account holds (the admin's, or a dismantler's once handed one), newest first, a
 * page at a time, one open to be declared destroyed once dismantled.
 */
export function RecyclerYard() {
  const tp = useTranslations('pageTitles');
  const t = useTranslations('recycler');
  const { address } = useAccount();
  const membership = useMembership(address);
  const may = useMayAct('Recycler', ['DISMANTLER']);
  const [page, setPage] = useState(0);
  const books = useHeldBooksPage(may === 'yes' ? address : undefined, page, YARD_PAGE_SIZE);
  // The open wreck, as `shard:tokenId` (a list that spans chains names an entry by both).
  const [openId, setOpenId] = useState<string | null | undefined>();
  // A wreck handed to a dismantler leaves this yard with its card: its last message is shown here instead.
  const [notice, setNotice] = useState<string | undefined>();
  const items = books.data?.items ?? [];
  if (openId === undefined && items[0] !== undefined) setOpenId(keyOf(items[0]));
  const open = openId ?? undefined;
  const m = membership.data;

  return (
    <>
      <WalletBar title={tp('recycler')} />
      <RoleGate kind="Recycler" roles={['DISMANTLER']} what={tp('recyclerWhat')} />
      <ReadError error={books.error} />
      <UnreadChains unread={books.data?.unread ?? []} />
      {notice && (
        <div className="alert success" role="status" data-testid="yard-notice">
          {notice}
        </div>
      )}
      {may === 'yes' && m && books.data && (
        <section className="panel" aria-labelledby="yard">
          <h2 id="yard">{t('title', { count: books.data.total })}</h2>
          {books.data.total === 0 && (
            <p className="muted">{m.roleName === 'ORG_ADMIN' ? t('empty') : t('emptyStaff')}</p>
          )}
          <ul className="book-rows" aria-label={t('listLabel')}>
            {items.map(({ shard, entry: tokenId }) =>
              keyOf({ shard, entry: tokenId }) === open ? (
                <li key={keyOf({ shard, entry: tokenId })} className="book-open">
                  <HeldWreck
                    tokenId={tokenId}
                    shard={shard}
                    orgId={m.orgId}
                    isAdmin={m.roleName === 'ORG_ADMIN'}
                    onClose={() => setOpenId(null)}
                    onGone={(message) => {
                      setNotice(message);
                      setOpenId(undefined);
                    }}
                  />
                </li>
              ) : (
                <YardRow
                  key={keyOf({ shard, entry: tokenId })}
                  tokenId={tokenId}
                  shard={shard}
                  onOpen={() => setOpenId(keyOf({ shard, entry: tokenId }))}
                />
              ),
            )}
          </ul>
          <Pager
            page={books.data.page}
            pages={books.data.pages}
            onPage={(next) => {
              setPage(next);
              setOpenId(undefined);
            }}
            label={t('listLabel')}
          />
        </section>
      )}
    </>
  );
}
