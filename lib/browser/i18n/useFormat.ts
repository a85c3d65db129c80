'use client';

import { useMemo } from 'react';
import { useLocale } from 'use-intl';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDuration,
  formatKm,
  formatMonthYear,
  formatNumber,
  formatYear,
} from '../format';

/** lib/browser/format's functions bound to the page's language, for components. */
/** @public used by the pages through lib/browser/i18n */
export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      locale,
      number: (value: number | bigint) => formatNumber(value, locale),
      km: (value: number | bigint) => formatKm(value, locale),
      date: (unixSeconds: number | bigint) => formatDate(unixSeconds, locale),
      monthYear: (unixSeconds: number | bigint) => formatMonthYear(unixSeconds, locale),
      year: (unixSeconds: number | bigint) => formatYear(unixSeconds, locale),
      dateTime: (unixSeconds: number | bigint) => formatDateTime(unixSeconds, locale),
      duration: (seconds: number | bigint) => formatDuration(seconds, locale),
      bytes: (bytes: number) => formatBytes(bytes, locale),
    }),
    [locale],
  );
}
