import http from 'node:http';
import sirv from 'sirv';

/**
 * Serves the static export and the runtime configuration at /config.json, the way any static host would
 * (one build, configuration beside it). No application logic runs here.
 */
export async function startStaticServer(options: {
  dir: string;
  host: string;
  port: number;
  runtimeConfig: unknown;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const assets = sirv(options.dir, { extensions: ['html'], dev: false, etag: true, single: false });
  const configBody = JSON.stringify(options.runtimeConfig, null, 2);
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
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Not found</title><h1>Not found</h1>');
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
