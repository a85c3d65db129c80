import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { RuntimeConfig } from '../lib/browser/config/runtime';
import { startDevIpfsNode, type DevIpfsNode } from '../lib/dev/ipfs-node/dev-node';
import { publishExport } from '../lib/dev/publish/ipfs-publish';
import { proxyConfigFromDeployment } from '../lib/server/proxy/config';
import { createProxy } from '../lib/server/proxy/server';
import { expect, test } from './fixtures/test';
import { VerifyPage } from './pages/VerifyPage';

/**
 * Issue 14 item 6: the static export published to IPFS (`npm run publish:ipfs`'s code path) and loaded from the
 * development node's path gateway, /ipfs/<cid>/verify.html, with the config.json published beside it. The page's
 * origin is the gateway's, so this story runs its own IPFS node (with a web gateway) and an RPC proxy that allows
 * that origin, in front of the e2e stack's chain.
 */
let node: DevIpfsNode;
let repoDir: string;
let proxyUrl: string;
let closeProxy: () => Promise<void>;

test.beforeAll(async () => {
  repoDir = mkdtempSync(path.join(os.tmpdir(), 'carbook-ipfs-served-'));
  node = await startDevIpfsNode({ port: 0, repoDir, gateway: { port: 0 } });
});

test.afterAll(async () => {
  await closeProxy?.();
  await node?.close();
  rmSync(repoDir, { recursive: true, force: true });
});

test('every page of the export loads its scripts and styles by relative URLs', () => {
  const pages = readdirSync('out').filter((file) => file.endsWith('.html'));
  expect(pages).toContain('verify.html');
  for (const page of pages) {
    const html = readFileSync(path.join('out', page), 'utf8');
    expect(html, `${page} references /_next/ from the origin's root`).not.toMatch(/(src|href)="\/_next\//);
    expect(html).toContain('"./_next/static/');
  }
});

test('the dApp served by CID from the gateway verifies a seeded car', async ({ page, stack }) => {
  const gatewayOrigin = new URL(node.gatewayUrl).origin;
  const proxy = await createProxy(
    proxyConfigFromDeployment({
      chainId: stack.runtimeConfig.chainId,
      upstreams: [stack.urls.anvil],
      allowedContracts: Object.values(stack.runtimeConfig.contracts).filter((address) => address !== undefined),
      corsOrigins: [gatewayOrigin],
      host: '127.0.0.1',
      port: 0,
      overrides: { log: { level: 'warn' } },
    }),
  );
  await proxy.app.listen({ host: '127.0.0.1', port: 0 });
  closeProxy = proxy.close;
  const address = proxy.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy is not listening on TCP');
  proxyUrl = `http://127.0.0.1:${address.port}`;

  const config: RuntimeConfig = {
    ...stack.runtimeConfig,
    rpcUrl: proxyUrl,
    ipfs: { api: node.apiUrl, gateway: node.gatewayUrl },
  };
  const { cid } = await publishExport({ dir: 'out', config, apiUrl: node.apiUrl });

  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  const configRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('config.json')) configRequests.push(request.url());
  });

  await page.goto(`${node.gatewayUrl}/ipfs/${cid}/verify.html`);
  const verify = new VerifyPage(page);
  await verify.verify('1HGCM82633A004352');
  await expect(verify.verdict).toContainText(/No problems found|Points to check/);
  await expect(page.getByTestId('owner-count')).toHaveText('2');
  await expect(page.getByTestId('record-count')).toHaveText('3');

  // The configuration came from beside the page, inside the CID, and no script, style or config was missing.
  expect(configRequests).toEqual([`${node.gatewayUrl}/ipfs/${cid}/config.json`]);
  expect(failed.filter((line) => /\/_next\/|config\.json/.test(line))).toEqual([]);
});
