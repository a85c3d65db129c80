'use client';

import { useMemo } from 'react';
import { IntlProvider } from 'use-intl';
import { publicMessagesFor, type WalletMessages } from '../i18n/catalogue';
import { useLocaleState, useTimeZone } from '../i18n/LocaleProvider';
import type { Locale } from '../i18n/locales';
import enWallet from '../i18n/messages/en/wallet.json';
import frWallet from '../i18n/messages/fr/wallet.json';

/**
 * The wallet pages' part of the message catalogue. It lives here, behind the wallet pages' own entry, so that the
 * buyer's pages (which import lib/browser/i18n) never bundle it.
 */
const walletMessages: Record<Locale, WalletMessages> = { en: enWallet, fr: frWallet };

/** The wallet pages' messages on top of the public ones, in the language in force (app/(wallet)/layout.tsx). */
export function WalletMessagesProvider({ children }: { children: React.ReactNode }) {
  const { locale } = useLocaleState();
  const timeZone = useTimeZone();
  const messages = useMemo(() => ({ ...publicMessagesFor(locale), ...walletMessages[locale] }), [locale]);
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}
