import { connectorsForWallets } from '@rainbow-me/rainbowkit';
import { frameWallet, injectedWallet, metaMaskWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets';
import { createConfig, http } from 'wagmi';
import { chainFromConfig } from '../chain/runtime';
import type { RuntimeConfig } from '../config/runtime';

/**
 * The wagmi configuration for the consortium in /config.json. Wallets that work without WalletConnect's
 * cloud come first (MetaMask, any injected wallet, Frame for hardware wallets); WalletConnect is offered only
 * when the deployment configures a project id.
 */
export function getConfig(runtime: RuntimeConfig) {
  // Every shard's chain: a write about a book goes to the book's chain, and the wallet is asked to switch only then.
  const [first, ...others] = runtime.shards.map(chainFromConfig);
  if (!first) throw new Error('This consortium configures no chain.');
  const projectId = runtime.walletConnectProjectId ?? '';
  const wallets = [metaMaskWallet, injectedWallet, frameWallet];
  const connectors = connectorsForWallets(
    [
      { groupName: 'Browser and hardware wallets', wallets },
      ...(projectId ? [{ groupName: 'Mobile', wallets: [walletConnectWallet] }] : []),
    ],
    // RainbowKit wants a project id string even for wallets that never use WalletConnect.
    { appName: 'CarBook ledger', projectId: projectId || 'carbook-no-walletconnect' },
  );
  return createConfig({
    chains: [first, ...others],
    connectors,
    // Batched JSON-RPC: the proxy counts a batch once against the per-IP limit (its batch cap is 100).
    transports: Object.fromEntries(
      runtime.shards.map((shard) => [shard.chainId, http(shard.rpcUrl, { batch: { batchSize: 100 } })]),
    ),
    ssr: false,
  });
}

declare module 'wagmi' {
  interface Register {
    config: ReturnType<typeof getConfig>;
  }
}
