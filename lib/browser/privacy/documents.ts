/**
 * Documents: encrypted in the browser with a fresh key, added to IPFS through the verifying client; the
 * reference (CID, key, plain sha256) goes into the record's encrypted payload, the sha256 is also public.
 */
import { decryptDocument, encryptDocument, toHex, type DocumentRef } from '../crypto';
import type { IpfsClient } from '../ipfs';

export type UploadedDocument = { cid: string; key: Uint8Array; sha256: Uint8Array; size: number };

/**
 * Encrypts and uploads. Any failure (node down, CID mismatch, abort) throws: the caller writes nothing on
 * chain before this resolved, so a failed upload leaves no record pointing at missing bytes.
 */
export async function uploadDocument(
  bytes: Uint8Array,
  ipfs: IpfsClient,
  onProgress?: (sent: number, total: number) => void,
): Promise<UploadedDocument> {
  const encrypted = encryptDocument(bytes);
  const cid = await ipfs.addBytes(encrypted.ciphertext, onProgress ? { onProgress } : {});
  return { cid, key: encrypted.key, sha256: encrypted.sha256, size: bytes.length };
}

/** The payload's reference to an uploaded document. */
export function documentRef(uploaded: UploadedDocument, name: string, mime: string): DocumentRef {
  return { cid: uploaded.cid, key: uploaded.key, sha256: uploaded.sha256, name, mime, size: uploaded.size };
}

/** The record's public document hash (sha256 of the plain document) as bytes32. */
export function documentHashOf(uploaded: Pick<UploadedDocument, 'sha256'>): `0x${string}` {
  return toHex(uploaded.sha256);
}

/**
 * Fetches (the client checks the bytes against the CID), decrypts (every chunk authenticated) and checks the
 * plain sha256 against the one in the reference: a substituted or altered document is refused.
 */
export async function openDocument(
  ref: Pick<DocumentRef, 'cid' | 'key' | 'sha256'>,
  ipfs: IpfsClient,
): Promise<Uint8Array> {
  const ciphertext = await ipfs.catBytes(ref.cid);
  return decryptDocument(ciphertext, ref.key, ref.sha256);
}
