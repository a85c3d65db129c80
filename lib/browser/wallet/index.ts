/** Public entry of the wallet connection (wagmi + RainbowKit): only the wallet pages import it. */
export { getConfig } from './config';
export { WalletMessagesProvider } from './messages';
