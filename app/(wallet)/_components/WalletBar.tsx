'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';
import { UnlockPrivate } from './privacy/UnlockPrivate';

export function WalletBar({ title }: { title: string }) {
  return (
    <>
      <div className="toolbar">
        <h1>{title}</h1>
        <ConnectButton showBalance={false} chainStatus="icon" />
      </div>
      <UnlockPrivate />
    </>
  );
}
