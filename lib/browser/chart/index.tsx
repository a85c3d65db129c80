'use client';

/**
 * The buyer's mileage chart's words: messages/<locale>/chart.json, on top of the page's catalogue. Imported only
 * by the chart's own chunk (app/verify/_components/MileageChart.tsx, loaded with a result), so /verify's first
 * load carries none of them.
 */
import { useMemo } from 'react';
import { IntlProvider, useLocale, useMessages, useTimeZone } from 'use-intl';
import type { ChartMessages } from '../i18n/catalogue';
import enChart from '../i18n/messages/en/chart.json';
import frChart from '../i18n/messages/fr/chart.json';

const chartMessages: Record<string, ChartMessages> = { en: enChart, fr: frChart };

export function ChartMessagesProvider({ children }: { children: React.ReactNode }) {
  const locale = useLocale();
  const messages = useMessages();
  const timeZone = useTimeZone();
  const merged = useMemo(() => ({ ...messages, ...(chartMessages[locale] ?? enChart) }), [messages, locale]);
  return (
    <IntlProvider locale={locale} messages={merged} timeZone={timeZone}>
      {children}
    </IntlProvider>
  );
}
