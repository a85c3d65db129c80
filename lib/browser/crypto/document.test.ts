import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  CryptoError,
  DOCUMENT_CHUNK_BYTES,
  decryptDocument,
  documentCiphertextLength,
  encryptDocument,
  toHex,
} from './index';

const SEALED = DOCUMENT_CHUNK_BYTES + 16;
const HEADER = 20;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CryptoError) return e.code;
    throw e;
  }
  return undefined;
}
function pattern(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + (i >> 8)) & 0xff;
  return out;
}

describe('encryptDocument / decryptDocument', () => {
  it('round-trips at chunk edges (0, 1, 64 KiB - 1, 64 KiB, 64 KiB + 1, 3 x 64 KiB, 1 MiB + 5)', () => {
    for (const n of [
      0,
      1,
      DOCUMENT_CHUNK_BYTES - 1,
      DOCUMENT_CHUNK_BYTES,
      DOCUMENT_CHUNK_BYTES + 1,
      3 * DOCUMENT_CHUNK_BYTES,
      (1 << 20) + 5,
    ]) {
      const plain = pattern(n);
      const enc = encryptDocument(plain);
      expect(enc.ciphertext).toHaveLength(documentCiphertextLength(n));
      expect(toHex(enc.sha256)).toBe(toHex(sha256(plain)));
      expect(enc.key).toHaveLength(32);
      expect(Buffer.from(decryptDocument(enc.ciphertext, enc.key, enc.sha256)).equals(Buffer.from(plain))).toBe(true);
    }
  });

  it('round-trips any bytes (property), with a fresh key and nonce every time', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (plain) => {
        const a = encryptDocument(plain);
        const b = encryptDocument(plain);
        expect(toHex(a.key)).not.toBe(toHex(b.key));
        expect(toHex(a.ciphertext.subarray(1, HEADER))).not.toBe(toHex(b.ciphertext.subarray(1, HEADER)));
        expect(toHex(decryptDocument(a.ciphertext, a.key, sha256(plain)))).toBe(toHex(plain));
      }),
      { numRuns: 100 },
    );
  });

  it('fails when any byte is altered (property, multi-chunk document)', () => {
    const plain = pattern(2 * DOCUMENT_CHUNK_BYTES + 100);
    const enc = encryptDocument(plain);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: enc.ciphertext.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const bad = enc.ciphertext.slice();
        bad[i] ^= x;
        expect(codeOf(() => decryptDocument(bad, enc.key, enc.sha256))).toBe(
          i === 0 ? 'unsupported-version' : 'decryption-failed',
        );
      }),
      { numRuns: 60 },
    );
  });

  describe('truncation, reordering, duplication, extension are detected', () => {
    const plain = pattern(3 * DOCUMENT_CHUNK_BYTES + 10);
    const enc = encryptDocument(plain);
    const c = enc.ciphertext;
    const chunk = (i: number) => c.subarray(HEADER + i * SEALED, Math.min(c.length, HEADER + (i + 1) * SEALED));
    const join = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));
    const header = c.subarray(0, HEADER);

    it('drop the last chunk (cut exactly at a chunk boundary)', () => {
      expect(codeOf(() => decryptDocument(c.subarray(0, HEADER + 3 * SEALED), enc.key, enc.sha256))).toBe(
        'decryption-failed',
      );
    });
    it('drop a middle chunk', () => {
      expect(codeOf(() => decryptDocument(join(header, chunk(0), chunk(2), chunk(3)), enc.key, enc.sha256))).toBe(
        'decryption-failed',
      );
    });
    it('swap two chunks', () => {
      expect(
        codeOf(() => decryptDocument(join(header, chunk(1), chunk(0), chunk(2), chunk(3)), enc.key, enc.sha256)),
      ).toBe('decryption-failed');
    });
    it('duplicate a chunk', () => {
      expect(
        codeOf(() =>
          decryptDocument(join(header, chunk(0), chunk(0), chunk(1), chunk(2), chunk(3)), enc.key, enc.sha256),
        ),
      ).toBe('decryption-failed');
    });
    it('append a final chunk of another document encrypted with the same key', () => {
      const other = encryptDocument(pattern(5), enc.key);
      const tail = other.ciphertext.subarray(HEADER);
      expect(codeOf(() => decryptDocument(join(c, tail), enc.key, enc.sha256))).toBe('decryption-failed');
    });
    it('cut inside a chunk, and to a bare header', () => {
      expect(codeOf(() => decryptDocument(c.subarray(0, c.length - 1), enc.key, enc.sha256))).toBe('decryption-failed');
      expect(codeOf(() => decryptDocument(c.subarray(0, HEADER + 10), enc.key, enc.sha256))).toBe('malformed');
      expect(codeOf(() => decryptDocument(c.subarray(0, HEADER + SEALED + 16), enc.key, enc.sha256))).toBe('malformed');
      expect(codeOf(() => decryptDocument(new Uint8Array(0), enc.key, enc.sha256))).toBe('malformed');
    });
  });

  it('fails with the wrong key, and refuses a document whose sha256 is not the recorded one', () => {
    const enc = encryptDocument(pattern(1000));
    expect(codeOf(() => decryptDocument(enc.ciphertext, new Uint8Array(32), enc.sha256))).toBe('decryption-failed');
    const wrongHash = sha256(pattern(999));
    expect(codeOf(() => decryptDocument(enc.ciphertext, enc.key, wrongHash))).toBe('hash-mismatch');
    expect(() => decryptDocument(enc.ciphertext, enc.key, wrongHash)).toThrow(/not the document of this record/);
  });
});
