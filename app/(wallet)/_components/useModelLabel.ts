import { useTranslations } from '@/lib/browser/i18n';
import { modelLabel } from './format';

/** `modelLabel` with the page's language's word for a vehicle whose book names no model. */
export function useModelLabel(): (metadataURI: string) => string {
  const t = useTranslations('verify.identity');
  const fallback = t('unknownMake');
  return (metadataURI) => modelLabel(metadataURI, fallback);
}
