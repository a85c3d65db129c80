/**
 * A buyer without a wallet reads the history through a link whose fragment carries a one-time reading key.
 * On chain the link is a share key: the owner adds it with wraps of every epoch it holds; revoking it (or
 * selling) removes that reader, so the next write rotates the epoch and the link reads nothing after it.
 */
import { type Hex, type PublicClient, type WalletClient } from 'viem';
import { keyRegistryAbi } from '../contracts/generated';
import { createShareLink, readShareFragment, toHex, type KeyPair } from '../crypto';
import { bookContext, sendContract, type PrivacyConfig } from './chain';
import { bookKeyState, keyringFor } from './epochs';
import { readPrivateHistory } from './history';

export async function createBuyerShare(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  input: { tokenId: bigint; baseUrl: string; ownerKeys: readonly KeyPair[] },
): Promise<{ url: string; shareKey: Hex; epochs: number[] }> {
  const state = await bookKeyState(publicClient, config, input.tokenId);
  const ring = keyringFor(config, input.tokenId, state.wraps, input.ownerKeys);
  const started = state.started ? state.currentEpoch + 1 : 0;
  const missing = Array.from({ length: started }, (_, e) => e).filter((e) => !ring.has(e));
  if (missing.length > 0) {
    throw new Error(
      `You do not hold the keys of epoch(s) ${missing.join(', ')} of this book: the link could not show the whole history`,
    );
  }
  const epochKeys = [...ring].map(([epoch, keys]) => ({ epoch, key: keys[0] }));
  const link = createShareLink(input.baseUrl, toHex32(input.tokenId), epochKeys, bookContext(config, input.tokenId));
  const shareKey = toHex(link.readerPublicKey);
  await sendContract(publicClient, walletClient, {
    address: config.contracts.keyRegistry,
    abi: keyRegistryAbi,
    functionName: 'addShareKey',
    args: [input.tokenId, shareKey, link.wraps.map((w) => w.epoch), link.wraps.map((w) => toHex(w.wrap))],
  });
  return { url: link.url, shareKey, epochs: link.wraps.map((w) => w.epoch) };
}

export async function revokeBuyerShare(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  input: { tokenId: bigint; shareKey: Hex },
) {
  return sendContract(publicClient, walletClient, {
    address: config.contracts.keyRegistry,
    abi: keyRegistryAbi,
    functionName: 'revokeShareKey',
    args: [input.tokenId, input.shareKey],
  });
}

/** Book id and key of a share link (the full URL, or `location.search` + `location.hash` given separately). */
export function parseShareLink(link: string | { search: string; hash: string }): { tokenId: bigint; keyPair: KeyPair } {
  const { search, hash } = typeof link === 'string' ? new URL(link) : link;
  const book = new URLSearchParams(search).get('book');
  if (!book || !/^0x[0-9a-fA-F]{64}$/.test(book))
    throw new Error('This link names no car book (?book=0x...): ask the seller for the full link');
  return { tokenId: BigInt(book), keyPair: readShareFragment(hash) };
}

/** The buyer's view: the verified history, opened with the link's key (no wallet, reads only). */
export async function readWithShareLink(
  link: string | { search: string; hash: string },
  publicClient: PublicClient,
  config: PrivacyConfig,
) {
  const { tokenId, keyPair } = parseShareLink(link);
  return readPrivateHistory(publicClient, config, tokenId, [keyPair]);
}

function toHex32(value: bigint): Hex {
  return `0x${value.toString(16).padStart(64, '0')}`;
}
