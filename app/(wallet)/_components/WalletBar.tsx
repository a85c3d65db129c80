'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';
import { UnlockPrivate } from './privacy/UnlockPrivate';

/**
 * A wallet page's title and wallet button. `privateData`: this page shows or writes private details, so it offers
 * the unlock (pages without private data never show it).
 */
export function WalletBar({ title, privateData = false }: { title: string; privateData?: boolean }) {
  return (
    <>
      <div className="toolbar">
        <h1>{title}</h1>
        <ConnectButton showBalance={false} chainStatus="icon" />
      </div>
      {privateData && <UnlockPrivate />}
    </>
  );
}
