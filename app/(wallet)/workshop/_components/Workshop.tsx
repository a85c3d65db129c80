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
  const tw = useTranslations('workshop');
  const { address, isConnected } = useAccount();
  const [tokenId, setTokenId] = useState<bigint | undefined>();

  return (
    <>
      <WalletBar title={t('workshop')} privateData />
      <p className="muted">{tw('intro')}</p>
      {!isConnected && <p className="muted">{tw('connect')}</p>}
      <div className="panel">
        <BookLookup onFound={setTokenId} />
      </div>
      {tokenId !== undefined && address && (
        <WorkshopBook key={tokenId.toString()} tokenId={tokenId} account={address} />
      )}
    </>
  );
}
