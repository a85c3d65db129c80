/**
 * The languages of the dApp. A language is a folder under messages/ (the same files as messages/en, every key
 * present: catalogue.test.ts fails otherwise) plus its tag in LOCALES and its catalogue entries in catalogue.ts.
 */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** What the static HTML is rendered in, before the browser's preference is known. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Where a person's explicit choice (the language switch) is kept in this browser. */
export const LOCALE_STORAGE_KEY = 'carbook.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported language among the browser's preferred ones ('fr-BE' → 'fr'), else the default.
 * Tags that Intl rejects are skipped.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(tag)[0];
    } catch {
      continue;
    }
    const language = canonical?.split('-')[0]?.toLowerCase();
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/** Each language named in itself, as a language switch shows it whatever the page's language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };
