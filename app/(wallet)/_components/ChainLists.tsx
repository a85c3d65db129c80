'use client';

import { useTranslations } from '@/lib/browser/i18n';
import { useRuntimeConfig } from './Providers';

/** A chain's name as the configuration gives it (its position when it has none). */
export function useChainName(): (shard: number) => string {
  const config = useRuntimeConfig();
  return (shard) => config.shards[shard]?.chainName ?? String(shard + 1);
}

/** Which chain an entry of a list that spans chains lives on; nothing when the consortium runs one chain. */
export function ChainTag({ shard }: { shard: number }) {
  const t = useTranslations('chainLists');
  const config = useRuntimeConfig();
  const name = useChainName();
  if (config.shards.length < 2) return null;
  return (
    <span className="muted small book-row-facts" data-testid="entry-chain" data-shard={shard}>
      {t('on', { chain: name(shard) })}
    </span>
  );
}

/** One sentence per chain a list could not read: its entries are missing, the others are shown. */
export function UnreadChains({
  unread,
  kind = 'unread',
}: {
  unread: readonly number[];
  kind?: 'unread' | 'anchorUnread';
}) {
  const t = useTranslations('chainLists');
  const name = useChainName();
  if (unread.length === 0) return null;
  return (
    <div className="alert error" role="alert" data-testid="unread-chains">
      {unread.map((shard) => (
        <p key={shard}>{t(kind, { chain: name(shard) })}</p>
      ))}
    </div>
  );
}
