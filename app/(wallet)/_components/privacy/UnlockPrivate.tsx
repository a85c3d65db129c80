'use client';

import { useAccount } from 'wagmi';
import { LockIcon } from '@/app/_components/LockIcon';
import { useHasReadingKey } from '../hooks';
import { useTranslations } from '@/lib/browser/i18n';
import { usePrivateKeys } from './PrivateKeys';

const STEPS = ['signing', 'registering', 'organisation'] as const;

/**
 * The "Unlock private details" action: one EIP-712 signature derives this person's reading key (and, for staff,
 * opens their organisation's key). The first time, a transaction registers the public half so others can share
 * books with them.
 */
export function UnlockPrivate({ compact = false }: { compact?: boolean }) {
  const t = useTranslations('unlock');
  const { address, isConnected } = useAccount();
  const keys = usePrivateKeys();
  const registered = useHasReadingKey(address);
  if (!isConnected || !keys.config) return null;

  if (keys.unlocked) {
    const { org, orgNote, registered: justRegistered } = keys.unlocked;
    return (
      <div className="alert success unlock-bar" role="status" data-testid="unlock-status">
        <span>
          <LockIcon open /> {t('unlocked')}
          {justRegistered && ` ${t('registered')}`}
          {org && t('withOrg', { version: org.keyVersion })}. {t('memoryOnly')}
          {orgNote && (
            <span className="block small" data-testid="org-key-note">
              {orgNote}
            </span>
          )}
        </span>
        {!compact && (
          <button type="button" className="secondary small" onClick={keys.lock}>
            {t('lock')}
          </button>
        )}
      </div>
    );
  }

  const step = STEPS.find((name) => name === keys.step);
  const busy = step !== undefined;
  return (
    <div className="unlock-panel" data-testid="unlock-panel">
      <div>
        <button type="button" onClick={() => void keys.unlock()} disabled={busy || !keys.ready}>
          <LockIcon /> {t('unlock')}
        </button>
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        {t('explain')}
        {registered.data === false && ` ${t('firstTime')}`}
      </p>
      {step && (
        <p className="small" role="status" data-testid="unlock-step" style={{ margin: 0 }}>
          {t(`step.${step}`)}
        </p>
      )}
      {keys.step === 'error' && keys.error && (
        <div className="alert error" role="alert" data-testid="unlock-error" style={{ margin: 0 }}>
          {keys.error}
        </div>
      )}
    </div>
  );
}
