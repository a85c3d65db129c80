import enPublic from './messages/en/public.json';
import frPublic from './messages/fr/public.json';
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

export const publicMessages: Record<Locale, PublicMessages> = { en: enPublic, fr: frPublic };
