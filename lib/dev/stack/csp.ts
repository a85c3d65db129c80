/**
 * The dApp's Content-Security-Policy (issue 10) and the static export's post-build step.
 *
 * Next's static export carries inline bootstrap scripts (`self.__next_f.push(...)`, the RSC payload) in every
 * HTML page. Rather than 'unsafe-inline', each page's policy lists the SHA-256 of exactly its own inline
 * scripts, computed from the built HTML; any other inline script (an injected one) does not run. Scripts
 * load only from the dApp's own origin; the network is reachable only at the configured RPC and IPFS origins.
 *
 * One build serves any consortium, so the origins come from the runtime configuration, not from the build:
 * - the local static server (npm start, e2e) sends the policy as a header, per page;
 * - a static host gets it as a `<meta http-equiv>` tag written into each page by `applyCspMeta` once the
 *   host's config.json is known (`tsx lib/dev/stack/csp.ts apply --config config.json --dir out`);
 * - an IPFS gateway gets the same meta tag in the copy `npm run publish:ipfs` publishes (lib/dev/publish).
 *
 * `tsx lib/dev/stack/csp.ts post-build [--dir out]` (run by the app build after `next build`): writes the hash
 * manifest and the precompressed copies (.br, .gz) of every compressible asset.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { isPlainHttpUrl, type RuntimeConfig } from '../../browser/config/runtime';

/** Written next to the pages by the post-build step: page file (relative, `/`-separated) -> its inline hashes. */
export const CSP_MANIFEST = 'csp-hashes.json';

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const HEAD_OPEN = /<head\b[^>]*>/i;

/** The 'sha256-…' sources of every inline script of one HTML document (scripts with a src are not inline). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    // JSON data blocks are not executed; hashing them too does no harm and keeps the rule simple.
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** A URL's origin as a policy source: only a plain http(s) origin (no `*`, `;`, `,`, quote) ever enters the policy. */
function origin(value: string): string {
  const url = new URL(value);
  if (!isPlainHttpUrl(url))
    throw new Error(`${value} is not a plain http(s) origin: it cannot go into the Content-Security-Policy`);
  return url.origin;
}

/** WalletConnect's relay and verify servers: only when the configuration enables WalletConnect. */
const WALLETCONNECT_SOURCES = [
  'https://*.walletconnect.com',
  'wss://*.walletconnect.com',
  'https://*.walletconnect.org',
  'wss://*.walletconnect.org',
];

/**
 * The policy of one page. `frameAncestors` only in a header: browsers ignore it (with a warning) in a meta tag.
 * Styles keep 'unsafe-inline': React's style attributes and RainbowKit's theme `<style>` need it, and a style
 * cannot run code.
 */
export function contentSecurityPolicy(
  config: Pick<RuntimeConfig, 'shards' | 'ipfs' | 'walletConnectProjectId'>,
  scriptHashes: readonly string[],
  options: { header: boolean } = { header: true },
): string {
  const ipfs = config.ipfs ? [origin(config.ipfs.api), origin(config.ipfs.gateway)] : [];
  // Every shard's RPC proxy: the dApp reads and writes each book on its own chain.
  const connect = [...new Set([...config.shards.map((shard) => origin(shard.rpcUrl)), ...ipfs])];
  if (config.walletConnectProjectId) connect.push(...WALLETCONNECT_SOURCES);
  const directives = [
    "default-src 'none'",
    // 'wasm-unsafe-eval' lets the page compile WebAssembly (the VIN scanner's barcode reader, served from 'self'):
    // it allows no JavaScript eval and no other script source.
    `script-src 'self' ${[...scriptHashes, "'wasm-unsafe-eval'"].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${config.ipfs ? ` ${origin(config.ipfs.gateway)}` : ''}`,
    "font-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`,
    "manifest-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ];
  if (options.header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/** The page's `<meta http-equiv>` policy, placed first in `<head>` so it governs every script after it. */
export function withCspMeta(html: string, policy: string): string {
  const escaped = policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const tag = `<meta http-equiv="Content-Security-Policy" content="${escaped}"/>`;
  const withoutOld = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  const head = HEAD_OPEN.exec(withoutOld);
  if (!head) throw new Error('the page has no <head>: cannot place its Content-Security-Policy');
  const at = head.index + head[0].length;
  return `${withoutOld.slice(0, at)}${tag}${withoutOld.slice(at)}`;
}

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      files.push(path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  }
  return files.sort();
}

export type CspManifest = Record<string, string[]>;

/** Hashes of every page's inline scripts, from the built HTML. */
export function hashPages(dir: string): CspManifest {
  const manifest: CspManifest = {};
  for (const file of filesUnder(dir).filter((f) => f.endsWith('.html')))
    manifest[file] = inlineScriptHashes(readFileSync(path.join(dir, file), 'utf8'));
  return manifest;
}

export function readCspManifest(dir: string): CspManifest {
  return JSON.parse(readFileSync(path.join(dir, CSP_MANIFEST), 'utf8')) as CspManifest;
}

/** Text assets worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|txt|svg|map|xml|webmanifest|wasm)$/;
/** Below one packet, compression saves nothing. */
const MIN_BYTES = 1024;

/** Writes `<file>.br` and `<file>.gz` beside a compressible file (what sirv, nginx and most hosts serve). */
function precompress(file: string): void {
  const bytes = readFileSync(file);
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(bytes, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
  );
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}

/** The post-build step: hash manifest, then precompressed copies of every compressible asset. */
export function postBuild(dir: string): { pages: number; compressed: number } {
  const manifest = hashPages(dir);
  writeFileSync(path.join(dir, CSP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  let compressed = 0;
  for (const file of filesUnder(dir)) {
    const full = path.join(dir, file);
    if (!COMPRESSIBLE.test(file) || statSync(full).size < MIN_BYTES) continue;
    precompress(full);
    compressed++;
  }
  return { pages: Object.keys(manifest).length, compressed };
}

/**
 * For a static host: writes each page's policy as a meta tag (origins from the host's config.json) and
 * refreshes its precompressed copies.
 */
export function applyCspMeta(dir: string, config: RuntimeConfig): number {
  const manifest = readCspManifest(dir);
  for (const [file, hashes] of Object.entries(manifest)) {
    const full = path.join(dir, file);
    const html = readFileSync(full, 'utf8');
    writeFileSync(full, withCspMeta(html, contentSecurityPolicy(config, hashes, { header: false })));
    if (statSync(full).size >= MIN_BYTES) precompress(full);
  }
  return Object.keys(manifest).length;
}

async function cli(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { dir: { type: 'string', default: 'out' }, config: { type: 'string' } },
  });
  const dir = path.resolve(values.dir);
  if (positionals[0] === 'post-build') {
    const { pages, compressed } = postBuild(dir);
    console.log(`Content-Security-Policy hashes of ${pages} pages; ${compressed} assets precompressed (br, gz)`);
  } else if (positionals[0] === 'apply' && values.config) {
    const { parseRuntimeConfig } = await import('../../browser/config/runtime');
    const config = parseRuntimeConfig(JSON.parse(readFileSync(values.config, 'utf8')));
    console.log(`Content-Security-Policy meta tag written into ${applyCspMeta(dir, config)} pages`);
  } else {
    console.error('Usage: tsx lib/dev/stack/csp.ts post-build [--dir out] | apply --config config.json [--dir out]');
    process.exit(2);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await cli();
