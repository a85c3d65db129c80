'use client';

import { useTranslations } from '@/lib/browser/i18n';
import type { ClaimView } from './hooks';

export function VerdictBadge({ verdict }: { verdict: ClaimView['verdict'] }) {
  const t = useTranslations('claimVerdict');
  if (verdict === 'TotalLoss') return <span className="badge wrecked">{t('TotalLoss')}</span>;
  if (verdict === 'Repairable') return <span className="badge active">{t('Repairable')}</span>;
  return <span className="badge pending">{t('None')}</span>;
}
