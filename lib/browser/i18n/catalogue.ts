import enPublic from './messages/en/public.json';
import type enWalletShape from './messages/en/wallet.json';
import type enChartShape from './messages/en/chart.json';
import type { Locale } from './locales';

/**
 * The message catalogue, in two parts so the buyer's pages never download the wallet pages' text:
 * - public: the site frame, the home page, the buyer's report, error sentences (loaded by every page);
 * - wallet: the pages that sign with a wallet (lib/browser/wallet/messages.tsx, loaded by app/(wallet)/layout.tsx
 *   only: this module never imports them, so the buyer's pages never bundle them).
 * - chart: the buyer's mileage chart (app/verify/_components/MileageChart.tsx, loaded with a result, with its
 *   charting library), so /verify's first load carries none of its words.
 * English is the reference: its shape types every `t('…')` call (global.d.ts), so a key that English lacks
 * fails the type check, and catalogue.test.ts fails when another language lacks a key or an argument.
 */
export type PublicMessages = typeof enPublic;
/** Type only: the wallet part's values are imported by lib/browser/wallet (walletMessages), never by this module. */
export type WalletMessages = typeof enWalletShape;
/** Type only: the chart's values are imported by the chart's own chunk. */
export type ChartMessages = typeof enChartShape;

/** The default language's public messages: bundled with every page (the static HTML is rendered in them). */
export const defaultPublicMessages: PublicMessages = enPublic;

/**
 * Every other language's public messages load on demand, in their own chunk, once the browser asks for that language:
 * a page's first load carries one language, and a third language costs nothing to the others.
 */
const publicLoaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: unknown }>> = {
  fr: () => import('./messages/fr/public.json'),
};
const loadedPublic: Partial<Record<Locale, PublicMessages>> = { en: enPublic };

/** `locale`'s public messages once loaded (loadPublicMessages), else undefined. */
export function loadedPublicMessages(locale: Locale): PublicMessages | undefined {
  return loadedPublic[locale];
}

/** The public messages of `locale` if loaded, else the default language's (non-React callers: humanize). */
export function publicMessagesFor(locale: Locale): PublicMessages {
  return loadedPublic[locale] ?? enPublic;
}

/** Loads `locale`'s public messages (once; later calls share the result). */
export async function loadPublicMessages(locale: Locale): Promise<PublicMessages> {
  const known = loadedPublic[locale];
  if (known) return known;
  const messages = (await publicLoaders[locale as Exclude<Locale, 'en'>]()).default as PublicMessages;
  loadedPublic[locale] = messages;
  return messages;
}
