import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { checkPublishedCid, cidFromParameterValue, cidParameterValue, pageCid } from './published';
import { pageHref } from '../gateway';

/** A CIDv1 dag-pb root like `publish:ipfs` adds (the digest of arbitrary bytes: only its form matters here). */
async function dagPbRoot(seed: string): Promise<CID> {
  return CID.createV1(0x70, await sha256.digest(new TextEncoder().encode(seed)));
}

describe('pageHref: links between pages at a root and under a path gateway', () => {
  it('keeps routes at a domain root', () => {
    expect(pageHref('/verify', '/garage')).toBe('/verify');
    expect(pageHref('/', '/verify')).toBe('/');
    expect(pageHref('/verify?book=0x01', '/')).toBe('/verify?book=0x01');
  });

  it('points inside the CID under /ipfs/<cid>/ (the page files, the root directory for /)', () => {
    const root = '/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
    expect(pageHref('/verify', `${root}/index.html`)).toBe(`${root}/verify.html`);
    expect(pageHref('/garage', `${root}/verify.html`)).toBe(`${root}/garage.html`);
    expect(pageHref('/', `${root}/verify.html`)).toBe(`${root}/`);
    expect(pageHref('/verify?book=0x01', `${root}/`)).toBe(`${root}/verify.html?book=0x01`);
    expect(pageHref('/consortium', '/ipns/carbook.example.org/verify.html')).toBe(
      '/ipns/carbook.example.org/consortium.html',
    );
  });
});

describe('the CID published by governance (dapp.cid)', () => {
  it('round-trips a root through its parameter value', async () => {
    const root = await dagPbRoot('export');
    const value = cidParameterValue(root);
    expect(cidFromParameterValue(value).toString()).toBe(root.toString());
    expect(() => cidParameterValue(CID.parse('QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn'))).toThrow(/CIDv1/);
    expect(() => cidFromParameterValue(1n << 256n)).toThrow(/32 bytes/);
  });

  it('finds the page CID in a path or subdomain gateway address, none elsewhere', async () => {
    const root = await dagPbRoot('export');
    expect(pageCid(`http://127.0.0.1:8080/ipfs/${root}/verify.html`)?.toString()).toBe(root.toString());
    expect(pageCid(`https://${root}.ipfs.gateway.example/verify.html`)?.toString()).toBe(root.toString());
    expect(pageCid('https://carbook.example.org/verify')).toBeUndefined();
    expect(pageCid('http://127.0.0.1:8080/ipfs/not-a-cid/verify.html')).toBeUndefined();
  });

  it('says whether the page is the published one', async () => {
    const root = await dagPbRoot('export');
    const other = await dagPbRoot('another export');
    const value = cidParameterValue(root);
    expect(checkPublishedCid(`http://gw/ipfs/${root}/verify.html`, value)).toEqual({
      state: 'match',
      published: root.toString(),
      page: root.toString(),
    });
    // The same content in CIDv0 form (base58, dag-pb sha2-256) matches too.
    expect(checkPublishedCid(`http://gw/ipfs/${root.toV0().toString()}/`, value).state).toBe('match');
    expect(checkPublishedCid(`https://${other}.ipfs.gw.example/`, value)).toEqual({
      state: 'mismatch',
      published: root.toString(),
      page: other.toString(),
    });
    expect(checkPublishedCid('https://carbook.example.org/verify', value)).toEqual({
      state: 'not-from-ipfs',
      published: root.toString(),
    });
    expect(checkPublishedCid(`http://gw/ipfs/${root}/`, 0n)).toEqual({ state: 'none-published' });
  });
});
