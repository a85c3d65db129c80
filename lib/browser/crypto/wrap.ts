/**
 * Key wraps: a 32-byte secret (a book's epoch key, or an organisation's X25519 secret) sealed for one
 * reader's X25519 public key with NaCl box from a fresh ephemeral key pair and a fresh random nonce.
 *
 * Wrap format v1 (137 bytes, emitted on chain as event bytes):
 *   0x01 | ephemeral public key (32) | nonce (24) | box (80) = secretbox_k(contextHash (32) || secret (32))
 * where k = HSalsa20(X25519(ephemeral secret, reader public key)) — exactly nacl.box.
 * The context hash binds the wrap to what it is for (chain, book, token, epoch, reader — or chain,
 * consortium, organisation, key version, organisation public key, staff key): a wrap copied to another
 * book, epoch, reader or organisation opens but is refused with `context-mismatch`.
 */
import nacl from 'tweetnacl';
import { sha256 } from '@noble/hashes/sha2.js';
import { addressBytes, bytesEqual, concatBytes, requireBytes, u32be, uintBe, type Hex } from './bytes';
import { CryptoError } from './errors';
import { randomBytes } from './random';
import { boxKey, ephemeralBoxKey, ephemeralBoxKeys, publicKeyFromSecret } from './x25519';

export const WRAP_VERSION = 0x01;
export const WRAP_LENGTH = 1 + 32 + 24 + 32 + 32 + 16; // 137

const EPOCH_WRAP_TAG = new TextEncoder().encode('carbook-ledger/v1/epoch-key-wrap\0');
const ORG_WRAP_TAG = new TextEncoder().encode('carbook-ledger/v1/org-key-wrap\0');

/** Which book a key belongs to. `carBook` is the CarBook registry (proxy) address. */
export type BookContext = {
  chainId: number | bigint;
  carBook: Hex;
  tokenId: bigint;
};

/** Which epoch of which book. Epochs are numbered from 0 per book (uint32). */
export type EpochContext = BookContext & { epoch: number };

/** Which organisation key: the Consortium contract, the organisation's uint32 id and the key's version. */
export type OrgContext = {
  chainId: number | bigint;
  consortium: Hex;
  orgId: number;
  keyVersion: number;
  orgPublicKey: Uint8Array;
};

function chainIdBytes(chainId: number | bigint): Uint8Array {
  const v = typeof chainId === 'number' ? (Number.isSafeInteger(chainId) ? BigInt(chainId) : -1n) : chainId;
  return uintBe(v, 32, 'chainId');
}

/**
 * sha256("carbook-ledger/v1/epoch-key-wrap\0" || chainId uint256 BE || carBook (20) || tokenId uint256 BE
 *        || epoch uint32 BE || reader public key (32))
 */
export function epochContextHash(context: EpochContext, readerPublicKey: Uint8Array): Uint8Array {
  return sha256(
    concatBytes(
      EPOCH_WRAP_TAG,
      chainIdBytes(context.chainId),
      addressBytes(context.carBook, 'carBook'),
      uintBe(context.tokenId, 32, 'tokenId'),
      u32be(context.epoch),
      requireBytes(readerPublicKey, 32, 'reader public key'),
    ),
  );
}

/**
 * sha256("carbook-ledger/v1/org-key-wrap\0" || chainId uint256 BE || consortium (20) || orgId uint32 BE
 *        || keyVersion uint32 BE || organisation public key (32) || staff public key (32))
 */
export function orgContextHash(context: OrgContext, staffPublicKey: Uint8Array): Uint8Array {
  return sha256(
    concatBytes(
      ORG_WRAP_TAG,
      chainIdBytes(context.chainId),
      addressBytes(context.consortium, 'consortium'),
      u32be(context.orgId),
      u32be(context.keyVersion),
      requireBytes(context.orgPublicKey, 32, 'organisation public key'),
      requireBytes(staffPublicKey, 32, 'staff public key'),
    ),
  );
}

function assemble(
  ephemeralPublicKey: Uint8Array,
  nonce: Uint8Array,
  key: Uint8Array,
  contextHash: Uint8Array,
  secret: Uint8Array,
) {
  const box = nacl.secretbox(concatBytes(contextHash, secret), nonce, key);
  key.fill(0);
  return concatBytes(Uint8Array.of(WRAP_VERSION), ephemeralPublicKey, nonce, box);
}

/** Seal `secret` (32 bytes) for `readerPublicKey` under `contextHash` (32 bytes). Synchronous, tweetnacl. */
export function sealKey(secret: Uint8Array, readerPublicKey: Uint8Array, contextHash: Uint8Array): Uint8Array {
  requireBytes(secret, 32, 'key to wrap');
  requireBytes(readerPublicKey, 32, 'reader public key');
  const ephemeralSecretKey = randomBytes(32);
  const nonce = randomBytes(24);
  const { ephemeralPublicKey, key } = ephemeralBoxKey(ephemeralSecretKey, readerPublicKey);
  ephemeralSecretKey.fill(0);
  return assemble(ephemeralPublicKey, nonce, key, contextHash, secret);
}

/** Open a wrap with the reader's secret key and check it was made for `expectedContextHash`. */
export function openKey(wrap: Uint8Array, readerSecretKey: Uint8Array, expectedContextHash: Uint8Array): Uint8Array {
  if (!(wrap instanceof Uint8Array)) throw new CryptoError('invalid-argument', 'a key wrap must be bytes');
  requireBytes(readerSecretKey, 32, 'reader secret key');
  if (wrap.length === 0) throw new CryptoError('malformed', 'key wrap is empty');
  if (wrap[0] !== WRAP_VERSION) {
    throw new CryptoError(
      'unsupported-version',
      `key wrap version ${wrap[0]} is not supported (this client reads version ${WRAP_VERSION})`,
    );
  }
  if (wrap.length !== WRAP_LENGTH)
    throw new CryptoError('malformed', `key wrap must be ${WRAP_LENGTH} bytes, got ${wrap.length}`);
  const ephemeralPublicKey = wrap.subarray(1, 33);
  const nonce = wrap.subarray(33, 57);
  let key: Uint8Array;
  try {
    key = boxKey(readerSecretKey, ephemeralPublicKey);
  } catch {
    throw new CryptoError('decryption-failed', 'key wrap does not open: its ephemeral key is invalid');
  }
  const plain = nacl.secretbox.open(wrap.subarray(57), nonce, key);
  key.fill(0);
  if (!plain)
    throw new CryptoError(
      'decryption-failed',
      'key wrap does not open with this key: it is for another reader, or it was altered',
    );
  if (!bytesEqual(plain.subarray(0, 32), expectedContextHash)) {
    plain.fill(0);
    throw new CryptoError(
      'context-mismatch',
      'key wrap was made for another book, epoch, organisation or reader: refused',
    );
  }
  const secret = plain.slice(32);
  plain.fill(0);
  return secret;
}

/** A fresh random epoch key (32-byte secretbox key). */
export function newEpochKey(): Uint8Array {
  return randomBytes(32);
}

/** Wrap a book's epoch key for one reader (fresh ephemeral key pair and nonce). */
export function wrapEpochKey(epochKey: Uint8Array, readerPublicKey: Uint8Array, context: EpochContext): Uint8Array {
  return sealKey(epochKey, readerPublicKey, epochContextHash(context, readerPublicKey));
}

/** Unwrap an epoch key; refuses a wrap made for another chain, book, token, epoch or reader. */
export function unwrapEpochKey(
  wrap: Uint8Array,
  readerSecretKey: Uint8Array,
  expectedContext: EpochContext,
): Uint8Array {
  const readerPublicKey = publicKeyFromSecret(requireBytes(readerSecretKey, 32, 'reader secret key'));
  return openKey(wrap, readerSecretKey, epochContextHash(expectedContext, readerPublicKey));
}

export type ReaderWrap = { readerPublicKey: Uint8Array; wrap: Uint8Array };

/**
 * Wrap one epoch key for many readers (same format and randomness use as `wrapEpochKey`, one fresh
 * ephemeral key pair and nonce per reader). Uses native WebCrypto X25519 where available.
 */
export async function wrapEpochKeyForReaders(
  epochKey: Uint8Array,
  readerPublicKeys: readonly Uint8Array[],
  context: EpochContext,
): Promise<ReaderWrap[]> {
  requireBytes(epochKey, 32, 'epoch key');
  const items = readerPublicKeys.map((readerPublicKey) => ({
    readerPublicKey: requireBytes(readerPublicKey, 32, 'reader public key'),
    contextHash: epochContextHash(context, readerPublicKey),
    ephemeralSecretKey: randomBytes(32),
    nonce: randomBytes(24),
  }));
  const keys = await ephemeralBoxKeys(items);
  return items.map((item, i) => {
    item.ephemeralSecretKey.fill(0);
    const { ephemeralPublicKey, key } = keys[i];
    return {
      readerPublicKey: item.readerPublicKey,
      wrap: assemble(ephemeralPublicKey, item.nonce, key, item.contextHash, epochKey),
    };
  });
}
