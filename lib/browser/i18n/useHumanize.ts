'use client';

import { useCallback } from 'react';
import { humanizeError } from '../errors';

/**
 * Any error as one sentence in the page's language: the one way components show an error (read or write).
 * No library message ever reaches a person.
 */
/** @public used by the pages through lib/browser/i18n */
export function useHumanize(): (error: unknown) => string {
  // The sentences are English until lib/browser/errors moves them into the catalogue (errors namespace).
  return useCallback((error: unknown) => humanizeError(error), []);
}
