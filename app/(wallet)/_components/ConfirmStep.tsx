'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from '@/lib/browser/i18n';

/**
 * The second step of an irreversible action: says what cannot be undone and asks once more. Rendered in
 * place of the action's button, focused so keyboard and screen-reader users land on it.
 */
export function ConfirmStep({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const t = useTranslations('confirm');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-label={title}
      aria-describedby="confirm-body"
      tabIndex={-1}
      ref={ref}
    >
      <strong>{title}</strong>
      <div id="confirm-body">{children}</div>
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
