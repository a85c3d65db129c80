'use client';

import { useTranslations } from '@/lib/browser/i18n';

/** The slice of `list` on page `page` (clamped), with the page count: long lists paginate. */
export function pageOf<T>(
  list: readonly T[],
  page: number,
  size: number,
): { items: T[]; pages: number; current: number } {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const current = Math.min(Math.max(page, 0), pages - 1);
  return { items: list.slice(current * size, (current + 1) * size), pages, current };
}

/** Previous / next with "Page 2 of 5"; nothing when everything fits one page. */
export function Pager({
  page,
  pages,
  onPage,
  label,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  label: string;
}) {
  const t = useTranslations('pager');
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('label', { list: label })} data-testid="pager">
      <button type="button" className="secondary small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('previous')}
      </button>
      <span className="small">{t('page', { page: page + 1, pages })}</span>
      <button type="button" className="secondary small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('next')}
      </button>
    </nav>
  );
}
