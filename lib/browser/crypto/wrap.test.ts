import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nacl from 'tweetnacl';
import {
  CryptoError,
  WRAP_LENGTH,
  createOrgKey,
  isLowOrderPublicKey,
  newEpochKey,
  rotateOrgKey,
  toHex,
  unwrapEpochKey,
  unwrapOrgKey,
  wrapEpochKey,
  wrapEpochKeyForReaders,
  wrapOrgKeyForStaff,
  type EpochContext,
  type OrgContext,
} from './index';
import { seededRandom, setX25519Engine, withRandom, x25519Engines, type X25519Engine } from './testing';
import { CAR_BOOK, CONSORTIUM, bytes32, epochContext } from '../../dev/testing/crypto-testkit';

const ctx: EpochContext = { chainId: 31337, carBook: CAR_BOOK, tokenId: 0xabcdefn, epoch: 3 };
const reader = nacl.box.keyPair();

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CryptoError) return e.code;
    throw e;
  }
  return undefined;
}

describe('wrapEpochKey / unwrapEpochKey', () => {
  it('round-trips for any key and context (property)', () => {
    fc.assert(
      fc.property(bytes32(), epochContext(), bytes32(), (key, context, readerSecret) => {
        const r = nacl.box.keyPair.fromSecretKey(readerSecret);
        const wrap = wrapEpochKey(key, r.publicKey, context);
        expect(wrap).toHaveLength(WRAP_LENGTH);
        expect(wrap[0]).toBe(1);
        expect(toHex(unwrapEpochKey(wrap, r.secretKey, context))).toBe(toHex(key));
      }),
      { numRuns: 40 },
    );
  });

  it('uses a fresh ephemeral key and nonce every time', () => {
    const key = newEpochKey();
    const a = wrapEpochKey(key, reader.publicKey, ctx);
    const b = wrapEpochKey(key, reader.publicKey, ctx);
    expect(toHex(a.subarray(1, 33))).not.toBe(toHex(b.subarray(1, 33)));
    expect(toHex(a.subarray(33, 57))).not.toBe(toHex(b.subarray(33, 57)));
  });

  it('fails when any byte is altered (property over every position)', () => {
    const key = newEpochKey();
    const wrap = wrapEpochKey(key, reader.publicKey, ctx);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: WRAP_LENGTH - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const bad = wrap.slice();
        bad[i] ^= x;
        const code = codeOf(() => unwrapEpochKey(bad, reader.secretKey, ctx));
        expect(code).toBe(i === 0 ? 'unsupported-version' : 'decryption-failed');
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a wrap replayed for another chain, book, token, epoch (context-mismatch)', () => {
    const key = newEpochKey();
    const wrap = wrapEpochKey(key, reader.publicKey, ctx);
    for (const other of [
      { ...ctx, chainId: 1 },
      { ...ctx, carBook: CONSORTIUM },
      { ...ctx, tokenId: ctx.tokenId + 1n },
      { ...ctx, epoch: 4 },
    ]) {
      expect(codeOf(() => unwrapEpochKey(wrap, reader.secretKey, other))).toBe('context-mismatch');
    }
  });

  it('wrong context never opens (property)', () => {
    fc.assert(
      fc.property(bytes32(), epochContext(), epochContext(), (key, a, b) => {
        fc.pre(
          a.epoch !== b.epoch ||
            a.tokenId !== b.tokenId ||
            a.carBook.toLowerCase() !== b.carBook.toLowerCase() ||
            BigInt(a.chainId) !== BigInt(b.chainId),
        );
        const wrap = wrapEpochKey(key, reader.publicKey, a);
        expect(codeOf(() => unwrapEpochKey(wrap, reader.secretKey, b))).toBe('context-mismatch');
      }),
      { numRuns: 30 },
    );
  });

  it('a wrap for one reader does not open with another reader key, even re-targeted', () => {
    const key = newEpochKey();
    const eve = nacl.box.keyPair();
    const wrap = wrapEpochKey(key, reader.publicKey, ctx);
    expect(codeOf(() => unwrapEpochKey(wrap, eve.secretKey, ctx))).toBe('decryption-failed');
  });

  it('refuses malformed wraps and bad arguments', () => {
    const wrap = wrapEpochKey(newEpochKey(), reader.publicKey, ctx);
    expect(codeOf(() => unwrapEpochKey(wrap.subarray(0, 136), reader.secretKey, ctx))).toBe('malformed');
    expect(codeOf(() => unwrapEpochKey(new Uint8Array([...wrap, 0]), reader.secretKey, ctx))).toBe('malformed');
    expect(codeOf(() => unwrapEpochKey(new Uint8Array(0), reader.secretKey, ctx))).toBe('malformed');
    expect(codeOf(() => wrapEpochKey(new Uint8Array(31), reader.publicKey, ctx))).toBe('invalid-argument');
    expect(codeOf(() => wrapEpochKey(newEpochKey(), reader.publicKey, { ...ctx, epoch: 2 ** 32 }))).toBe(
      'invalid-argument',
    );
    expect(codeOf(() => wrapEpochKey(newEpochKey(), reader.publicKey, { ...ctx, tokenId: -1n }))).toBe(
      'invalid-argument',
    );
    expect(codeOf(() => wrapEpochKey(newEpochKey(), reader.publicKey, { ...ctx, carBook: '0x12' }))).toBe(
      'invalid-argument',
    );
  });

  it('refuses to wrap for a low-order public key', () => {
    const one = new Uint8Array(32);
    one[0] = 1;
    expect(codeOf(() => wrapEpochKey(newEpochKey(), new Uint8Array(32), ctx))).toBe('invalid-argument');
    expect(codeOf(() => wrapEpochKey(newEpochKey(), one, ctx))).toBe('invalid-argument');
  });

  it('is plain nacl.box: tweetnacl alone opens it (interoperability)', () => {
    const key = newEpochKey();
    const wrap = wrapEpochKey(key, reader.publicKey, ctx);
    const plain = nacl.box.open(wrap.subarray(57), wrap.subarray(33, 57), wrap.subarray(1, 33), reader.secretKey);
    expect(plain).not.toBeNull();
    expect(toHex(plain!.subarray(32))).toBe(toHex(key));
  });
});

describe('isLowOrderPublicKey', () => {
  const lowOrder = [
    `01${'00'.repeat(31)}`,
    `00${'00'.repeat(31)}`,
    'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
    '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
    `ec${'ff'.repeat(30)}7f`,
    `ed${'ff'.repeat(30)}ff`, // the top bit is ignored by X25519
  ].map((h) => Uint8Array.from(Buffer.from(h, 'hex')));

  it('recognises the low-order points the registry refuses, and every wrap to them fails', () => {
    for (const point of lowOrder) {
      expect(isLowOrderPublicKey(point)).toBe(true);
      expect(() =>
        wrapEpochKey(newEpochKey(), point, { chainId: 1, carBook: CAR_BOOK, tokenId: 1n, epoch: 0 }),
      ).toThrow(/low-order/);
    }
  });

  it('accepts ordinary public keys', () => {
    for (let i = 1; i < 20; i++) {
      expect(isLowOrderPublicKey(nacl.box.keyPair.fromSecretKey(new Uint8Array(32).fill(i)).publicKey)).toBe(false);
    }
  });
});

describe('X25519 engines (tweetnacl reference, Node native, WebCrypto native)', () => {
  const readers = Array.from({ length: 8 }, (_, i) => nacl.box.keyPair.fromSecretKey(new Uint8Array(32).fill(i + 1)));
  const engines: X25519Engine[] = ['tweetnacl', 'node', 'webcrypto'];

  it('both native engines are available on this Node', async () => {
    expect(await x25519Engines()).toEqual({ node: true, webcrypto: true });
  });

  it('every engine gives byte-for-byte the same wraps as tweetnacl for the same randomness', async () => {
    const key = new Uint8Array(32).fill(7);
    setX25519Engine('tweetnacl');
    const reference = withRandom(seededRandom('batch'), () =>
      readers.map((r) => toHex(wrapEpochKey(key, r.publicKey, ctx))),
    );
    try {
      for (const engine of engines) {
        setX25519Engine(engine);
        const batch = await withRandom(seededRandom('batch'), () =>
          wrapEpochKeyForReaders(
            key,
            readers.map((r) => r.publicKey),
            ctx,
          ),
        );
        expect(
          batch.map((w) => toHex(w.wrap)),
          engine,
        ).toEqual(reference);
        const single = withRandom(seededRandom('batch'), () =>
          readers.map((r) => toHex(wrapEpochKey(key, r.publicKey, ctx))),
        );
        expect(single, engine).toEqual(reference);
        batch.forEach((w, i) => expect(toHex(unwrapEpochKey(w.wrap, readers[i].secretKey, ctx))).toBe(toHex(key)));
      }
    } finally {
      setX25519Engine(undefined);
    }
  });

  it('the engines agree on X25519 for random keys (property)', () => {
    fc.assert(
      fc.property(bytes32(), bytes32(), (a, b) => {
        const out: string[] = [];
        for (const engine of ['tweetnacl', 'node'] as const) {
          setX25519Engine(engine);
          const pk = nacl.box.keyPair.fromSecretKey(b).publicKey;
          out.push(
            toHex(
              unwrapEpochKey(
                withRandom(seededRandom(toHex(a)), () => wrapEpochKey(a, pk, ctx)),
                b,
                ctx,
              ),
            ),
          );
          out.push(toHex(withRandom(seededRandom(toHex(a)), () => wrapEpochKey(a, pk, ctx))));
        }
        setX25519Engine(undefined);
        expect(out[0]).toBe(toHex(a));
        expect(out[2]).toBe(toHex(a));
        expect(out[1]).toBe(out[3]);
      }),
      { numRuns: 50 },
    );
    setX25519Engine(undefined);
  });

  it('refuses a low-order reader key on every engine', async () => {
    try {
      for (const engine of engines) {
        setX25519Engine(engine);
        await expect(wrapEpochKeyForReaders(newEpochKey(), [new Uint8Array(32)], ctx), engine).rejects.toMatchObject({
          code: 'invalid-argument',
        });
        expect(
          codeOf(() => wrapEpochKey(newEpochKey(), new Uint8Array(32), ctx)),
          engine,
        ).toBe('invalid-argument');
      }
    } finally {
      setX25519Engine(undefined);
    }
  });
});

describe('organisation keys', () => {
  const staff = [nacl.box.keyPair(), nacl.box.keyPair(), nacl.box.keyPair()];
  const org = createOrgKey();
  const octx: OrgContext = {
    chainId: 31337,
    consortium: CONSORTIUM,
    orgId: 2,
    keyVersion: 0,
    orgPublicKey: org.publicKey,
  };

  it('each staff member unwraps the organisation key pair', () => {
    for (const s of staff) {
      const wrap = wrapOrgKeyForStaff(org.secretKey, s.publicKey, octx);
      expect(wrap).toHaveLength(WRAP_LENGTH);
      const got = unwrapOrgKey(wrap, s.secretKey, octx);
      expect(toHex(got.secretKey)).toBe(toHex(org.secretKey));
      expect(toHex(got.publicKey)).toBe(toHex(org.publicKey));
    }
  });

  it('an epoch key wrapped for the organisation is read by its staff', () => {
    const epochKey = newEpochKey();
    const wrap = wrapEpochKey(epochKey, org.publicKey, ctx);
    const orgKey = unwrapOrgKey(wrapOrgKeyForStaff(org.secretKey, staff[1].publicKey, octx), staff[1].secretKey, octx);
    expect(toHex(unwrapEpochKey(wrap, orgKey.secretKey, ctx))).toBe(toHex(epochKey));
  });

  it('refuses another organisation, key version, consortium, chain; an org wrap is not an epoch wrap', () => {
    const wrap = wrapOrgKeyForStaff(org.secretKey, staff[0].publicKey, octx);
    for (const other of [
      { ...octx, orgId: 3 },
      { ...octx, keyVersion: 1 },
      { ...octx, consortium: CAR_BOOK },
      { ...octx, chainId: 1 },
    ]) {
      expect(codeOf(() => unwrapOrgKey(wrap, staff[0].secretKey, other))).toBe('context-mismatch');
    }
    expect(codeOf(() => unwrapEpochKey(wrap, staff[0].secretKey, ctx))).toBe('context-mismatch');
    expect(codeOf(() => unwrapOrgKey(wrap, staff[1].secretKey, octx))).toBe('decryption-failed');
  });

  it('refuses to wrap a secret that is not the context organisation key', () => {
    expect(codeOf(() => wrapOrgKeyForStaff(createOrgKey().secretKey, staff[0].publicKey, octx))).toBe(
      'invalid-argument',
    );
  });

  it('rotateOrgKey: a new key for the remaining staff only; the removed member cannot open it', () => {
    const [alice, bob, mallory] = staff as [nacl.BoxKeyPair, nacl.BoxKeyPair, nacl.BoxKeyPair];
    const rotation = rotateOrgKey([alice.publicKey, bob.publicKey, alice.publicKey], {
      chainId: 31337,
      consortium: CONSORTIUM,
      orgId: 2,
      previousKeyVersion: 0,
    });
    expect(rotation.keyVersion).toBe(1);
    expect(rotation.wraps).toHaveLength(2);
    expect(toHex(rotation.publicKey)).not.toBe(toHex(org.publicKey));
    const next: OrgContext = { ...octx, keyVersion: 1, orgPublicKey: rotation.publicKey };
    for (const [s, w] of [
      [alice, rotation.wraps[0]],
      [bob, rotation.wraps[1]],
    ] as const) {
      expect(toHex(unwrapOrgKey(w.wrap, s.secretKey, next).publicKey)).toBe(toHex(rotation.publicKey));
    }
    for (const w of rotation.wraps)
      expect(codeOf(() => unwrapOrgKey(w.wrap, mallory.secretKey, next))).toBe('decryption-failed');
    // What is encrypted for the new organisation key is out of the removed member's reach.
    const epochKey = newEpochKey();
    const wrap = wrapEpochKey(epochKey, rotation.publicKey, ctx);
    expect(codeOf(() => unwrapEpochKey(wrap, org.secretKey, ctx))).toBe('decryption-failed');
  });
});
