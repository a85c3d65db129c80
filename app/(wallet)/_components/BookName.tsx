'use client';

import { StatusBadge } from '@/app/_components/HistoryView';
import { SiteLink } from '@/app/_components/SiteLink';
import { useTranslations } from '@/lib/browser/i18n';
import { useBookSummary } from './hooks';
import { bookIdOf, shortHash } from './format';
import { useModelLabel } from './useModelLabel';

/** A car book as one line in a list: its model, its status and a link to its public page. */
export function BookName({ tokenId, showStatus = true }: { tokenId: bigint; showStatus?: boolean }) {
  const t = useTranslations('bookName');
  const modelLabel = useModelLabel();
  const summary = useBookSummary(tokenId);
  const id = bookIdOf(tokenId);
  return (
    <span className="book-name">
      <strong>{summary.data ? modelLabel(summary.data.metadataURI) : t('loading')}</strong>{' '}
      {showStatus && summary.data && summary.data.status !== 'None' && <StatusBadge status={summary.data.status} />}{' '}
      <SiteLink fullLoad href={`/verify?book=${id}`} className="mono muted small" title={id}>
        {shortHash(id)}
      </SiteLink>
    </span>
  );
}
