'use client';

import { useHumanize } from '@/lib/browser/i18n';

/** A failed read (history, lists, the desk): one sentence in the page's language, never a library message. */
export function ReadError({ error }: { error: unknown }) {
  const humanize = useHumanize();
  if (!error) return null;
  return (
    <div className="alert error" role="alert" data-testid="read-error">
      {humanize(error)}
    </div>
  );
}
