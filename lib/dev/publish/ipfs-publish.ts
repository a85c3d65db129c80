/**
 * Publishes the dApp's static export to IPFS: every file of the export directory (each page with its
 * Content-Security-Policy meta tag, without the precompressed copies: `forGateway`) plus the consortium's
 * `config.json` beside the pages, as one UnixFS directory (CIDv1, Kubo's layout), added and pinned through
 * the Kubo RPC API (the development node locally, Kubo in production). The root CID is computed here too
 * and must equal the node's: a node that answers another CID is not believed.
 *
 * The config.json is part of the published directory on purpose: the CID then fixes the code AND the
 * consortium it talks to (chain id, RPC URL, contract addresses), so a buyer who checks the CID checks both.
 * Node-only.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { importer } from 'ipfs-unixfs-importer';
import { create } from 'kubo-rpc-client';
import type { CID } from 'multiformats/cid';
import type { Hex } from 'viem';
import { PARAMETERS } from '../../browser/contracts/roles';
import { kuboImporterOptions, type KuboAddOptions } from '../../browser/ipfs/kubo-import';
import { parseRuntimeConfig, type RuntimeConfig } from '../../browser/config/runtime';
import { CSP_MANIFEST, contentSecurityPolicy, inlineScriptHashes, withCspMeta } from '../stack/csp';

/** CIDv1 (base32 in its string form): the form a subdomain gateway (`<cid>.ipfs.<host>`) can carry. */
export const PUBLISH_ADD_OPTIONS: KuboAddOptions = { cidVersion: 1 };

export type PublishFile = { path: string; content: Uint8Array };

/** Every file under `dir`, paths relative to it with '/' separators, sorted (deterministic input order). */
export async function exportFiles(dir: string): Promise<PublishFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const full = path.join(entry.parentPath, entry.name);
        return { path: path.relative(dir, full).split(path.sep).join('/'), content: await readFile(full) };
      }),
  );
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The export's files with `config` as its `config.json` (replacing any file of that name). */
export function withRuntimeConfig(files: PublishFile[], config: RuntimeConfig): PublishFile[] {
  const configJson = new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`);
  return [...files.filter((file) => file.path !== 'config.json'), { path: 'config.json', content: configJson }];
}

/**
 * What an IPFS gateway must serve, from the export with its config.json: each page with its Content-Security-Policy
 * as a meta tag (a gateway sends no policy header; origins from `config`, hashes of the page's own inline scripts,
 * as `npm run csp:apply` writes them), without the post-build step's precompressed copies (`.br`, `.gz`: a gateway
 * compresses on its own and would serve them as downloads) and its hash manifest (`csp-hashes.json`, for servers).
 * The export directory itself is left as it is.
 */
export function forGateway(files: PublishFile[], config: RuntimeConfig): PublishFile[] {
  const paths = new Set(files.map((file) => file.path));
  const precompressed = (file: string) => /\.(br|gz)$/.test(file) && paths.has(file.replace(/\.(br|gz)$/, ''));
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  return files
    .filter((file) => file.path !== CSP_MANIFEST && !precompressed(file.path))
    .map((file) => {
      if (!file.path.endsWith('.html')) return file;
      const html = decoder.decode(file.content);
      const policy = contentSecurityPolicy(config, inlineScriptHashes(html), { header: false });
      return { path: file.path, content: encoder.encode(withCspMeta(html, policy)) };
    });
}

/** The root CID Kubo gives this tree (`ipfs add -r --cid-version=1 --wrap-with-directory`), stored nowhere. */
export async function computeDirectoryCid(files: PublishFile[]): Promise<CID> {
  const discard = {
    put: async (cid: CID): Promise<CID> => cid,
    // eslint-disable-next-line require-yield -- the importer never reads back
    get: async function* (): AsyncGenerator<Uint8Array> {
      throw new Error('nothing is stored when only computing a CID');
    },
    has: async (): Promise<boolean> => false,
  };
  let root: CID | undefined;
  for await (const entry of importer(files, discard, {
    ...kuboImporterOptions(PUBLISH_ADD_OPTIONS),
    wrapWithDirectory: true,
  })) {
    if (entry.path === '') root = entry.cid;
  }
  if (root === undefined) throw new Error('the importer produced no root directory');
  return root;
}

export type PublishResult = { cid: CID; files: number; bytes: number };

/**
 * Adds the export (as `forGateway` shapes it) and its config.json to the IPFS node behind `apiUrl` (pinned) and returns the root CID,
 * after checking it against the locally computed one.
 */
export async function publishExport(options: {
  dir: string;
  config: RuntimeConfig;
  apiUrl: string;
}): Promise<PublishResult> {
  const config = parseRuntimeConfig(options.config);
  const files = forGateway(withRuntimeConfig(await exportFiles(options.dir), config), config);
  if (!files.some((file) => file.path === 'index.html')) {
    throw new Error(`${options.dir} has no index.html: build the dApp first (npm run build).`);
  }
  const expected = await computeDirectoryCid(files);
  const ipfs = create({ url: options.apiUrl });
  let root: CID | undefined;
  for await (const added of ipfs.addAll(files, { ...PUBLISH_ADD_OPTIONS, wrapWithDirectory: true, pin: true })) {
    if (added.path === '') root = added.cid;
  }
  if (root === undefined) throw new Error(`the IPFS node at ${options.apiUrl} did not return a root directory`);
  if (root.toString() !== expected.toString()) {
    throw new Error(
      `the IPFS node at ${options.apiUrl} answered CID ${root} for the export, but its content gives ${expected}: not published`,
    );
  }
  return { cid: root, files: files.length, bytes: files.reduce((n, file) => n + file.content.length, 0) };
}

/** The governance parameter that publishes the dApp's CID (`Parameters.DAPP_CID`, key keccak256("dapp.cid")). */
export const DAPP_CID_PARAMETER_KEY: Hex = PARAMETERS.DAPP_CID;
export { cidFromParameterValue, cidParameterValue } from '../../browser/ipfs';
