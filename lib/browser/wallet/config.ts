import { connectorsForWallets } from '@rainbow-me/rainbowkit';
import { frameWallet, injectedWallet, metaMaskWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets';
import { createConfig, http, type CreateConnectorFn } from 'wagmi';
import { chainFromConfig } from '../chain/runtime';
import type { RuntimeConfig } from '../config/runtime';

/**
 * The wagmi configuration for the consortium in /config.json. Wallets that work without WalletConnect's
 * cloud come first (MetaMask, any injected wallet, Frame for hardware wallets); WalletConnect is offered only
 * when the deployment configures a project id.
 */
/**
 * An injected wallet (a browser extension, Frame) stays connected when the person refuses the switch to the
 * consortium's network at connect: wagmi would fail the whole connection, and RainbowKit's dialog would stay on
 * "Opening Browser Wallet… RETRY" although the wallet granted its accounts. The connection then stands on the
 * wallet's network; the page says so in one sentence, and every transaction asks for the switch first and sends
 * nothing on another network (app/(wallet)/_components/useTransactionSteps.tsx). A refused account request still
 * fails the connection.
 */
export function connectDespiteRefusedSwitch(create: CreateConnectorFn): CreateConnectorFn {
  return (config) => {
    const connector = create(config);
    if (connector.type !== 'injected') return connector;
    const connect = connector.connect;
    return {
      ...connector,
      async connect(parameters) {
        try {
          return await connect.call(this, parameters);
        } catch (error) {
          const refused = (error as { code?: unknown }).code === 4001;
          if (!parameters?.chainId || !refused) throw error;
          // Refused after the accounts were granted: it was the switch. Connect where the wallet is.
          const accounts = await this.getAccounts().catch(() => []);
          if (accounts.length === 0) throw error;
          return connect.call(this, { ...parameters, chainId: undefined });
        }
      },
    } as typeof connector;
  };
}

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
    connectors: connectors.map(connectDespiteRefusedSwitch),
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
