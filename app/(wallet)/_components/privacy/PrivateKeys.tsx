'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Address, PublicClient, WalletClient } from 'viem';
import { useAccount, useWalletClient } from 'wagmi';
import { keyRegistryAbi } from '@/lib/browser/contracts';
import {
  privacyConfigFrom,
  unlockKeys,
  unlockOrgKey,
  type OrgKeyUnavailable,
  type PrivacyConfig,
  type UnlockedOrgKey,
} from '@/lib/browser/privacy';
import type { KeyPair } from '@/lib/browser/crypto';
import { humanizeError } from '@/lib/browser/errors';
import { useReadClient, useRuntimeConfig } from '../Providers';
import { queryKeys } from '../hooks';

export type UnlockStep = 'idle' | 'signing' | 'registering' | 'organisation' | 'unlocked' | 'error';

type Unlocked = {
  account: Address;
  personal: KeyPair;
  /** True when this unlock registered the key (its first use). */
  registered: boolean;
  org?: UnlockedOrgKey;
  /** Why no organisation key was opened, when the account is staff of an organisation. */
  orgNote?: string;
};

type PrivateKeysValue = {
  client: PublicClient;
  /** Undefined when this consortium has no key registry: private records are unavailable. */
  config?: PrivacyConfig;
  step: UnlockStep;
  error?: string;
  unlocked?: Unlocked;
  /** Every key this viewer reads with: its own, then each organisation key version it holds. */
  viewerKeys: KeyPair[];
  /** A short stable id of `viewerKeys`, for query keys (never the keys themselves). */
  keysId: string;
  /** The wallet and the chain are connected: unlocking can start. */
  ready: boolean;
  unlock: () => Promise<void>;
  /** Re-opens the organisation key with the unlocked personal key (after the admin published a new version). */
  refreshOrgKey: () => Promise<UnlockedOrgKey | undefined>;
  lock: () => void;
};

const PrivateKeysContext = createContext<PrivateKeysValue | null>(null);

export function usePrivateKeys(): PrivateKeysValue {
  const value = useContext(PrivateKeysContext);
  if (!value) throw new Error('usePrivateKeys used outside <PrivateKeysProvider>');
  return value;
}

/**
 * Holds the unlocked reading keys in React state only: never localStorage, never sent anywhere. They are
 * dropped when the account changes, on "Lock", and when the tab closes (the next visit unlocks again).
 */
export function PrivateKeysProvider({ children }: { children: React.ReactNode }) {
  const runtime = useRuntimeConfig();
  const config = useMemo(() => (runtime.contracts.keyRegistry ? privacyConfigFrom(runtime) : undefined), [runtime]);
  const { address } = useAccount();
  const { data: walletClient } = useWalletClient();
  const publicClient = useReadClient();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<UnlockStep>('idle');
  const [error, setError] = useState<string | undefined>();
  const [unlocked, setUnlocked] = useState<Unlocked | undefined>();

  // Keys belong to one account: switching accounts in the wallet locks again.
  useEffect(() => {
    if (unlocked && unlocked.account !== address) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the account lives in the wallet (external state): a switch drops the keys.
      setUnlocked(undefined);
      setStep('idle');
    }
  }, [address, unlocked]);

  const unlock = useCallback(async () => {
    if (!config || !publicClient || !walletClient) return;
    setError(undefined);
    try {
      setStep('signing');
      const registered = await publicClient.readContract({
        address: config.contracts.keyRegistry,
        abi: keyRegistryAbi,
        functionName: 'readingKeyOf',
        args: [walletClient.account.address],
      });
      // unlockKeys signs first, then registers on first use: say which step the wallet is waiting for.
      const signing = walletClient as WalletClient;
      const keys = await unlockKeys(
        registered.version === 0 ? withStepAfterSignature(signing, () => setStep('registering')) : signing,
        publicClient,
        config,
      );
      setStep('organisation');
      const opened = await unlockOrgKey(publicClient, config, keys.account, keys.keyPair);
      const org = opened.ok ? opened.orgKey : undefined;
      const orgNote = opened.ok ? undefined : orgKeyNote(opened);
      setUnlocked({ account: keys.account, personal: keys.keyPair, registered: keys.registered, org, orgNote });
      setStep('unlocked');
      await queryClient.invalidateQueries({ queryKey: queryKeys.privacy() });
    } catch (unlockError) {
      setError(humanizeError(unlockError));
      setStep('error');
    }
  }, [config, publicClient, walletClient, queryClient]);

  const refreshOrgKey = useCallback(async () => {
    if (!config || !unlocked) return undefined;
    const opened = await unlockOrgKey(publicClient, config, unlocked.account, unlocked.personal);
    // Nothing opened: the key held so far stays (the caller says what to do next).
    if (!opened.ok) return undefined;
    setUnlocked({ ...unlocked, org: opened.orgKey, orgNote: undefined });
    return opened.orgKey;
  }, [config, publicClient, unlocked]);

  const lock = useCallback(() => {
    setUnlocked(undefined);
    setStep('idle');
    setError(undefined);
  }, []);

  const viewerKeys = useMemo(
    () => (unlocked ? [unlocked.personal, ...(unlocked.org?.all.map((k) => k.keyPair) ?? [])] : []),
    [unlocked],
  );
  const keysId = unlocked ? `${unlocked.account}:${unlocked.org?.keyVersion ?? 0}` : 'locked';

  return (
    <PrivateKeysContext.Provider
      value={{
        client: publicClient,
        config,
        step,
        error,
        unlocked,
        viewerKeys,
        keysId,
        ready: Boolean(config && publicClient && walletClient),
        unlock,
        refreshOrgKey,
        lock,
      }}
    >
      {children}
    </PrivateKeysContext.Provider>
  );
}

/**
 * Why a staff member's organisation key did not open, in words; nothing for someone who is not staff of any
 * organisation.
 */
function orgKeyNote(unavailable: OrgKeyUnavailable): string | undefined {
  switch (unavailable.reason) {
    case 'not-staff':
      return undefined;
    case 'no-org-key':
      return `Organisation ${unavailable.orgId} has published no organisation key yet: its admin must do it first`;
    case 'not-wrapped':
      return `No wrap of organisation ${unavailable.orgId}'s key version ${unavailable.keyVersion} opens with your reading key: ask your organisation's admin to add you`;
  }
}

/** A wallet client that reports when the typed-data signature is done (the next wallet prompt is the registration). */
function withStepAfterSignature(walletClient: WalletClient, afterSignature: () => void): WalletClient {
  return {
    ...walletClient,
    signTypedData: async (args: Parameters<WalletClient['signTypedData']>[0]) => {
      const signature = await walletClient.signTypedData(args);
      afterSignature();
      return signature;
    },
  } as WalletClient;
}
