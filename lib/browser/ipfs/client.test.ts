import Fastify, { type FastifyInstance } from 'fastify';
import { create } from 'kubo-rpc-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpfsClient, IpfsDocumentTooLargeError, IpfsIntegrityError } from './client';
import { startDevIpfsNode, type DevIpfsNode } from '../../dev/ipfs-node/dev-node';
import { byteDifference, deterministicBytes, temporaryDirectory } from '../../dev/testing/ipfs-support';

const HELLO = new TextEncoder().encode('hello world\n');

describe('IPFS client against the dev node', () => {
  let repo: Awaited<ReturnType<typeof temporaryDirectory>>;
  let node: DevIpfsNode;

  beforeAll(async () => {
    repo = await temporaryDirectory('carbook-ipfs-client-');
    node = await startDevIpfsNode({ port: 0, repoDir: repo.path });
  });
  afterAll(async () => {
    await node.close();
    await repo.remove();
  });

  it('adds as CIDv1 with raw leaves by default and reads the bytes back', async () => {
    const client = createIpfsClient({ apiUrl: node.apiUrl });
    const cid = await client.addBytes(HELLO);
    expect(cid).toBe('bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4');
    expect(await client.catBytes(cid)).toEqual(HELLO);
  });

  it('round-trips a multi-chunk document, CIDv1 and CIDv0, and the gateway serves the same bytes', async () => {
    const bytes = deterministicBytes(1_048_576 + 7);
    for (const cidVersion of [1, 0] as const) {
      const client = createIpfsClient({ apiUrl: node.apiUrl, cidVersion });
      const cid = await client.addBytes(bytes);
      expect(cid.startsWith(cidVersion === 1 ? 'bafybei' : 'Qm')).toBe(true);
      expect(byteDifference(await client.catBytes(cid), bytes)).toBeUndefined();
      const fromGateway = new Uint8Array(await (await fetch(`${node.gatewayUrl}/ipfs/${cid}`)).arrayBuffer());
      expect(byteDifference(fromGateway, bytes)).toBeUndefined();
    }
  });

  it('verifies a CIDv1 document added elsewhere without raw leaves (the other Kubo CIDv1 layout)', async () => {
    const bytes = deterministicBytes(600_000, 6);
    const { cid } = await create({ url: node.apiUrl }).add(bytes, { cidVersion: 1, rawLeaves: false });
    expect(
      byteDifference(await createIpfsClient({ apiUrl: node.apiUrl }).catBytes(cid.toString()), bytes),
    ).toBeUndefined();
  });

  it('reports progress up to the document size', async () => {
    const bytes = deterministicBytes(2 * 262_144 + 1, 4);
    const seen: [number, number][] = [];
    await createIpfsClient({ apiUrl: node.apiUrl }).addBytes(bytes, {
      onProgress: (sent, total) => seen.push([sent, total]),
    });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length]);
  });

  it('refuses a document over maxBytes, and accepts one of exactly maxBytes', async () => {
    const client = createIpfsClient({ apiUrl: node.apiUrl });
    const cid = await client.addBytes(deterministicBytes(10_000, 9));
    await expect(client.catBytes(cid, { maxBytes: 9_999 })).rejects.toBeInstanceOf(IpfsDocumentTooLargeError);
    expect((await client.catBytes(cid, { maxBytes: 10_000 })).length).toBe(10_000);
  });

  it('rejects an invalid CID before any request', async () => {
    await expect(createIpfsClient({ apiUrl: node.apiUrl }).catBytes('not-a-cid')).rejects.toThrow(/not a valid CID/);
  });
});

/**
 * A node that lies: it answers the Kubo RPC wire format, but cat returns other bytes and add reports
 * a CID that is not the hash of what was uploaded.
 */
describe('IPFS client against a lying node', () => {
  let liar: FastifyInstance;
  let apiUrl: string;

  beforeAll(async () => {
    liar = Fastify();
    liar.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null));
    });
    liar.post('/api/v0/cat', async () => Buffer.from('hello world?'));
    liar.post('/api/v0/add', async (_request, reply) =>
      reply
        .type('application/json')
        .send(`${JSON.stringify({ Name: 'x', Hash: 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o', Size: '20' })}\n`),
    );
    apiUrl = await liar.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => liar.close());

  it.each([
    ['a raw CIDv1', 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4'],
    ['a CIDv0', 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o'],
    ['a dag-pb CIDv1', 'bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby'],
  ])('detects substituted bytes for %s', async (_kind, cid) => {
    await expect(createIpfsClient({ apiUrl }).catBytes(cid)).rejects.toBeInstanceOf(IpfsIntegrityError);
  });

  it('detects a CID that does not match the uploaded bytes', async () => {
    const client = createIpfsClient({ apiUrl, cidVersion: 0 });
    await expect(client.addBytes(new TextEncoder().encode('something else'))).rejects.toBeInstanceOf(
      IpfsIntegrityError,
    );
  });
});
