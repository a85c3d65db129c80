import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeKuboCid,
  KUBO_CHUNK_SIZE,
  KUBO_MAX_CHILDREN_PER_NODE,
  parseKuboChunker,
  resolveKuboAddOptions,
} from './kubo-import';
import { deterministicBytes, temporaryDirectory } from '../../dev/testing/ipfs-support';

const HELLO = new TextEncoder().encode('hello world\n');

describe('computeKuboCid gives the CIDs Kubo gives', () => {
  // Published Kubo outputs (`ipfs add`), see TOOLCHAIN.md.
  it('"hello world\\n" with the defaults (CIDv0, UnixFS leaves)', async () => {
    expect((await computeKuboCid(HELLO)).toString()).toBe('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o');
  });

  it('"hello world\\n" with --cid-version=1 --raw-leaves, and with --cid-version=1 alone (implies raw leaves)', async () => {
    const expected = 'bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4';
    expect((await computeKuboCid(HELLO, { cidVersion: 1, rawLeaves: true })).toString()).toBe(expected);
    expect((await computeKuboCid(HELLO, { cidVersion: 1 })).toString()).toBe(expected);
  });

  it('the empty file', async () => {
    expect((await computeKuboCid(new Uint8Array())).toString()).toBe('QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH');
  });

  // Multi-chunk vectors, checked against Debian's independent `ipfs_cid` (package ipfs-cid).
  it('a 4-chunk file (1 MiB + 7 bytes): one parent over 256 KiB leaves', async () => {
    expect((await computeKuboCid(deterministicBytes(1_048_576 + 7))).toString()).toBe(
      'QmUUwxTMYmdA5rE4nNgBWN8MTSWcA2qe4pkTvyCzx4iPLS',
    );
  });

  it('a 176-chunk file: more than 174 leaves needs a second tree level', async () => {
    const bytes = deterministicBytes((KUBO_MAX_CHILDREN_PER_NODE + 1) * KUBO_CHUNK_SIZE + 3);
    expect((await computeKuboCid(bytes)).toString()).toBe('QmZL1X91sDfPQMB5opzTznoKgYYrGKi56q8up7T9KEhpoe');
  });
});

describe('Kubo add options', () => {
  it('CIDv1 implies raw leaves unless told otherwise; CIDv0 does not', () => {
    expect(resolveKuboAddOptions({})).toEqual({ cidVersion: 0, rawLeaves: false, chunkSize: 262_144 });
    expect(resolveKuboAddOptions({ cidVersion: 1 })).toEqual({ cidVersion: 1, rawLeaves: true, chunkSize: 262_144 });
    expect(resolveKuboAddOptions({ cidVersion: 1, rawLeaves: false }).rawLeaves).toBe(false);
  });

  it('parses fixed-size chunkers and refuses the others and oversized chunks', () => {
    expect(parseKuboChunker('size-1024')).toBe(1024);
    expect(() => parseKuboChunker('rabin-262144-524288-1048576')).toThrow(/only 'size-<bytes>'/);
    expect(() => resolveKuboAddOptions({ chunkSize: 2 * 1_048_576 })).toThrow(/chunk size/);
    expect(() => resolveKuboAddOptions({ chunkSize: 0 })).toThrow(/chunk size/);
  });

  it('a different chunk size gives a different CID for a multi-chunk file (the option is honoured)', async () => {
    const bytes = deterministicBytes(300_000);
    expect((await computeKuboCid(bytes, { chunkSize: 100_000 })).equals(await computeKuboCid(bytes))).toBe(false);
  });
});

// Live parity check against an independent implementation, on sizes around the chunk and fan-out
// boundaries. CI installs the `ipfs-cid` apt package, so there this always runs.
const IPFS_CID = '/usr/bin/ipfs_cid';
const hasIpfsCid = existsSync(IPFS_CID);
if (!hasIpfsCid) console.warn(`${IPFS_CID} is absent (apt package ipfs-cid): the live CIDv0 parity test is skipped`);

describe.skipIf(!hasIpfsCid)('CIDv0 parity with Debian ipfs_cid', () => {
  let dir: Awaited<ReturnType<typeof temporaryDirectory>>;
  beforeAll(async () => {
    dir = await temporaryDirectory('carbook-ipfs-cid-');
  });
  afterAll(() => dir.remove());

  it('matches on sizes around chunk boundaries', async () => {
    const sizes = fc.oneof(
      fc.integer({ min: 0, max: 3 * KUBO_CHUNK_SIZE + 10 }),
      fc.integer({ min: -2, max: 2 }).map((delta) => KUBO_CHUNK_SIZE + delta),
      fc.integer({ min: -2, max: 2 }).map((delta) => 2 * KUBO_CHUNK_SIZE + delta),
    );
    await fc.assert(
      fc.asyncProperty(sizes, fc.integer({ min: 1, max: 2 ** 31 }), async (size, seed) => {
        const bytes = deterministicBytes(size, seed);
        const file = join(dir.path, `f-${size}-${seed}`);
        await writeFile(file, bytes);
        const reference = JSON.parse(
          execFileSync(IPFS_CID, [file], { stdio: ['ignore', 'pipe', 'ignore'] }).toString(),
        ) as {
          CIDv0: string;
        };
        expect((await computeKuboCid(bytes)).toString()).toBe(reference.CIDv0);
      }),
      { numRuns: 25 },
    );
  });
});
