'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';
import { useAccount } from 'wagmi';
import { useTranslations } from '@/lib/browser/i18n';
import { useRuntimeConfig } from './Providers';
import { UnlockPrivate } from './privacy/UnlockPrivate';

/**
 * A wallet page's title and wallet button. `privateData`: this page shows or writes private details, so it offers
 * the unlock (pages without private data never show it). A wallet connected on another network (the person
 * refused the switch at connect) gets one sentence: nothing is sent until it switches.
 */
export function WalletBar({ title, privateData = false }: { title: string; privateData?: boolean }) {
  const t = useTranslations('network');
  const runtime = useRuntimeConfig();
  const { isConnected, chainId } = useAccount();
  return (
    <>
      <div className="toolbar">
        <h1>{title}</h1>
        <ConnectButton showBalance={false} chainStatus="icon" />
      </div>
      {isConnected && chainId !== undefined && chainId !== runtime.chainId && (
        <p className="alert info" role="status" data-testid="wrong-network">
          {t('wrong')}
        </p>
      )}
      {privateData && <UnlockPrivate />}
    </>
  );
}
