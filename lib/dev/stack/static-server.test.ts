import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCspMeta, inlineScriptHashes, postBuild, withCspMeta } from './csp';
import { startStaticServer } from './static-server';

const BOOTSTRAP = 'self.__next_f=self.__next_f||[];self.__next_f.push([0])';
// sha256 of BOOTSTRAP, base64 (computed independently: printf '%s' "$BOOTSTRAP" | openssl dgst -sha256 -binary | base64)
const BOOTSTRAP_HASH = "'sha256-71sYpXtVZQ5HkyHms8EvHfnrDNmLYWsVQjdaeCV0i2U='";
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><script src="/_next/static/chunks/main-abc.js" async=""></script></head><body><main>${'<p>CarBook</p>'.repeat(100)}</main><script>${BOOTSTRAP}</script></body></html>`;
const CHUNK = `console.log(${JSON.stringify('x'.repeat(4000))});`;
const CONFIG = {
  chainId: 31337,
  chainName: 'CarBook test',
  rpcUrl: 'http://127.0.0.1:8547',
  contracts: {
    consortium: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    carBook: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    insurance: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    documentAnchor: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  },
  deploymentBlock: 0,
  ipfs: { api: 'http://127.0.0.1:5001/api/v0', gateway: 'http://127.0.0.1:5001/ipfs' },
} as const;

function exportDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'carbook-static-'));
  mkdirSync(path.join(dir, '_next', 'static', 'chunks'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), PAGE);
  writeFileSync(path.join(dir, 'verify.html'), PAGE.replace('[0]', '[1]'));
  writeFileSync(path.join(dir, '_next', 'static', 'chunks', 'main-abc.js'), CHUNK);
  return dir;
}

function get(url: string, encoding?: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('static server of npm start: compression, cache headers, Content-Security-Policy', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  beforeAll(async () => {
    dir = exportDir();
    postBuild(dir);
    server = await startStaticServer({ dir, host: '127.0.0.1', port: 0, runtimeConfig: CONFIG });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves hashed assets brotli- or gzip-compressed as the client accepts, cached for a year as immutable', async () => {
    const br = await get(`${server.url}/_next/static/chunks/main-abc.js`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(CHUNK.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(CHUNK);

    const gz = await get(`${server.url}/_next/static/chunks/main-abc.js`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(CHUNK);

    const plain = await get(`${server.url}/_next/static/chunks/main-abc.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(CHUNK);
  });

  it('pages and config.json are revalidated on every load (no-cache), pages compressed too', async () => {
    const page = await get(`${server.url}/verify`, 'br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const config = await get(`${server.url}/config.json`, 'br');
    expect(config.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(config.body.toString())).toEqual(CONFIG);
  });

  it("each page's policy allows exactly its own inline scripts and the configured origins", async () => {
    expect(inlineScriptHashes(PAGE)).toEqual([BOOTSTRAP_HASH]);
    const home = await get(`${server.url}/`);
    const verify = await get(`${server.url}/verify`);
    const policy = home.headers['content-security-policy'] as string;
    expect(policy).toContain(`script-src 'self' ${BOOTSTRAP_HASH} 'wasm-unsafe-eval';`);
    // WebAssembly compilation (the VIN scanner's reader) is the only exception: no JavaScript eval, no inline.
    expect(policy.match(/script-src[^;]*/)![0].replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe/);
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:8547 http://127.0.0.1:5001;");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    // verify.html has another inline script: another hash, not the home page's.
    expect(verify.headers['content-security-policy']).not.toContain(BOOTSTRAP_HASH);
    expect(verify.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[^']+' 'wasm-unsafe-eval';/);
  });
});

describe('meta-tag policy for static hosts (npm run csp:apply)', () => {
  it('is written first in <head> of every page, without frame-ancestors, and the compressed copies follow', () => {
    const dir = exportDir();
    try {
      postBuild(dir);
      applyCspMeta(dir, CONFIG);
      const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
      expect(html).toMatch(
        /^<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="/,
      );
      const content = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1];
      expect(content).toContain(`script-src 'self' ${BOOTSTRAP_HASH} 'wasm-unsafe-eval';`);
      expect(content).not.toContain('frame-ancestors');
      expect(brotliDecompressSync(readFileSync(path.join(dir, 'index.html.br'))).toString()).toBe(html);
      // Applying twice (a new config.json) replaces the tag instead of adding a second, stricter one.
      applyCspMeta(dir, { ...CONFIG, rpcUrl: 'https://rpc.example.org' });
      const again = readFileSync(path.join(dir, 'index.html'), 'utf8');
      expect(again.match(/Content-Security-Policy/g)).toHaveLength(1);
      expect(again).toContain("connect-src 'self' https://rpc.example.org ");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a page without <head> rather than leave it without a policy', () => {
    expect(() => withCspMeta('<html><body></body></html>', "default-src 'none'")).toThrow(/no <head>/);
  });
});
