/**
 * Documents (invoices, photos, PDFs): encrypted in the browser with a fresh per-document key before
 * they are added to IPFS. One format for every size, chunked so large files stream and so truncation,
 * reordering, duplication and extension are detected.
 *
 * Document ciphertext v1:
 *   0x01 | base nonce (19 random bytes) | chunk_0 | chunk_1 | ... | chunk_{n-1}
 *   chunk_i = secretbox_key(plain_i, nonce_i)      (plain_i: 65,536 bytes, the last one 1..65,536 bytes;
 *                                                    an empty document is one empty final chunk)
 *   nonce_i = base nonce (19) | i uint32 BE | final flag (0x01 on the last chunk, else 0x00)
 * Every non-final chunk is exactly 65,552 bytes, so chunk boundaries follow from the total length.
 * The plain document's sha256 is public (record's document hash); `decryptDocument` checks it.
 */
import nacl from 'tweetnacl';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual, requireBytes } from './bytes';
import { CryptoError } from './errors';
import { randomBytes } from './random';

export const DOCUMENT_VERSION = 0x01;
export const DOCUMENT_CHUNK_BYTES = 65_536;
export const DOCUMENT_HEADER_BYTES = 1 + 19;
const SEALED_CHUNK_BYTES = DOCUMENT_CHUNK_BYTES + nacl.secretbox.overheadLength;
const MAX_CHUNKS = 0xffff_ffff;

export type EncryptedDocument = {
  /** Header and chunks: what is added to IPFS. */
  ciphertext: Uint8Array;
  /** The per-document 32-byte key (goes into the record's encrypted payload). */
  key: Uint8Array;
  /** sha256 of the plain document (public on chain). */
  sha256: Uint8Array;
};

function chunkNonce(base: Uint8Array, index: number, final: boolean): Uint8Array {
  const nonce = new Uint8Array(24);
  nonce.set(base);
  new DataView(nonce.buffer).setUint32(19, index, false);
  nonce[23] = final ? 1 : 0;
  return nonce;
}

/** Size of the ciphertext for a plain document of `plainLength` bytes. */
export function documentCiphertextLength(plainLength: number): number {
  const chunks = Math.max(1, Math.ceil(plainLength / DOCUMENT_CHUNK_BYTES));
  return DOCUMENT_HEADER_BYTES + plainLength + chunks * nacl.secretbox.overheadLength;
}

/** Encrypt with a fresh random key (or `key`, for re-encryption tests) and a fresh base nonce. */
export function encryptDocument(bytes: Uint8Array, key: Uint8Array = randomBytes(32)): EncryptedDocument {
  if (!(bytes instanceof Uint8Array)) throw new CryptoError('invalid-argument', 'document must be bytes');
  requireBytes(key, 32, 'document key');
  const chunks = Math.max(1, Math.ceil(bytes.length / DOCUMENT_CHUNK_BYTES));
  if (chunks > MAX_CHUNKS) throw new CryptoError('too-large', 'document too large');
  const base = randomBytes(19);
  const out = new Uint8Array(documentCiphertextLength(bytes.length));
  out[0] = DOCUMENT_VERSION;
  out.set(base, 1);
  let o = DOCUMENT_HEADER_BYTES;
  for (let i = 0; i < chunks; i++) {
    const plain = bytes.subarray(i * DOCUMENT_CHUNK_BYTES, Math.min(bytes.length, (i + 1) * DOCUMENT_CHUNK_BYTES));
    const sealed = nacl.secretbox(plain, chunkNonce(base, i, i === chunks - 1), key);
    out.set(sealed, o);
    o += sealed.length;
  }
  return { ciphertext: out, key, sha256: sha256(bytes) };
}

/** Decrypt, authenticate every chunk and its position, then check the plain sha256 against the announced one. */
export function decryptDocument(ciphertext: Uint8Array, key: Uint8Array, expectedSha256: Uint8Array): Uint8Array {
  if (!(ciphertext instanceof Uint8Array)) throw new CryptoError('invalid-argument', 'ciphertext must be bytes');
  requireBytes(key, 32, 'document key');
  requireBytes(expectedSha256, 32, 'expected sha256');
  if (ciphertext.length < 1) throw new CryptoError('malformed', 'document ciphertext is empty');
  if (ciphertext[0] !== DOCUMENT_VERSION) {
    throw new CryptoError(
      'unsupported-version',
      `document format version ${ciphertext[0]} is not supported (this client reads ${DOCUMENT_VERSION})`,
    );
  }
  const body = ciphertext.length - DOCUMENT_HEADER_BYTES;
  if (body < nacl.secretbox.overheadLength) throw new CryptoError('malformed', 'document ciphertext is truncated');
  const chunks = Math.max(1, Math.ceil(body / SEALED_CHUNK_BYTES));
  const lastSealed = body - (chunks - 1) * SEALED_CHUNK_BYTES;
  if (lastSealed < nacl.secretbox.overheadLength + (chunks > 1 ? 1 : 0)) {
    throw new CryptoError('malformed', 'document ciphertext has an impossible length (truncated?)');
  }
  const base = ciphertext.subarray(1, DOCUMENT_HEADER_BYTES);
  const out = new Uint8Array(body - chunks * nacl.secretbox.overheadLength);
  let i = 0;
  for (let o = DOCUMENT_HEADER_BYTES; i < chunks; i++, o += SEALED_CHUNK_BYTES) {
    const sealed = ciphertext.subarray(o, Math.min(ciphertext.length, o + SEALED_CHUNK_BYTES));
    const plain = nacl.secretbox.open(sealed, chunkNonce(base, i, i === chunks - 1), key);
    if (!plain) {
      throw new CryptoError(
        'decryption-failed',
        `document chunk ${i + 1} of ${chunks} does not decrypt: wrong key, or the file was altered, truncated or reordered`,
      );
    }
    out.set(plain, i * DOCUMENT_CHUNK_BYTES);
  }
  if (!bytesEqual(sha256(out), expectedSha256)) {
    throw new CryptoError(
      'hash-mismatch',
      'the decrypted document does not have the sha256 recorded on chain: it is not the document of this record',
    );
  }
  return out;
}
