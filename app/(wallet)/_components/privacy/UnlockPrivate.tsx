'use client';

import { useAccount } from 'wagmi';
import { LockIcon } from '@/app/_components/LockIcon';
import { useHasReadingKey } from '../hooks';
import { usePrivateKeys } from './PrivateKeys';

const STEP_TEXT = {
  signing:
    'Sign the "CarBook ledger reading key" request in your wallet (version 2, for this consortium\'s key registry)…',
  registering: 'Registering your reading key on chain (one transaction, first time only): confirm it in your wallet…',
  organisation: "Opening your organisation's key…",
} as const;

/**
 * The "Unlock private details" action: one EIP-712 signature derives this person's reading key (and, for staff,
 * opens their organisation's key). The first time, a transaction registers the public half so others can share
 * books with them.
 */
export function UnlockPrivate({ compact = false }: { compact?: boolean }) {
  const { address, isConnected } = useAccount();
  const keys = usePrivateKeys();
  const registered = useHasReadingKey(address);
  if (!isConnected || !keys.config) return null;

  if (keys.unlocked) {
    const { org, orgNote, registered: justRegistered } = keys.unlocked;
    return (
      <div className="alert success unlock-bar" role="status" data-testid="unlock-status">
        <span>
          <LockIcon open /> Private details unlocked for this tab
          {justRegistered && ' (your reading key is now registered)'}
          {org && `, with your organisation's key (version ${org.keyVersion})`}. The keys stay in this page&apos;s
          memory only.
          {orgNote && (
            <span className="block small" data-testid="org-key-note">
              {orgNote}
            </span>
          )}
        </span>
        {!compact && (
          <button type="button" className="secondary small" onClick={keys.lock}>
            Lock
          </button>
        )}
      </div>
    );
  }

  const busy = keys.step === 'signing' || keys.step === 'registering' || keys.step === 'organisation';
  return (
    <div className="unlock-panel" data-testid="unlock-panel">
      <div>
        <button type="button" onClick={() => void keys.unlock()} disabled={busy || !keys.ready}>
          <LockIcon /> Unlock private details
        </button>
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        Your wallet signs a fixed request that derives your reading key in this browser; nothing is sent and it costs
        nothing. That signature unlocks every car book of this consortium you may read, now and later: private record
        details, documents and keys shared with you. Any site that obtains the same signature gets that key, so sign it
        only in this app.
        {registered.data === false &&
          ' First time: a transaction then registers the public half of that key on chain, so owners can share their books with you.'}
      </p>
      {busy && (
        <p className="small" role="status" data-testid="unlock-step" style={{ margin: 0 }}>
          {STEP_TEXT[keys.step as keyof typeof STEP_TEXT]}
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
