'use client';

import { useAccount } from 'wagmi';
import { WalletBar } from '../../_components/WalletBar';
import { useMyBooks } from '../../_components/hooks';
import { OwnedBook } from './OwnedBook';

export function Garage() {
  const { address, isConnected } = useAccount();
  const books = useMyBooks(address);

  return (
    <>
      <WalletBar title="My car books" />
      {!isConnected && <p className="muted">Connect your wallet to see the car books you own.</p>}
      {isConnected && books.isPending && <p className="muted">Looking for your car books…</p>}
      {books.error && <div className="alert error">{books.error.message}</div>}
      {books.data?.length === 0 && (
        <div className="panel">
          <p>You don&apos;t own a car book yet. The dealer creates one when you buy a new car.</p>
        </div>
      )}
      <div className="book-list">
        {books.data?.map((tokenId) => <OwnedBook key={tokenId.toString()} tokenId={tokenId} />)}
      </div>
    </>
  );
}
