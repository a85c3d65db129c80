'use client';

import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { IntlProvider } from 'use-intl';
import { defaultPublicMessages, loadedPublicMessages, loadPublicMessages } from './catalogue';
import { DEFAULT_LOCALE, isLocale, LOCALE_STORAGE_KEY, pickLocale, type Locale } from './locales';

interface LocaleState {
  locale: Locale;
  /** The person's explicit choice: applied at once and remembered in this browser. */
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: DEFAULT_LOCALE, setLocale: () => {} });

/** The language in force and the switch's setter. */
export function useLocaleState(): LocaleState {
  return useContext(LocaleContext);
}

function storedLocale(): Locale | undefined {
  try {
    const value = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled: follow the browser
  }
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

// The language is external state (the browser's preference, a choice stored by another tab): read it with
// useSyncExternalStore so the first render matches the static HTML and the browser's value follows at once.
const listeners = new Set<() => void>();
let chosen: Locale | undefined; // this tab's choice when storage is disabled

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  window.addEventListener('languagechange', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
    window.removeEventListener('languagechange', listener);
  };
}

const browserLocale = (): Locale =>
  chosen ?? storedLocale() ?? pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);

function setLocale(next: Locale) {
  chosen = next;
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // storage disabled: the choice lasts for this tab
  }
  for (const listener of listeners) listener();
}

const noSubscription = () => () => {};
const serverLocale = () => DEFAULT_LOCALE;
const serverTimeZone = () => 'UTC';

/** The browser's time zone, 'UTC' in the static HTML. */
export function useTimeZone(): string {
  return useSyncExternalStore(noSubscription, browserTimeZone, serverTimeZone);
}

/**
 * Every page's language: the static HTML is rendered in the default language; in the browser, the language is
 * the person's stored choice, else the first of the browser's languages the dApp speaks. Dates and numbers follow
 * the same locale (use-intl's formatter and lib/browser/format through useFormat()).
 */
export function LocaleProvider({ children }: { children: React.ReactNode }) {
  const wanted = useSyncExternalStore(subscribe, browserLocale, serverLocale);
  const timeZone = useTimeZone();
  // A language other than the default arrives in its own chunk: until it has, the whole page stays in the default
  // language (words, dates and numbers together), then switches at once.
  const [, setArrived] = useState(0);
  const wantedMessages = loadedPublicMessages(wanted);
  const locale = wantedMessages ? wanted : DEFAULT_LOCALE;
  const messages = wantedMessages ?? defaultPublicMessages;
  useEffect(() => {
    if (loadedPublicMessages(wanted)) return;
    let current = true;
    loadPublicMessages(wanted).then(
      () => current && setArrived((n) => n + 1),
      () => {}, // offline or a missing chunk: the page stays in the default language
    );
    return () => {
      current = false;
    };
  }, [wanted]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const state = useMemo(() => ({ locale, setLocale }), [locale]);
  return (
    <LocaleContext.Provider value={state}>
      <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
