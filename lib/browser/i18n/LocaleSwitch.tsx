'use client';

import { useTranslations } from 'use-intl';
import { LOCALES, LANGUAGE_NAMES, type Locale } from './locales';
import { useLocaleState } from './LocaleProvider';

/** The visible language switch of the site header: each language named in itself. */
export function LocaleSwitch() {
  const t = useTranslations('site');
  const { locale, setLocale } = useLocaleState();
  return (
    <label className="locale-switch">
      <span className="visually-hidden">{t('language')}</span>
      <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
