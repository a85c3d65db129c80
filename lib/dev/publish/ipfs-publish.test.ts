import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import Fastify from 'fastify';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { create } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../../browser/config/runtime';
import { startDevIpfsNode, type DevIpfsNode } from '../ipfs-node/dev-node';
import { DevIpfsRepo } from '../ipfs-node/repo';
import { temporaryDirectory } from '../testing/ipfs-support';
import { contentSecurityPolicy, inlineScriptHashes, withCspMeta } from '../stack/csp';
import {
  cidFromParameterValue,
  cidParameterValue,
  computeDirectoryCid,
  DAPP_CID_PARAMETER_KEY,
  exportFiles,
  forGateway,
  publishExport,
  withRuntimeConfig,
} from './ipfs-publish';

const CONFIG: RuntimeConfig = {
  chainId: 20251,
  chainName: 'CarBook test',
  rpcUrl: 'https://rpc.carbook.example.org',
  contracts: {
    consortium: '0x42699A7612A82f1d9C36148af9C77354759b210b',
    carBook: '0xa50a51c09a5c451C52BB714527E1974b686D8e77',
    insurance: '0x4D7C363DED4B3b4e1F954494d2Bc3955e49699cC',
    documentAnchor: '0x9A676e781A523b5d0C0e43731313A708CB607508',
  },
  deploymentBlock: 0,
};

/**
 * A miniature static export: top-level pages with relative asset URLs, like `next build` with assetPrefix './', an
 * inline bootstrap script, and what the post-build step adds (precompressed copies, the CSP hash manifest).
 */
const EXPORT: Record<string, string> = {
  'index.html':
    '<!doctype html><html><head><title>home</title><script src="./_next/static/chunks/app.js"></script></head>' +
    '<body><script>self.__next_f.push([1,"home"])</script></body></html>',
  'verify.html':
    '<!doctype html><html><head><title>verify</title><link rel="stylesheet" href="./_next/static/css/app.css"></head></html>',
  '_next/static/chunks/app.js': 'console.log("app")',
  '_next/static/css/app.css': 'body{margin:0}',
  'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'index.html.gz': 'gzip bytes',
  'index.html.br': 'brotli bytes',
  '_next/static/chunks/app.js.br': 'brotli bytes',
  'csp-hashes.json': '{}',
};
/** Left out of the published directory. */
const NOT_PUBLISHED = ['index.html.gz', 'index.html.br', '_next/static/chunks/app.js.br', 'csp-hashes.json'];

/** A page as the gateway serves it: with its meta-tag policy for CONFIG's origins and its own inline scripts. */
function served(page: string): string {
  const html = EXPORT[page];
  return withCspMeta(html, contentSecurityPolicy(CONFIG, inlineScriptHashes(html), { header: false }));
}

describe('publish:ipfs to the development node, served by its web gateway', () => {
  let out: Awaited<ReturnType<typeof temporaryDirectory>>;
  let repo: Awaited<ReturnType<typeof temporaryDirectory>>;
  let node: DevIpfsNode;

  beforeAll(async () => {
    out = await temporaryDirectory('carbook-export-');
    for (const [file, text] of Object.entries(EXPORT)) {
      await mkdir(path.dirname(path.join(out.path, file)), { recursive: true });
      await writeFile(path.join(out.path, file), text);
    }
    repo = await temporaryDirectory('carbook-publish-repo-');
    node = await startDevIpfsNode({ port: 0, repoDir: repo.path, gateway: { port: 0 } });
  });
  afterAll(async () => {
    await node.close();
    await repo.remove();
    await out.remove();
  });

  it('adds the export with its config.json, pinned, under the CID computed locally', async () => {
    const { cid, files } = await publishExport({ dir: out.path, config: CONFIG, apiUrl: node.apiUrl });
    expect(files).toBe(Object.keys(EXPORT).length - NOT_PUBLISHED.length + 1);
    const local = await computeDirectoryCid(forGateway(withRuntimeConfig(await exportFiles(out.path), CONFIG), CONFIG));
    expect(cid.toString()).toBe(local.toString());
    expect(cid.toString()).toMatch(/^bafybei/); // CIDv1 dag-pb, base32: usable as a subdomain label
    const pins: string[] = [];
    for await (const pin of create({ url: node.apiUrl }).pin.ls()) pins.push(pin.cid.toString());
    expect(pins).toContain(cid.toString());
  });

  it('turns the root CID into the governance parameter value and back', async () => {
    const { cid } = await publishExport({ dir: out.path, config: CONFIG, apiUrl: node.apiUrl });
    const value = cidParameterValue(cid);
    expect(value).toBeGreaterThan(0n);
    expect(cidFromParameterValue(value).toString()).toBe(cid.toString());
    expect(DAPP_CID_PARAMETER_KEY).toBe(
      '0x' + Buffer.from(keccak_256(new TextEncoder().encode('dapp.cid'))).toString('hex'),
    );
    expect(() => cidParameterValue(CID.parse('QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn'))).toThrow(/CIDv1/);
  });

  it('serves pages, assets and config.json under /ipfs/<cid>/ with content types; the root redirects to its slash', async () => {
    const { cid } = await publishExport({ dir: out.path, config: CONFIG, apiUrl: node.apiUrl });
    const base = `${node.gatewayUrl}/ipfs/${cid}`;

    const bare = await fetch(base, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe(`/ipfs/${cid}/`);

    const index = await fetch(`${base}/`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toBe(served('index.html'));

    const verify = await fetch(`${base}/verify.html`);
    expect(verify.status).toBe(200);
    expect(verify.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // The page's relative asset URL resolves inside the CID's directory.
    const css = await fetch(new URL('./_next/static/css/app.css', verify.url));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(EXPORT['_next/static/css/app.css']);
    const js = await fetch(`${base}/_next/static/chunks/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');

    const config = await fetch(new URL('config.json', verify.url));
    expect(config.headers.get('content-type')).toBe('application/json');
    expect(await config.json()).toEqual(CONFIG);
  });

  it('serves the same CID as its own origin on the subdomain form <cid>.ipfs.localhost', async () => {
    const { cid } = await publishExport({ dir: out.path, config: CONFIG, apiUrl: node.apiUrl });
    const port = new URL(node.gatewayUrl).port;
    const get = (host: string, path: string) =>
      new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
        const request = http.get({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }),
          );
        });
        request.on('error', reject);
      });
    const page = await get(`${cid}.ipfs.localhost:${port}`, '/verify.html');
    expect(page).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: served('verify.html') });
    expect((await get(`${cid}.ipfs.localhost:${port}`, '/')).body).toBe(served('index.html'));
    expect((await get(`${cid}.ipfs.localhost:${port}`, '/config.json')).type).toBe('application/json');
    expect((await get(`127.0.0.1:${port}`, '/verify.html')).status).toBe(404);
  });

  it('publishes each page with its CSP meta tag, without precompressed copies or the hash manifest', async () => {
    const { cid } = await publishExport({ dir: out.path, config: CONFIG, apiUrl: node.apiUrl });
    const base = `${node.gatewayUrl}/ipfs/${cid}`;
    const index = await (await fetch(`${base}/`)).text();
    const policy = /<head><meta http-equiv="Content-Security-Policy" content="([^"]+)"\/>/.exec(index)?.[1];
    expect(policy).toBeDefined();
    // The page's own inline script is allowed by its hash; the RPC origin of the config is the one connect-src names.
    expect(policy).toContain(inlineScriptHashes(EXPORT['index.html'])[0]);
    expect(policy).toContain("connect-src 'self' https://rpc.carbook.example.org");
    expect(policy).not.toContain('frame-ancestors');
    for (const file of NOT_PUBLISHED) expect((await fetch(`${base}/${file}`)).status, file).toBe(404);
    // The export directory is left as it was (a server still uses its precompressed copies and manifest).
    expect(await readFile(path.join(out.path, 'index.html'), 'utf8')).toBe(EXPORT['index.html']);
    expect(await readFile(path.join(out.path, 'index.html.gz'), 'utf8')).toBe(EXPORT['index.html.gz']);
  });

  it('keeps a .gz or .br file that is not the copy of another', () => {
    const files = [{ path: 'archive.tar.gz', content: new Uint8Array([1]) }];
    expect(forGateway(files, CONFIG)).toEqual(files);
  });

  it('answers 404 for a missing file, 400 for a bad CID', async () => {
    const { cid } = await publishExport({ dir: out.path, config: CONFIG, apiUrl: node.apiUrl });
    expect((await fetch(`${node.gatewayUrl}/ipfs/${cid}/verify`)).status).toBe(404); // no .html guessing, like Kubo
    expect((await fetch(`${node.gatewayUrl}/ipfs/${cid}/index.html/x`)).status).toBe(404);
    expect((await fetch(`${node.gatewayUrl}/ipfs/not-a-cid/index.html`)).status).toBe(400);
  });

  it('keeps the RPC port out of web serving: its /ipfs/ route serves single documents, no directory paths', async () => {
    const { cid } = await publishExport({ dir: out.path, config: CONFIG, apiUrl: node.apiUrl });
    expect(node.gatewayUrl).not.toBe(node.apiUrl);
    expect((await fetch(`${node.apiUrl}/ipfs/${cid}/verify.html`)).status).toBe(400);
  });

  it("gives an empty directory Kubo's CIDs (QmUNLLs…, bafybeiczs…): directory nodes are encoded like Kubo's", async () => {
    const dir = await temporaryDirectory('carbook-empty-dir-');
    const local = await DevIpfsRepo.open(dir.path);
    try {
      for (const [cidVersion, expected] of [
        [0, 'QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn'],
        [1, 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354'],
      ] as const) {
        const added = await local.addDirectory([{ path: 'empty' }], { cidVersion });
        const empty = await local.resolve(added.at(-1)!.cid, ['empty']);
        expect(empty).toMatchObject({ type: 'directory' });
        expect(empty.cid.toString()).toBe(expected);
      }
    } finally {
      await local.close();
      await dir.remove();
    }
  });

  it('refuses to publish when the node answers another CID than the content gives', async () => {
    const liar = Fastify();
    liar.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    liar.post('/api/v0/add', async (_request, reply) =>
      reply
        .header('content-type', 'application/json')
        .header('x-chunked-output', '1')
        .send(
          `${JSON.stringify({ Name: '', Hash: 'bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354', Size: '4' })}\n`,
        ),
    );
    await liar.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = liar.server.address();
      if (address === null || typeof address === 'string') throw new Error('not listening');
      await expect(
        publishExport({ dir: out.path, config: CONFIG, apiUrl: `http://127.0.0.1:${address.port}` }),
      ).rejects.toThrow(/answered CID bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354 .* not published/);
    } finally {
      await liar.close();
    }
  });
});
