/**
 * Kubo's `ipfs add` DAG layout, expressed as ipfs-unixfs-importer options, and a way to compute the CID
 * of some bytes under it without storing anything.
 *
 * CIDs are the contract between this app and every IPFS node it may talk to (the dev node here, Kubo or
 * IPFS Cluster in production), so the same bytes must give the same CID everywhere. Kubo's defaults are
 * not the importer's: the importer defaults to CIDv1, raw leaves, 1 MiB chunks and 1024 links per node,
 * Kubo to CIDv0, UnixFS leaves, 256 KiB chunks and 174 links. Both the dev node and the client build
 * their importer options here so they cannot drift apart. Browser and Node.
 */
import { importer, type ImporterOptions } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import type { CID } from 'multiformats/cid';

/** Kubo's default chunk size (`--chunker=size-262144`). */
export const KUBO_CHUNK_SIZE = 262_144;
/** Kubo's balanced-layout fan-out (go-unixfs `DefaultLinksPerBlock`). */
export const KUBO_MAX_CHILDREN_PER_NODE = 174;
/** Kubo refuses chunks above 1 MiB (blocks larger than that are not exchanged by bitswap). */
export const KUBO_MAX_CHUNK_SIZE = 1_048_576;

/** The subset of `ipfs add` flags that changes the resulting CID and that we support. */
export type KuboAddOptions = {
  cidVersion?: 0 | 1;
  /** Defaults like Kubo: false for CIDv0, true for CIDv1. */
  rawLeaves?: boolean;
  chunkSize?: number;
};

export class UnsupportedAddOptionError extends Error {
  override readonly name = 'UnsupportedAddOptionError';
}

/** Fills in Kubo's defaults, including the rule that CIDv1 implies raw leaves unless told otherwise. */
export function resolveKuboAddOptions(options: KuboAddOptions = {}): Required<KuboAddOptions> {
  const cidVersion = options.cidVersion ?? 0;
  const chunkSize = options.chunkSize ?? KUBO_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > KUBO_MAX_CHUNK_SIZE) {
    throw new UnsupportedAddOptionError(
      `chunk size must be between 1 and ${KUBO_MAX_CHUNK_SIZE} bytes, got ${chunkSize}`,
    );
  }
  return { cidVersion, rawLeaves: options.rawLeaves ?? cidVersion === 1, chunkSize };
}

/**
 * Parses Kubo's `--chunker` value. Only fixed-size chunking exists here: rabin and buzhash would need
 * their own implementation to match Kubo byte for byte, and nothing in CarBook uses them.
 */
export function parseKuboChunker(value: string): number {
  const match = /^size-(\d+)$/.exec(value);
  if (!match) throw new UnsupportedAddOptionError(`unsupported chunker '${value}': only 'size-<bytes>' is supported`);
  return Number(match[1]);
}

export function kuboImporterOptions(options: KuboAddOptions = {}): ImporterOptions {
  const { cidVersion, rawLeaves, chunkSize } = resolveKuboAddOptions(options);
  return {
    cidVersion,
    rawLeaves,
    chunker: fixedSize({ chunkSize }),
    layout: balanced({ maxChildrenPerNode: KUBO_MAX_CHILDREN_PER_NODE }),
    // Kubo stores a one-chunk file as that chunk alone, with no parent node above it.
    reduceSingleLeafToSelf: true,
  };
}

/** A blockstore that keeps nothing: the importer only needs `put` to compute CIDs. */
const discardingBlockstore = {
  put: async (cid: CID): Promise<CID> => cid,
  // eslint-disable-next-line require-yield -- the importer never reads back: the generator only refuses.
  get: async function* (): AsyncGenerator<Uint8Array> {
    throw new Error('nothing is stored when only computing a CID');
  },
  has: async (): Promise<boolean> => false,
};

/** The CID Kubo's `ipfs add` (with these options) gives these bytes, computed locally (`--only-hash`). */
export async function computeKuboCid(bytes: Uint8Array, options: KuboAddOptions = {}): Promise<CID> {
  let root: CID | undefined;
  for await (const entry of importer([{ content: bytes }], discardingBlockstore, kuboImporterOptions(options))) {
    root = entry.cid;
  }
  if (root === undefined) throw new Error('the importer produced no root');
  return root;
}
