/**
 * How the dApp and scripts store and fetch document bytes in IPFS: a thin layer over kubo-rpc-client
 * that never trusts the node. Browser and Node.
 *
 * Content addressing only protects us if someone checks the address: an IPFS node (or a proxy in front
 * of it) could return other bytes for a CID, or report a CID that is not the hash of what we sent. So
 * both directions are verified locally by recomputing the CID with Kubo's layout (`kubo-import.ts`).
 */
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { computeKuboCid, KUBO_CHUNK_SIZE, type KuboAddOptions } from './kubo-import';

export const DEFAULT_MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

/** The node answered with bytes or a CID that do not match: a faulty or malicious node. */
export class IpfsIntegrityError extends Error {
  override readonly name = 'IpfsIntegrityError';
}

export class IpfsDocumentTooLargeError extends Error {
  override readonly name = 'IpfsDocumentTooLargeError';
}

export type IpfsClientOptions = {
  /** Kubo RPC API base URL, e.g. http://127.0.0.1:5001 (the runtime configuration's `ipfs.api`). */
  apiUrl: string;
  /**
   * CID version for new documents. CIDv1 (base32, raw leaves — Kubo's `--cid-version=1`) is the
   * default: it is what subdomain gateways and modern tooling expect.
   */
  cidVersion?: 0 | 1;
};

export type AddBytesOptions = {
  /** Cumulative bytes sent or processed so far, and the total. */
  onProgress?: (bytes: number, total: number) => void;
  signal?: AbortSignal;
};

export type CatBytesOptions = {
  /** Refuse (and stop downloading) anything larger; defaults to 100 MiB. */
  maxBytes?: number;
  signal?: AbortSignal;
};

export type IpfsClient = {
  addBytes(bytes: Uint8Array, options?: AddBytesOptions): Promise<string>;
  catBytes(cid: string, options?: CatBytesOptions): Promise<Uint8Array>;
};

export function createIpfsClient(options: IpfsClientOptions): IpfsClient {
  const kubo: KuboRPCClient = create({ url: options.apiUrl });
  // Every flag that decides the CID is sent explicitly: a Kubo node's `Import.*` configuration would
  // otherwise silently change its defaults, and the CID we compute locally would no longer match.
  const addOptions: Required<KuboAddOptions> = {
    cidVersion: options.cidVersion ?? 1,
    rawLeaves: (options.cidVersion ?? 1) === 1,
    chunkSize: KUBO_CHUNK_SIZE,
  };

  return {
    async addBytes(bytes, { onProgress, signal } = {}) {
      const [added, expected] = await Promise.all([
        kubo.add(bytes, {
          cidVersion: addOptions.cidVersion,
          rawLeaves: addOptions.rawLeaves,
          chunker: `size-${addOptions.chunkSize}`,
          hashAlg: 'sha2-256',
          pin: true,
          ...(onProgress ? { progress: (sent: number) => onProgress(sent, bytes.length) } : {}),
          ...(signal ? { signal } : {}),
        }),
        computeKuboCid(bytes, addOptions),
      ]);
      if (!added.cid.equals(expected)) {
        throw new IpfsIntegrityError(
          `The IPFS node stored the document as ${added.cid.toString()} but its bytes hash to ${String(expected)}: the node is misconfigured or not trustworthy`,
        );
      }
      return expected.toString();
    },

    async catBytes(cidText, { maxBytes = DEFAULT_MAX_DOCUMENT_BYTES, signal } = {}) {
      const cid = parseCid(cidText);
      const chunks: Uint8Array[] = [];
      let received = 0;
      // Asking for one byte more than allowed tells "exactly maxBytes" apart from "too large" without
      // downloading the rest of an oversized (or endless) answer.
      for await (const chunk of kubo.cat(cid, { length: maxBytes + 1, ...(signal ? { signal } : {}) })) {
        received += chunk.length;
        if (received > maxBytes) {
          throw new IpfsDocumentTooLargeError(`Document ${cidText} is larger than the ${maxBytes}-byte limit`);
        }
        chunks.push(chunk);
      }
      const bytes = concat(chunks, received);
      await verifyContent(cid, bytes);
      return bytes;
    },
  };
}

function parseCid(text: string): CID {
  try {
    return CID.parse(text.trim());
  } catch {
    throw new TypeError(`'${text}' is not a valid CID`);
  }
}

/**
 * Checks that `bytes` are the content `cid` names. A raw CID is the hash of the bytes themselves; a
 * dag-pb (UnixFS) CID is rebuilt with Kubo's layout: CIDv0 has one possible layout, CIDv1 is tried
 * with and without raw leaves (both are Kubo `--cid-version=1` outcomes).
 */
async function verifyContent(cid: CID, bytes: Uint8Array): Promise<void> {
  if (cid.multihash.code !== sha256.code) {
    throw new IpfsIntegrityError(`Cannot verify ${cid}: only sha2-256 CIDs are supported`);
  }
  if (cid.code === raw.code) {
    if (CID.createV1(raw.code, await sha256.digest(bytes)).equals(cid)) return;
  } else {
    const candidates: KuboAddOptions[] =
      cid.version === 0
        ? [{ cidVersion: 0 }]
        : [
            { cidVersion: 1, rawLeaves: true },
            { cidVersion: 1, rawLeaves: false },
          ];
    for (const candidate of candidates) {
      if ((await computeKuboCid(bytes, candidate)).equals(cid)) return;
    }
  }
  throw new IpfsIntegrityError(
    `The IPFS node returned bytes that do not match ${cid} (or the document was not added with Kubo's default layout): refusing them`,
  );
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
