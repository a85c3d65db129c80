'use client';

import { useState } from 'react';
import { useAccount } from 'wagmi';
import { WalletBar } from '../../_components/WalletBar';
import { useExpertMandatesPage, type ClaimView } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { DiagnosisForm } from './DiagnosisForm';
import { ClaimLapsed } from '../../insurer/_components/ClaimLapsed';
import { BookName } from '../../_components/BookName';
import { VerdictBadge } from '../../_components/VerdictBadge';
import { Pager } from '../../_components/Pager';
import { ReadError } from '../../_components/ReadError';
import { ChainTag, UnreadChains } from '../../_components/ChainLists';
import type { OnChain } from '@/lib/browser/reads';
import { useFormat, useTranslations } from '@/lib/browser/i18n';

/** A claim's key in a list that spans chains: claim ids are per chain. */
const keyOf = ({ shard, entry }: OnChain<ClaimView>) => `${shard}:${entry.claimId}`;

/** Mandates per page: each page is one fixed-size read (lib/browser/reads/lists.ts). */
export const EXPERT_PAGE_SIZE = 8;

/**
 * An insurance expert's mandates: one compact row per claim, newest first, a page at a time, one claim open with
 * its diagnosis form.
 */
export function ExpertDesk() {
  const tp = useTranslations('pageTitles');
  const t = useTranslations('expert');
  const { address, isConnected } = useAccount();
  const [page, setPage] = useState(0);
  const claims = useExpertMandatesPage(address, page, EXPERT_PAGE_SIZE);
  // undefined: the newest undecided claim of the page is open; null: the expert closed it. A claim is named by its
  // chain and its id (`keyOf`).
  const [openId, setOpenId] = useState<string | null | undefined>();
  const items = claims.data?.items ?? [];
  // The page opens on its newest undecided claim, then stays on it: a verdict just given keeps its card and status.
  const newest = items.find(({ entry }) => entry.live) ?? items[0];
  if (openId === undefined && newest !== undefined) setOpenId(keyOf(newest));
  const open = openId ?? undefined;

  return (
    <>
      <WalletBar title={tp('expert')} />
      <p className="muted">{t('intro')}</p>
      {!isConnected && <p className="muted">{t('connect')}</p>}
      {isConnected && claims.isPending && <p className="muted">{t('loading')}</p>}
      <ReadError error={claims.error} />
      <UnreadChains unread={claims.data?.unread ?? []} />
      {claims.data?.total === 0 && (
        <div className="panel" data-testid="no-mandates">
          <p>{t('none')}</p>
        </div>
      )}
      {claims.data && claims.data.total > 0 && (
        <p className="muted small">{t('count', { count: claims.data.total })}</p>
      )}
      <ul className="book-rows" aria-label={t('listLabel')}>
        {items.map((item) =>
          keyOf(item) === open ? (
            <li key={keyOf(item)} className="book-open">
              <ClaimCard claim={item.entry} shard={item.shard} onClose={() => setOpenId(null)} />
            </li>
          ) : (
            <ClaimRow key={keyOf(item)} claim={item.entry} shard={item.shard} onOpen={() => setOpenId(keyOf(item))} />
          ),
        )}
      </ul>
      {claims.data && (
        <Pager
          page={claims.data.page}
          pages={claims.data.pages}
          onPage={(next) => {
            setPage(next);
            setOpenId(undefined);
          }}
          label={t('listLabel')}
        />
      )}
    </>
  );
}

/** One mandate as one line: the claim, its car, its verdict, what waits for the expert. */
function ClaimRow({ claim, shard, onOpen }: { claim: ClaimView; shard: number; onOpen: () => void }) {
  const t = useTranslations('expert');
  const format = useFormat();
  const id = claim.claimId.toString();
  return (
    <li className="book-row" data-testid="expert-row" data-claim-id={id} data-shard={shard}>
      <div className="book-row-main">
        <strong>{t('claim', { id })}</strong> <VerdictBadge verdict={claim.verdict} />
        <span className="small book-row-facts">
          <BookName tokenId={claim.tokenId} showStatus={false} />
        </span>
        <ChainTag shard={shard} />
        <span className="muted small book-row-facts">{t('openedAt', { date: format.date(claim.openedAt) })}</span>
        {claim.live && (
          <span className="small pending-action" data-testid="row-pending">
            {t('waiting')}
          </span>
        )}
      </div>
      <button
        type="button"
        className="secondary small"
        aria-expanded={false}
        aria-label={t('openLabel', { id })}
        onClick={onOpen}
      >
        {t('open')}
      </button>
    </li>
  );
}

function ClaimCard({ claim, shard, onClose }: { claim: ClaimView; shard: number; onClose: () => void }) {
  const t = useTranslations('expert');
  const format = useFormat();
  const tx = useTransactionSteps();
  return (
    <article className="panel" data-testid="expert-claim" data-claim-id={claim.claimId.toString()} data-shard={shard}>
      <div className="book-item">
        <h2>
          {t('claim', { id: claim.claimId.toString() })} <VerdictBadge verdict={claim.verdict} />
        </h2>
        <span className="book-item-links">
          <span className="muted small">{t('openedAt', { date: format.dateTime(claim.openedAt) })}</span>
          <button type="button" className="secondary small" aria-expanded onClick={onClose}>
            {t('close')}
          </button>
        </span>
      </div>
      <p>
        <BookName tokenId={claim.tokenId} /> <ChainTag shard={shard} />
      </p>
      {claim.live && <DiagnosisForm claim={claim} shard={shard} tx={tx} />}
      {claim.verdict === 'None' && !claim.live && <ClaimLapsed />}
      <TxStatus state={tx.state} testId="diagnosis-status" />
    </article>
  );
}
