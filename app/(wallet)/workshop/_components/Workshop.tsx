'use client';

import { useState } from 'react';
import { useAccount } from 'wagmi';
import { BookLookup } from '../../_components/BookLookup';
import { WalletBar } from '../../_components/WalletBar';
import { WorkshopBook } from './WorkshopBook';
import { useTranslations } from '@/lib/browser/i18n';

/** An independent workshop opens the car book it was given access to, and writes while the grant lasts. */
export function Workshop() {
  const t = useTranslations('pageTitles');
  const { address, isConnected } = useAccount();
  const [tokenId, setTokenId] = useState<bigint | undefined>();

  return (
    <>
      <WalletBar title={t('workshop')} privateData />
      <p className="muted">
        The car&apos;s owner gives your workshop access for a few days from their garage page. While it lasts you read
        the whole history and write service and repair records.
      </p>
      {!isConnected && <p className="muted">Connect your workshop&apos;s wallet to see your access.</p>}
      <div className="panel">
        <BookLookup onFound={setTokenId} />
      </div>
      {tokenId !== undefined && address && (
        <WorkshopBook key={tokenId.toString()} tokenId={tokenId} account={address} />
      )}
    </>
  );
}
