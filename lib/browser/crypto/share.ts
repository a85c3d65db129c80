/**
 * Sharing the history with a buyer who has no wallet. The share is a reader like any other: a random
 * X25519 key pair whose public key gets wraps of every epoch key (emitted on chain); its secret travels
 * only in the URL fragment (`#k=`), which browsers never send to a server. Revoking the link =
 * removing that reader, which rotates the epoch (nothing written afterwards is readable with it).
 *
 *   <baseUrl>?book=<tokenId as 0x + 64 hex>#k=<base64url(32-byte X25519 secret), 43 characters>
 */
import { fromBase64url, toBase64url, type Hex } from './bytes';
import { CryptoError } from './errors';
import { keyPairFromSecretKey, type KeyPair } from './keys';
import { randomBytes } from './random';
import { wrapsForNewReader, type EpochKeys, type EpochWrap } from './rotation';
import type { BookContext } from './wrap';

export type ShareLink = {
  url: string;
  /** The share's reader key: register it and emit `wraps` for it; remove it to revoke the link. */
  readerPublicKey: Uint8Array;
  wraps: EpochWrap[];
};

/** Create a share link for a book with every epoch key the seller holds. */
export function createShareLink(
  baseUrl: string,
  tokenIdHex: Hex,
  epochKeys: EpochKeys,
  context: BookContext,
): ShareLink {
  if (!/^0x[0-9a-fA-F]{64}$/.test(tokenIdHex))
    throw new CryptoError('invalid-argument', 'tokenIdHex must be 0x and 64 hex digits');
  if (BigInt(tokenIdHex) !== context.tokenId)
    throw new CryptoError('invalid-argument', 'tokenIdHex is not context.tokenId');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new CryptoError('invalid-argument', `baseUrl is not an absolute URL: ${baseUrl}`);
  }
  if (url.hash !== '' || baseUrl.includes('#'))
    throw new CryptoError('invalid-argument', 'baseUrl must not have a fragment');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CryptoError('invalid-argument', 'baseUrl must be http(s)');
  const secret = randomBytes(32);
  const pair = keyPairFromSecretKey(secret);
  url.searchParams.set('book', tokenIdHex.toLowerCase());
  url.hash = `k=${toBase64url(secret)}`;
  const wraps = wrapsForNewReader(epochKeys, pair.publicKey, context);
  secret.fill(0);
  pair.secretKey.fill(0);
  return { url: url.toString(), readerPublicKey: pair.publicKey, wraps };
}

/** The share's key pair from `location.hash` ("#k=..." or "k=..."). */
export function readShareFragment(hash: string): KeyPair {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const values = params.getAll('k');
  if (values.length !== 1)
    throw new CryptoError('malformed', 'this link carries no reading key (#k=...): ask the seller for the full link');
  const secret = fromBase64url(values[0], 'the link key');
  if (secret.length !== 32)
    throw new CryptoError('malformed', 'the link key is not 32 bytes: the link was cut, copy it whole');
  return keyPairFromSecretKey(secret);
}
