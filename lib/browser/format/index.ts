/**
 * The one place that turns numbers, distances, sizes and instants into text a person reads: Intl in the
 * reader's locale, 'en' when there is none or none is valid. Components pass the page's language through
 * lib/browser/i18n's useFormat(); without a locale the browser's preferred languages are used. Units are Intl
 * units, so the words around the numbers follow the locale too.
 */

export type Locales = string | readonly string[];

/** The reader's locales, most preferred first, always ending with the 'en' fallback. */
export function userLocales(): string[] {
  const preferred =
    typeof navigator !== 'undefined' && navigator.languages?.length
      ? navigator.languages
      : typeof navigator !== 'undefined' && navigator.language
        ? [navigator.language]
        : [];
  const valid = preferred.filter((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length > 0;
    } catch {
      return false;
    }
  });
  return [...valid, 'en'];
}

const resolve = (locales?: Locales): string[] => {
  if (locales === undefined) return userLocales();
  return [...(typeof locales === 'string' ? [locales] : locales), 'en'];
};

const seconds = (value: number | bigint) => new Date(Number(value) * 1000);

/** A plain count with the locale's grouping: 52,500 (en), 52 500 (fr). */
export function formatNumber(value: number | bigint, locales?: Locales): string {
  return new Intl.NumberFormat(resolve(locales), { maximumFractionDigits: 0 }).format(value);
}

/** A distance in kilometres: "52,500 km" (en), "52 500 km" (fr). */
export function formatKm(value: number | bigint, locales?: Locales): string {
  return new Intl.NumberFormat(resolve(locales), {
    style: 'unit',
    unit: 'kilometer',
    unitDisplay: 'short',
    maximumFractionDigits: 0,
  }).format(value);
}

/** A day, from chain seconds: "Dec 2, 2026" (en), "2 déc. 2026" (fr). */
export function formatDate(unixSeconds: number | bigint, locales?: Locales): string {
  return new Intl.DateTimeFormat(resolve(locales), { dateStyle: 'medium' }).format(seconds(unixSeconds));
}

/** A month, from chain seconds, for a chart's axis: "Mar 2015" (en), "mars 2015" (fr). */
export function formatMonthYear(unixSeconds: number | bigint, locales?: Locales): string {
  return new Intl.DateTimeFormat(resolve(locales), { month: 'short', year: 'numeric' }).format(seconds(unixSeconds));
}

/** A year, from chain seconds, for a chart's axis: "2015" (never grouped like a number). */
export function formatYear(unixSeconds: number | bigint, locales?: Locales): string {
  return new Intl.DateTimeFormat(resolve(locales), { year: 'numeric' }).format(seconds(unixSeconds));
}

/** A day and a time, from chain seconds: "Dec 2, 2026, 2:05 PM" (en), "2 déc. 2026, 14:05" (fr). */
export function formatDateTime(unixSeconds: number | bigint, locales?: Locales): string {
  return new Intl.DateTimeFormat(resolve(locales), { dateStyle: 'medium', timeStyle: 'short' }).format(
    seconds(unixSeconds),
  );
}

/** A governance duration in seconds, in the largest whole unit: "30 days" (en), "30 jours" (fr), "1,800 seconds". */
export function formatDuration(totalSeconds: number | bigint, locales?: Locales): string {
  const s = Number(totalSeconds);
  const [count, unit] =
    s !== 0 && s % 86_400 === 0
      ? [s / 86_400, 'day']
      : s !== 0 && s % 3_600 === 0
        ? [s / 3_600, 'hour']
        : [s, 'second'];
  return new Intl.NumberFormat(resolve(locales), { style: 'unit', unit, unitDisplay: 'long' }).format(count);
}

/** A file size in kilobytes or megabytes, one decimal, Intl units: "0.8 kB", "3.4 kB", "1.2 MB" (en); "3,4 ko" (fr). */
export function formatBytes(bytes: number, locales?: Locales): string {
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(resolve(locales), {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  }).format(value);
}

export { ONE_LINE_FORBIDDEN, neutraliseBidi, neutraliseOneLine, oneLineProblem } from './oneLine';
