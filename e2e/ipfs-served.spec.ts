import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { encodeAbiParameters, encodeFunctionData } from 'viem';
import type { CID } from 'multiformats/cid';
import { sendAndWait } from '../lib/browser/chain';
import type { RuntimeConfig } from '../lib/browser/config/runtime';
import { consortiumAbi, PARAMETERS, ProposalAction } from '../lib/browser/contracts';
import { cidParameterValue } from '../lib/browser/ipfs';
import { demoAccounts, type DemoRole } from '../lib/dev/stack/accounts';
import { clientsFor } from '../lib/dev/stack/deploy';
import { startDevIpfsNode, type DevIpfsNode } from '../lib/dev/ipfs-node/dev-node';
import { publishExport } from '../lib/dev/publish/ipfs-publish';
import { proxyConfigFromDeployment } from '../lib/server/proxy/config';
import { createProxy } from '../lib/server/proxy/server';
import { expect, test } from './fixtures/test';
import type { StackInfo } from './fixtures/stack-info';
import { VerifyPage } from './pages/VerifyPage';

/**
 * Issue 14 item 6: the static export published to IPFS (`npm run publish:ipfs`'s code path) and loaded from the
 * development node's path gateway, /ipfs/<cid>/verify.html, with the config.json published beside it. The page's
 * origin is the gateway's, so this story runs its own IPFS node (with a web gateway) and an RPC proxy that allows
 * that origin, in front of the e2e stack's chain.
 */
let node: DevIpfsNode;
let repoDir: string;
let closeProxy: (() => Promise<void>) | undefined;
let published: Promise<CID> | undefined;

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

/**
 * The export with a config.json whose RPC URL is a proxy that allows the gateway's origin, published once to this
 * file's node: its root CID.
 */
function publishedExport(stack: StackInfo): Promise<CID> {
  published ??= (async () => {
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
    // config.json lists the chains under `shards` (one here): its RPC URL is the one the published page uses.
    const rpcUrl = `http://127.0.0.1:${address.port}`;
    const config: RuntimeConfig = {
      ...stack.runtimeConfig,
      rpcUrl,
      shards: stack.runtimeConfig.shards.map((shard, index) => (index === 0 ? { ...shard, rpcUrl } : shard)),
      ipfs: { api: node.apiUrl, gateway: node.gatewayUrl },
    };
    return (await publishExport({ dir: 'out', config, apiUrl: node.apiUrl })).cid;
  })();
  return published;
}

/** The consortium publishes `cid` as `dapp.cid` by a vote of three founders (the chain reverts after the test). */
async function publishCidByVote(stack: StackInfo, cid: CID) {
  const accounts = demoAccounts();
  const consortium = stack.runtimeConfig.contracts.consortium;
  const send = async (role: DemoRole, data: `0x${string}`) => {
    const { publicClient, walletClient } = clientsFor(stack.urls.anvil, stack.runtimeConfig.chainId, accounts[role]);
    await sendAndWait(publicClient, walletClient, { to: consortium, data });
    return publicClient;
  };
  const value = encodeAbiParameters(
    [{ type: 'bytes32' }, { type: 'uint256' }],
    [PARAMETERS.DAPP_CID, cidParameterValue(cid)],
  );
  const publicClient = await send(
    'makerAdmin',
    encodeFunctionData({ abi: consortiumAbi, functionName: 'propose', args: [ProposalAction.SetParameter, value] }),
  );
  const id = await publicClient.readContract({
    address: consortium,
    abi: consortiumAbi,
    functionName: 'proposalCount',
  });
  for (const voter of ['insurerAdmin', 'archiveAdmin'] as const) {
    await send(voter, encodeFunctionData({ abi: consortiumAbi, functionName: 'approve', args: [id] }));
  }
  expect(
    await publicClient.readContract({
      address: consortium,
      abi: consortiumAbi,
      functionName: 'parameter',
      args: [PARAMETERS.DAPP_CID],
    }),
  ).toBe(cidParameterValue(cid));
}

test('the dApp served by CID from the gateway verifies a seeded car', async ({ page, stack }) => {
  const cid = await publishedExport(stack);

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

test('under /ipfs/<cid>/ the header links stay inside the CID, and the footer says the page is the published one', async ({
  page,
  stack,
}) => {
  const cid = await publishedExport(stack);
  await publishCidByVote(stack, cid);
  const root = `${node.gatewayUrl}/ipfs/${cid}`;
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });

  await page.goto(`${root}/`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  // Every header link points to a page file inside the CID, and the gateway serves each.
  const hrefs = await nav
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  expect(hrefs).toHaveLength(9);
  for (const href of hrefs) {
    expect(href).toMatch(new RegExp(`^${root}/[a-z]+\\.html$`));
    expect((await page.request.get(href)).status(), href).toBe(200);
  }

  // Click through: the buyer's page, a wallet page, and back home by the brand.
  await nav.getByRole('link', { name: 'Verify a car' }).click();
  await expect(page).toHaveURL(`${root}/verify.html`);
  const verify = new VerifyPage(page);
  await verify.verify('1HGCM82633A004352');
  await expect(verify.verdict).toContainText(/No problems found|Points to check/);
  await expect(page.getByTestId('record-count')).toHaveText('3');

  await nav.getByRole('link', { name: 'My car books' }).click();
  await expect(page).toHaveURL(`${root}/garage.html`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.getByRole('link', { name: /CarBook ledger/ }).click();
  await expect(page).toHaveURL(`${root}/`);

  // The footer compares the page's CID with the one the consortium published by vote, in words.
  await page.getByRole('button', { name: /Is this page the consortium/ }).click();
  const result = page.getByTestId('published-cid-result');
  await expect(result).toContainText('they match');
  await expect(result).toContainText(cid.toString());
  // For review (kept in test-results/): the footer's verdict on the page served by CID.
  await page.screenshot({ path: test.info().outputPath('footer-published-cid.png'), fullPage: true });

  expect(failed).toEqual([]);
});
