'use client';

import { useTranslations } from '@/lib/browser/i18n';
import { FilePicker } from '@/app/_components/FilePicker';

/**
 * The expert's report document for a diagnosis (optional): encrypted in the browser, stored on the consortium's
 * IPFS node, and its key sealed for the book's readers (the owner, the maker's network, the covering insurer).
 */
export function ReportAttachment({ onChange }: { onChange: (file: File | undefined) => void }) {
  const t = useTranslations('expert.report');
  return (
    <label>
      {t('label')}
      <FilePicker name="report" onChange={(event) => onChange(event.target.files?.[0] ?? undefined)} />
      <span className="hint">{t('hint')}</span>
    </label>
  );
}
