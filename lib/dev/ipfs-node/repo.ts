/**
 * The storage side of the development IPFS node: a real UnixFS implementation (@helia/unixfs) over a
 * filesystem blockstore, plus pins. This is the "minimal Helia" the brief asks for: @helia/unixfs only
 * needs `{ blockstore }` (get/put/has), so no libp2p, no networking, no full `helia` package (which
 * needs Node 22). Blocks are never fetched from elsewhere: a CID whose blocks are not here is unknown.
 * Node-only (blockstore-fs).
 */
import { join } from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { unixfs, type AddEvents, type UnixFS } from '@helia/unixfs';
import { FsBlockstore } from 'blockstore-fs';
import type { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { kuboImporterOptions, type KuboAddOptions } from '../../browser/ipfs/kubo-import';
import { PinStore } from './pin-store';

export class BlockNotFoundError extends Error {
  override readonly name = 'BlockNotFoundError';
  constructor(readonly cid: CID) {
    super(`block ${cid.toString()} was not found in the local repository`);
  }
}

/** One entry of a directory add: a file (its path inside the directory, `a/b.js`, and its bytes) or, without
 * content, a directory (only needed for empty ones: the others are implied by their files' paths). */
export type DirectoryEntry = { path: string; content?: Uint8Array };

/** A node of an added directory, in Kubo's `add -r` output order (files and subdirectories, the root last). */
export type AddedEntry = { path: string; cid: CID; dagSize: number };

/** What a path inside a DAG names. */
export type ResolvedPath = { cid: CID; type: 'file' | 'directory' };

export type AddResult = {
  cid: CID;
  /** Kubo's `Size`: bytes of every block of the DAG (cumulative size). */ dagSize: number;
};

export class DevIpfsRepo {
  private constructor(
    private readonly blockstore: FsBlockstore,
    private readonly fs: UnixFS,
    private readonly pins: PinStore,
  ) {}

  static async open(repoDir: string): Promise<DevIpfsRepo> {
    const blockstore = new FsBlockstore(join(repoDir, 'blocks'));
    await blockstore.open();
    const pins = await PinStore.open(join(repoDir, 'pins.json'));
    return new DevIpfsRepo(blockstore, unixfs({ blockstore }), pins);
  }

  async close(): Promise<void> {
    await this.blockstore.close();
  }

  /**
   * Imports one file with Kubo's layout. `onBytesRead` reports the cumulative number of file bytes
   * chunked so far, which is what Kubo's `add --progress` reports.
   */
  async addFile(
    content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: KuboAddOptions & { pin?: boolean; onBytesRead?: (bytes: number) => void } = {},
  ): Promise<AddResult> {
    const { onBytesRead } = options;
    const cid = await this.fs.addByteStream(toAsyncIterable(content), {
      ...kuboImporterOptions(options),
      onProgress: (event: AddEvents) => {
        if (event.type === 'unixfs:importer:progress:file:read') onBytesRead?.(Number(event.detail.bytesRead));
      },
    });
    if (options.pin ?? true) await this.pins.add(cid.toString());
    return { cid, dagSize: await this.dagSize(cid) };
  }

  /**
   * Imports a tree of files with Kubo's layout (`ipfs add -r` / `add` with `wrap-with-directory`): the files
   * under their paths, wrapped in one root directory whose CID is the last entry. Directories are implied by
   * the paths. The root is pinned (recursively) unless `pin` is false.
   */
  async addDirectory(files: DirectoryEntry[], options: KuboAddOptions & { pin?: boolean } = {}): Promise<AddedEntry[]> {
    const added: AddedEntry[] = [];
    for await (const entry of this.fs.addAll(
      files.map((file) =>
        file.content === undefined ? { path: file.path } : { path: file.path, content: file.content },
      ),
      { ...kuboImporterOptions(options), onProgress: undefined, wrapWithDirectory: true },
    )) {
      added.push({ path: entry.path ?? '', cid: entry.cid, dagSize: await this.dagSize(entry.cid) });
    }
    const root = added.at(-1);
    if (root === undefined || root.path !== '') throw new Error('the importer did not produce a root directory');
    if (options.pin ?? true) await this.pins.add(root.cid.toString());
    return added;
  }

  /**
   * Resolves `segments` (already split, URL-decoded) under `root`, like a gateway's `/ipfs/<root>/<path>`.
   * Throws BlockNotFoundError when the root or a named entry is not there.
   */
  async resolve(root: CID, segments: string[]): Promise<ResolvedPath> {
    if (!(await this.has(root))) throw new BlockNotFoundError(root);
    const path = segments.join('/');
    try {
      const stats = await this.fs.stat(root, path === '' ? {} : { path });
      return { cid: stats.cid, type: stats.type === 'directory' ? 'directory' : 'file' };
    } catch (error) {
      // @helia/unixfs does not export its error classes: it names them (a missing entry, a file used as a
      // directory).
      if (error instanceof Error && ['DoesNotExistError', 'NotADirectoryError', 'NotFoundError'].includes(error.name)) {
        throw new BlockNotFoundError(root);
      }
      throw error;
    }
  }

  async has(cid: CID): Promise<boolean> {
    return this.blockstore.has(cid);
  }

  /** Streams a file's bytes; throws BlockNotFoundError before any byte when the root is unknown. */
  async *cat(cid: CID, options: { offset?: number; length?: number } = {}): AsyncGenerator<Uint8Array> {
    if (!(await this.has(cid))) throw new BlockNotFoundError(cid);
    yield* this.fs.cat(cid, options);
  }

  /** File size in bytes (the UnixFS size for files, the block length for a raw leaf). */
  async fileSize(cid: CID): Promise<bigint> {
    if (!(await this.has(cid))) throw new BlockNotFoundError(cid);
    return (await this.fs.stat(cid)).size;
  }

  /**
   * Pins a DAG recursively. Like Kubo, the whole DAG must be present first; Kubo would fetch missing
   * blocks from the network, the dev node has none to ask, so it refuses.
   */
  async pin(cid: CID): Promise<void> {
    await this.checkComplete(cid);
    await this.pins.add(cid.toString());
  }

  isPinned(cid: CID): boolean {
    return this.pins.has(cid.toString());
  }

  listPins(): string[] {
    return this.pins.list();
  }

  /** Kubo's cumulative size: the root block plus the Tsize recorded in each of its links. */
  private async dagSize(cid: CID): Promise<number> {
    const block = await this.getBlock(cid);
    if (cid.code !== dagPb.code) return block.length;
    return dagPb.decode(block).Links.reduce((total, link) => total + (link.Tsize ?? 0), block.length);
  }

  /** Reads (and so verifies) every block reachable from `cid`; throws on the first one missing. */
  private async checkComplete(cid: CID): Promise<void> {
    const pending = [cid];
    while (pending.length > 0) {
      const next = pending.pop()!;
      const block = await this.getBlock(next);
      if (next.code === dagPb.code) pending.push(...dagPb.decode(block).Links.map((link) => link.Hash));
      else if (next.code !== raw.code) throw new Error(`unsupported codec 0x${next.code.toString(16)} in ${next}`);
    }
  }

  /** Reads one block and checks it against its CID, so a corrupted repository is noticed, not served. */
  private async getBlock(cid: CID): Promise<Uint8Array> {
    if (!(await this.has(cid))) throw new BlockNotFoundError(cid);
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.blockstore.get(cid)) chunks.push(chunk);
    const block = concat(chunks);
    if (cid.multihash.code === sha256.code) {
      const digest = await sha256.digest(block);
      if (!equalBytes(digest.bytes, cid.multihash.bytes))
        throw new Error(`block ${cid} is corrupted in the repository`);
    }
    return block;
  }
}

async function* toAsyncIterable(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* source;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
