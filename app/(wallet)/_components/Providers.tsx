'use client';

import '@rainbow-me/rainbowkit/styles.css';
import { lightTheme, RainbowKitProvider, type DisclaimerComponent } from '@rainbow-me/rainbowkit';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState } from 'react';
import { WagmiProvider } from 'wagmi';
import { createPublicClient, http, type PublicClient } from 'viem';
import { chainFromConfig, loadRuntimeConfig } from '@/lib/browser/chain';
import type { RuntimeConfig } from '@/lib/browser/config';
import { getConfig } from '@/lib/browser/wallet';
import { useTranslations } from '@/lib/browser/i18n';
import { useHumanize } from '@/lib/browser/errors';
import { useLocale } from 'use-intl';
import { PrivateKeysProvider } from './privacy/PrivateKeys';

/**
 * RainbowKit in the site's colours. Its default accent (#0e76fd) under white text is 4.2:1, below WCAG AA's 4.5:1
 * (axe color-contrast on "Connect Wallet"); the site's accent (--accent in globals.css) is 5.1:1.
 */
const walletTheme = lightTheme({ accentColor: '#1f5eff', accentColorForeground: '#ffffff', borderRadius: 'small' });

const RuntimeConfigContext = createContext<RuntimeConfig | null>(null);
const ReadClientContext = createContext<PublicClient | null>(null);

/**
 * The client every wallet page reads the chain with. A page shows several books, each read with a dozen calls at
 * once (history, grants, cover, key wraps, ...): JSON-RPC batching sends them as one HTTP request, which the RPC
 * proxy's per-IP rate limit counts once (its batch cap is 100 calls). Transactions still go through the wallet.
 */
export function useReadClient(): PublicClient {
  const client = useContext(ReadClientContext);
  if (!client) throw new Error('useReadClient used outside <Providers>');
  return client;
}

function readClientFor(runtime: RuntimeConfig): PublicClient {
  return createPublicClient({
    chain: chainFromConfig(runtime),
    transport: http(runtime.rpcUrl, { batch: { batchSize: 50, wait: 16 } }),
    pollingInterval: 500,
  });
}

/** The consortium configuration (/config.json) for pages under the wallet providers. */
export function useRuntimeConfig(): RuntimeConfig {
  const config = useContext(RuntimeConfigContext);
  if (!config) throw new Error('useRuntimeConfig used outside <Providers>');
  return config;
}

/** What the connect dialog says under the wallet list: written for car owners and the consortium's staff. */
function useConnectDisclaimer(): DisclaimerComponent {
  const t = useTranslations('connect');
  const text = t('disclaimer');
  return function ConnectDisclaimer({ Text }) {
    return <Text>{text}</Text>;
  };
}

export function Providers({ children }: { children: React.ReactNode }) {
  const t = useTranslations('walletPages');
  const humanize = useHumanize();
  const locale = useLocale();
  const disclaimer = useConnectDisclaimer();
  // viem already retries a failed request 3 times: one more try of the whole read is enough before the page says
  // in words that the node is unreachable (react-query's default, 3 more with backoff, kept people waiting ~10 s).
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } }),
  );
  const [state, setState] = useState<
    { runtime: RuntimeConfig; wagmi: ReturnType<typeof getConfig>; reads: PublicClient } | { error: unknown } | null
  >(null);

  useEffect(() => {
    loadRuntimeConfig()
      .then((runtime) => setState({ runtime, wagmi: getConfig(runtime), reads: readClientFor(runtime) }))
      .catch((error: unknown) => setState({ error }));
  }, []);

  if (!state) return <p className="muted">{t('loadingConfig')}</p>;
  if ('error' in state)
    return (
      <div className="alert error" role="alert" data-testid="read-error">
        {humanize(state.error)}
      </div>
    );
  return (
    <RuntimeConfigContext.Provider value={state.runtime}>
      <ReadClientContext.Provider value={state.reads}>
        <WagmiProvider config={state.wagmi}>
          <QueryClientProvider client={queryClient}>
            <RainbowKitProvider
              locale={locale === 'fr' ? 'fr-FR' : 'en-US'}
              modalSize="compact"
              theme={walletTheme}
              appInfo={{ appName: 'CarBook ledger', disclaimer }}
            >
              <PrivateKeysProvider>{children}</PrivateKeysProvider>
            </RainbowKitProvider>
          </QueryClientProvider>
        </WagmiProvider>
      </ReadClientContext.Provider>
    </RuntimeConfigContext.Provider>
  );
}
