import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { runtimeConfigFile, type RuntimeConfig } from '../../browser/config/runtime';
import { CSP_MANIFEST, contentSecurityPolicy, readCspManifest } from './csp';

/** Next's content-hashed build output: its names change with its content, so it never needs revalidating. */
const HASHED_ASSETS = '/_next/static/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the static export and the runtime configuration at /config.json, the way any static host would
 * (one build, configuration beside it). No application logic runs here.
 * - each page with its Content-Security-Policy (the hashes of its own inline scripts from the post-build
 *   manifest, the RPC and IPFS origins of `runtimeConfig`, see csp.ts);
 * - the post-build step's precompressed copies (brotli, else gzip) to clients that accept them;
 * - hashed assets cached for a year as immutable, everything else (pages, config.json) revalidated each time.
 */
export async function startStaticServer(options: {
  dir: string;
  host: string;
  port: number;
  runtimeConfig: RuntimeConfig;
}): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(path.join(options.dir, CSP_MANIFEST))) {
    throw new Error(
      `No ${CSP_MANIFEST} in ${options.dir}: the build's post-build step did not run; run \`npm run build\``,
    );
  }
  // Request path of each page (/, /verify, /verify.html, /garage/...) -> its policy.
  const policies = new Map<string, string>();
  for (const [file, hashes] of Object.entries(readCspManifest(options.dir))) {
    const policy = contentSecurityPolicy(options.runtimeConfig, hashes);
    const page = `/${file.replace(/\.html$/, '')}`;
    for (const key of [`/${file}`, page, page.replace(/(^|\/)index$/, '$1'), `${page}/`]) policies.set(key, policy);
  }
  // The policy of the not-found page also covers any path that is not a page (the 404 answer is that page).
  const fallbackPolicy = policies.get('/404') ?? contentSecurityPolicy(options.runtimeConfig, []);

  const assets = sirv(options.dir, {
    extensions: ['html'],
    dev: false,
    etag: true,
    single: false,
    brotli: true,
    gzip: true,
    setHeaders: (res, pathname) => {
      res.setHeader('cache-control', pathname.startsWith(HASHED_ASSETS) ? IMMUTABLE : 'no-cache');
      const policy = policies.get(pathname);
      if (policy) res.setHeader('content-security-policy', policy);
    },
  });
  const configBody = JSON.stringify(runtimeConfigFile(options.runtimeConfig), null, 2);
  const server = http.createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    if (req.url?.split('?')[0] === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      res.end(configBody);
      return;
    }
    assets(req, res, () => {
      res.writeHead(404, {
        'content-type': 'text/html',
        'cache-control': 'no-cache',
        'content-security-policy': fallbackPolicy,
      });
      res.end('<!doctype html><title>Not found</title><h1>Not found</h1>');
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
