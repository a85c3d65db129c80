import type { ChartMessages, PublicMessages, WalletMessages } from './catalogue';
import type { Locale } from './locales';

declare module 'use-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: PublicMessages & WalletMessages & ChartMessages;
  }
}
