import { WalletMessagesProvider } from '@/lib/browser/wallet';
import { Providers } from './_components/Providers';
import './wallet.css';

/** Pages that sign with a wallet. The buyer's /verify page lives outside this group and loads no wallet code. */
export default function WalletLayout({ children }: { children: React.ReactNode }) {
  return (
    <WalletMessagesProvider>
      <Providers>{children}</Providers>
    </WalletMessagesProvider>
  );
}
