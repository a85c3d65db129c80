'use client';

import '@rainbow-me/rainbowkit/styles.css';
import { RainbowKitProvider } from '@rainbow-me/rainbowkit';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState } from 'react';
import { WagmiProvider } from 'wagmi';
import { loadRuntimeConfig } from '@/lib/chain/runtime';
import type { RuntimeConfig } from '@/lib/config/runtime';
import { getConfig } from '@/lib/wallet/config';
import { PrivateKeysProvider } from './privacy/PrivateKeys';

const RuntimeConfigContext = createContext<RuntimeConfig | null>(null);

/** The consortium configuration (/config.json) for pages under the wallet providers. */
export function useRuntimeConfig(): RuntimeConfig {
  const config = useContext(RuntimeConfigContext);
  if (!config) throw new Error('useRuntimeConfig used outside <Providers>');
  return config;
}

export function Providers({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } }));
  const [state, setState] = useState<
    { runtime: RuntimeConfig; wagmi: ReturnType<typeof getConfig> } | { error: string } | null
  >(null);

  useEffect(() => {
    loadRuntimeConfig()
      .then((runtime) => setState({ runtime, wagmi: getConfig(runtime) }))
      .catch((error: Error) => setState({ error: error.message }));
  }, []);

  if (!state) return <p className="muted">Loading the consortium configuration…</p>;
  if ('error' in state) return <div className="alert error">{state.error}</div>;
  return (
    <RuntimeConfigContext.Provider value={state.runtime}>
      <WagmiProvider config={state.wagmi}>
        <QueryClientProvider client={queryClient}>
          <RainbowKitProvider>
            <PrivateKeysProvider>{children}</PrivateKeysProvider>
          </RainbowKitProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </RuntimeConfigContext.Provider>
  );
}
