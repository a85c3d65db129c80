'use client';

import { useCallback } from 'react';
import { useLocale } from 'use-intl';
import { humanizeError } from './humanize';

/**
 * Any error as one sentence in the page's language (the catalogue's errors namespace): the one way components
 * show an error (read or write). No library message ever reaches a person.
 */
export function useHumanize(): (error: unknown) => string {
  const locale = useLocale();
  return useCallback((error: unknown) => humanizeError(error, locale), [locale]);
}
