'use client';

import { useTranslations } from '@/lib/browser/i18n';

/** An undecided claim that can no longer be worked on (`Insurance.claimLive` is false). */
export function ClaimLapsed() {
  const t = useTranslations('claimVerdict');
  return (
    <p className="muted" data-testid="claim-lapsed">
      {t('lapsed')}
    </p>
  );
}
