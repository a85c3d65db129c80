import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDuration,
  formatKm,
  formatMonthYear,
  formatNumber,
  formatYear,
  userLocales,
} from '.';

// 2 December 2026, 14:05:00 UTC; the time zone is pinned to UTC so the hour is fixed.
process.env.TZ = 'UTC';
const AT = Date.UTC(2026, 11, 2, 14, 5) / 1000;
// Intl's French grouping separator is a narrow no-break space (U+202F); its date-time separator is a comma or " à ".
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('format (en)', () => {
  it('kilometres and counts group thousands with a comma', () => {
    expect(formatKm(52_500, 'en')).toBe('52,500 km');
    expect(formatKm(52_500n, 'en')).toBe('52,500 km');
    expect(formatKm(0, 'en')).toBe('0 km');
    expect(formatNumber(1_250, 'en')).toBe('1,250');
  });

  it('dates are month-day-year, with a 12-hour time', () => {
    expect(formatDate(AT, 'en')).toBe('Dec 2, 2026');
    expect(formatMonthYear(AT, 'en')).toBe('Dec 2026');
    expect(formatYear(AT, 'en')).toBe('2026');
    expect(formatDateTime(AT, 'en')).toMatch(/^Dec 2, 2026, 2:05\sPM$/);
  });

  it('durations use the largest whole unit', () => {
    expect(formatDuration(30 * 86_400, 'en')).toBe('30 days');
    expect(formatDuration(86_400n, 'en')).toBe('1 day');
    expect(formatDuration(12 * 3_600, 'en')).toBe('12 hours');
    expect(formatDuration(3_600, 'en')).toBe('1 hour');
    expect(formatDuration(1_800, 'en')).toBe('1,800 seconds');
    expect(formatDuration(0, 'en')).toBe('0 seconds');
  });

  it('sizes', () => {
    expect(formatBytes(812, 'en')).toBe('0.8 kB');
    expect(formatBytes(3_482, 'en')).toBe('3.4 kB');
    expect(formatBytes(1_300_000, 'en')).toBe('1.2 MB');
  });
});

describe('format (fr)', () => {
  it('kilometres and counts group thousands with a narrow space', () => {
    expect(formatKm(52_500, 'fr')).toBe(`52${NNBSP}500${NNBSP}km`);
    expect(formatNumber(1_250, 'fr')).toBe(`1${NNBSP}250`);
  });

  it('dates are day-month-year, with a 24-hour time', () => {
    expect(formatDate(AT, 'fr')).toBe('2 déc. 2026');
    expect(formatMonthYear(AT, 'fr')).toBe('déc. 2026');
    expect(formatYear(AT, 'fr')).toBe('2026');
    expect(formatDateTime(AT, 'fr')).toMatch(/^2 déc\. 2026(,| à) 14:05$/);
  });

  it('durations and sizes use the French unit words and numbers', () => {
    expect(formatDuration(1_800, 'fr')).toBe(`1${NNBSP}800${NBSP}secondes`);
    expect(formatDuration(30 * 86_400, 'fr')).toBe(`30${NBSP}jours`);
    expect(formatBytes(3_482, 'fr')).toBe(`3,4${NNBSP}ko`);
  });
});

describe("the reader's locale", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("follows the browser's preferred languages, then 'en'", () => {
    vi.stubGlobal('navigator', { languages: ['fr-FR', 'fr'], language: 'fr-FR' });
    expect(userLocales()).toEqual(['fr-FR', 'fr', 'en']);
    expect(formatKm(52_500)).toBe(`52${NNBSP}500${NNBSP}km`);
    expect(formatDate(AT)).toBe('2 déc. 2026');
  });

  it("falls back to 'en' without a navigator, and skips tags Intl refuses", () => {
    vi.stubGlobal('navigator', undefined);
    expect(userLocales()).toEqual(['en']);
    expect(formatDate(AT)).toBe('Dec 2, 2026');
    vi.stubGlobal('navigator', { languages: ['not a locale!'], language: 'not a locale!' });
    expect(userLocales()).toEqual(['en']);
    expect(formatKm(1_250)).toBe('1,250 km');
  });
});
