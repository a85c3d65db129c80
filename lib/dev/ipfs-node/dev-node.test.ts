import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevIpfsNode, type DevIpfsNode } from './dev-node';
import { computeKuboCid } from '../../browser/ipfs/kubo-import';
import { all, byteDifference, deterministicBytes, temporaryDirectory } from '../testing/ipfs-support';

const HELLO = new TextEncoder().encode('hello world\n');
const HELLO_V0 = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';
const HELLO_V1_RAW = 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4';
/** Never added anywhere in these tests: a well-formed CID of bytes the node does not have. */
const UNKNOWN = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const APP_ORIGIN = 'http://localhost:3000';

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

describe('development IPFS node through kubo-rpc-client', () => {
  let repo: Awaited<ReturnType<typeof temporaryDirectory>>;
  let node: DevIpfsNode;
  let ipfs: KuboRPCClient;

  beforeAll(async () => {
    repo = await temporaryDirectory('carbook-ipfs-node-');
    node = await startDevIpfsNode({
      port: 0,
      repoDir: repo.path,
      corsOrigins: [APP_ORIGIN],
      bodyLimit: 8 * 1024 * 1024,
    });
    ipfs = create({ url: node.apiUrl });
  });
  afterAll(async () => {
    await node.close();
    await repo.remove();
  });

  it("adds with Kubo defaults and gives Kubo's CID and cumulative size", async () => {
    const added = await ipfs.add(HELLO);
    expect(added.cid.toString()).toBe(HELLO_V0);
    expect(added.size).toBe(20); // 12 bytes plus the UnixFS/dag-pb envelope, as Kubo reports it
  });

  it('adds with --cid-version=1 --raw-leaves, and --cid-version=1 alone implies raw leaves', async () => {
    expect((await ipfs.add(HELLO, { cidVersion: 1, rawLeaves: true })).cid.toString()).toBe(HELLO_V1_RAW);
    expect((await ipfs.add(HELLO, { cidVersion: 1 })).cid.toString()).toBe(HELLO_V1_RAW);
  });

  it('cats back what was added, whole or by offset and length', async () => {
    const bytes = deterministicBytes(700_000, 7);
    const { cid } = await ipfs.add(bytes);
    expect(byteDifference(await collect(ipfs.cat(cid)), bytes)).toBeUndefined();
    expect(
      byteDifference(await collect(ipfs.cat(cid, { offset: 262_000, length: 1_000 })), bytes.slice(262_000, 263_000)),
    ).toBeUndefined();
    expect(
      byteDifference(await collect(ipfs.cat(`/ipfs/${cid}`, { offset: 699_990 })), bytes.slice(699_990)),
    ).toBeUndefined();
  });

  it('stores a multi-chunk file under the CID Kubo gives, for CIDv0 and CIDv1', async () => {
    const bytes = deterministicBytes(1_048_576 + 7);
    const v0 = await ipfs.add(bytes);
    expect(v0.cid.toString()).toBe('QmUUwxTMYmdA5rE4nNgBWN8MTSWcA2qe4pkTvyCzx4iPLS'); // checked with ipfs_cid
    const v1 = await ipfs.add(bytes, { cidVersion: 1 });
    expect(v1.cid.equals(await computeKuboCid(bytes, { cidVersion: 1 }))).toBe(true);
    expect(byteDifference(await collect(ipfs.cat(v1.cid)), bytes)).toBeUndefined();
  });

  it('honours the chunker option', async () => {
    const bytes = deterministicBytes(300_000, 3);
    const { cid } = await ipfs.add(bytes, { chunker: 'size-65536' });
    expect(cid.equals(await computeKuboCid(bytes, { chunkSize: 65_536 }))).toBe(true);
    await expect(ipfs.add(bytes, { chunker: 'rabin-1-2-3' })).rejects.toThrow(/unsupported chunker/);
  });

  it('reports progress as cumulative bytes, ending at the file size', async () => {
    const bytes = deterministicBytes(3 * 262_144 + 5, 11);
    const seen: number[] = [];
    await ipfs.add(bytes, { progress: (sent) => seen.push(sent) });
    expect(seen).toEqual([262_144, 524_288, 786_432, 786_437]);
  });

  it('pins on add by default, not with pin=false, and pin/add pins later', async () => {
    const pinned = await ipfs.add(deterministicBytes(1000, 21));
    const unpinned = await ipfs.add(deterministicBytes(1000, 22), { pin: false });
    const list = async () => (await all(ipfs.pin.ls())).map((pin) => pin.cid.toString());
    expect(await list()).toContain(pinned.cid.toString());
    expect(await list()).not.toContain(unpinned.cid.toString());
    await expect(all(ipfs.pin.ls({ paths: [unpinned.cid] }))).rejects.toThrow(/not pinned/);

    expect((await ipfs.pin.add(unpinned.cid)).toString()).toBe(unpinned.cid.toString());
    expect(await list()).toContain(unpinned.cid.toString());
    const [entry] = await all(ipfs.pin.ls({ paths: [unpinned.cid] }));
    expect(entry).toMatchObject({ type: 'recursive' });
  });

  it('refuses to pin content it does not have', async () => {
    await expect(ipfs.pin.add(CID.parse(UNKNOWN))).rejects.toThrow(/not found/);
  });

  it('answers version', async () => {
    expect((await ipfs.version()).version).toMatch(/carbook-dev/);
  });

  it('cat of an unknown CID fails with "not found", of an invalid CID with "invalid CID"', async () => {
    await expect(collect(ipfs.cat(UNKNOWN))).rejects.toThrow(/not found/);
    await expect(collect(ipfs.cat('not-a-cid'))).rejects.toThrow(/invalid CID/);
  });

  it('refuses a body over the limit with 413, and stays usable', async () => {
    const tooLarge = deterministicBytes(8 * 1024 * 1024 + 1);
    // Plain fetch so the status is visible; kubo-rpc-client surfaces the same refusal as an error.
    const form = new FormData();
    form.set('file', new Blob([tooLarge]), '');
    const response = await fetch(`${node.apiUrl}/api/v0/add`, { method: 'POST', body: form });
    expect(response.status).toBe(413);
    await expect(ipfs.add(tooLarge)).rejects.toThrow();
    expect((await ipfs.add(HELLO)).cid.toString()).toBe(HELLO_V0);
  });

  it('refuses options it cannot honour instead of producing a different CID', async () => {
    await expect(ipfs.add(HELLO, { trickle: true })).rejects.toThrow(/trickle/);
    await expect(ipfs.add(HELLO, { hashAlg: 'sha2-512' })).rejects.toThrow(/unsupported hash/);
    await expect(ipfs.add(HELLO, { onlyHash: true })).rejects.toThrow(/only-hash/);
  });

  describe('gateway', () => {
    it('serves added bytes as application/octet-stream, immutable', async () => {
      const response = await fetch(`${node.gatewayUrl}/ipfs/${HELLO_V0}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toMatch(/immutable/);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(HELLO);
    });

    it('404 for an unknown CID, 400 for an invalid one', async () => {
      expect((await fetch(`${node.gatewayUrl}/ipfs/${UNKNOWN}`)).status).toBe(404);
      const invalid = await fetch(`${node.gatewayUrl}/ipfs/not-a-cid`);
      expect(invalid.status).toBe(400);
      expect(await invalid.text()).toMatch(/invalid CID/);
      // The dev node stores single files only, so a path inside a DAG cannot name anything.
      expect((await fetch(`${node.gatewayUrl}/ipfs/${HELLO_V0}/inner.txt`)).status).toBe(400);
    });

    it('is readable from any origin (public content-addressed bytes)', async () => {
      const response = await fetch(`${node.gatewayUrl}/ipfs/${HELLO_V0}`, {
        headers: { origin: 'https://elsewhere.example' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  describe('CORS and request methods on the RPC API', () => {
    it('allows the dApp origin', async () => {
      const preflight = await fetch(`${node.apiUrl}/api/v0/add`, {
        method: 'OPTIONS',
        headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      const call = await fetch(`${node.apiUrl}/api/v0/version`, { method: 'POST', headers: { origin: APP_ORIGIN } });
      expect(call.status).toBe(200);
      expect(call.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    });

    it('refuses other origins outright, since a multipart POST needs no preflight', async () => {
      const form = new FormData();
      form.set('file', new Blob([HELLO]), '');
      const response = await fetch(`${node.apiUrl}/api/v0/add`, {
        method: 'POST',
        body: form,
        headers: { origin: 'https://evil.example' },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers 405 to GET, like Kubo', async () => {
      expect((await fetch(`${node.apiUrl}/api/v0/version`)).status).toBe(405);
    });
  });
});

describe('development IPFS node restart', () => {
  it('keeps content and pins in the repository directory', async () => {
    const repo = await temporaryDirectory('carbook-ipfs-restart-');
    try {
      const bytes = deterministicBytes(600_000, 5);
      const first = await startDevIpfsNode({ port: 0, repoDir: repo.path });
      const { cid } = await create({ url: first.apiUrl }).add(bytes);
      await first.close();

      const second = await startDevIpfsNode({ port: 0, repoDir: repo.path });
      try {
        const ipfs = create({ url: second.apiUrl });
        expect(byteDifference(await collect(ipfs.cat(cid)), bytes)).toBeUndefined();
        const pins = (await all(ipfs.pin.ls())).map((pin) => pin.cid.toString());
        expect(pins).toEqual([cid.toString()]);
      } finally {
        await second.close();
      }
    } finally {
      await repo.remove();
    }
  });
});
