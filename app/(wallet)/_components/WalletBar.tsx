'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';

export function WalletBar({ title }: { title: string }) {
  return (
    <div className="toolbar">
      <h1>{title}</h1>
      <ConnectButton showBalance={false} chainStatus="icon" />
    </div>
  );
}
