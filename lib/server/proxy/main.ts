/**
 * CLI: `tsx lib/server/proxy/main.ts --config file.json` (or `npm run proxy -- --config file.json`).
 * Environment overrides: PROXY_HOST, PROXY_PORT, PROXY_CHAIN_ID, PROXY_UPSTREAMS (comma-separated),
 * PROXY_ALLOWED_CONTRACTS, PROXY_CORS_ORIGINS, PROXY_LOG_LEVEL, PROXY_TRUST_PROXY, PROXY_MONITORING_HOST,
 * PROXY_MONITORING_PORT; PROXY_CONFIG names
 * the file when --config is not given.
 */
import { parseArgs } from 'node:util';
import { ProxyConfigError, loadProxyConfig } from './config';
import { startProxy } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(
      'usage: tsx lib/server/proxy/main.ts [--config file.json]   (see lib/server/proxy/README.md)\n',
    );
    return;
  }
  const config = loadProxyConfig({ file: values.config ?? process.env.PROXY_CONFIG, env: process.env });
  const proxy = await startProxy(config);
  proxy.app.log.info({ url: proxy.url }, `rpc proxy listening on ${proxy.url}`);
  if (proxy.monitorUrl)
    proxy.app.log.info({ url: proxy.monitorUrl }, `health and metrics listening on ${proxy.monitorUrl}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    proxy.app.log.info({ signal }, 'shutting down');
    proxy.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ProxyConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`rpc proxy failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
