'use client';

import { useState } from 'react';
import { useAccount } from 'wagmi';
import { WalletBar } from '../../_components/WalletBar';
import { useMyBooks } from '../../_components/hooks';
import { OwnedBook } from './OwnedBook';

export function Garage() {
  const { address, isConnected } = useAccount();
  const books = useMyBooks(address);
  // A book handed over leaves this list with its panel: its last message is shown here instead.
  const [notice, setNotice] = useState<string | undefined>();

  return (
    <>
      <WalletBar title="My car books" />
      {!isConnected && <p className="muted">Connect your wallet to see the car books you own.</p>}
      {notice && (
        <div className="alert success" role="status" data-testid="garage-notice">
          {notice}
        </div>
      )}
      {isConnected && books.isPending && <p className="muted">Looking for your car books…</p>}
      {books.error && <div className="alert error">{books.error.message}</div>}
      {books.data?.length === 0 && (
        <div className="panel" data-testid="no-books">
          <p>You don&apos;t own a car book yet. The dealer creates one when you buy a new car.</p>
        </div>
      )}
      <div className="book-list">
        {books.data?.map((tokenId) => (
          <OwnedBook key={tokenId.toString()} tokenId={tokenId} onGone={setNotice} />
        ))}
      </div>
    </>
  );
}
