/**
 * Test harness: one proxy in its own Node process (so a test can give it a small heap and see whether it
 * survives). The configuration comes as JSON in PROXY_CHILD_CONFIG; the URL is printed as the first line.
 */
import { parseProxyConfig } from '../../server/proxy/config';
import { startProxy } from '../../server/proxy/server';

const config = parseProxyConfig(JSON.parse(process.env.PROXY_CHILD_CONFIG ?? '{}'), 'PROXY_CHILD_CONFIG');
const proxy = await startProxy(config);
process.stdout.write(`${proxy.url}\n`);
process.on('SIGTERM', () => {
  proxy.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
