import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nacl from 'tweetnacl';
import {
  CryptoError,
  MAX_PAYLOAD_BYTES,
  decodePayload,
  decryptPayload,
  encodePayload,
  encryptPayload,
  newEpochKey,
  payloadEpoch,
  toHex,
  type DocumentRef,
  type RecordPayload,
} from './index';
import { bytes32, recordPayload } from '../../dev/testing/crypto-testkit';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CryptoError) return e.code;
    throw e;
  }
  return undefined;
}
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

const doc: DocumentRef = {
  cid: 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o',
  key: new Uint8Array(32).fill(1),
  sha256: new Uint8Array(32).fill(2),
  name: 'facture-2026-03.pdf',
  mime: 'application/pdf',
  size: 123_456,
};
const sample: RecordPayload = {
  label: 'Vidange + filtre à huile',
  details: 'Huile 5W30, 4,5 L.\nProchaine à 145 000 km.',
  documents: [doc],
};

/** Encrypt arbitrary plaintext bytes in the payload envelope (to test the decoder's validation). */
function envelope(plaintext: Uint8Array, key: Uint8Array, epoch: number): Uint8Array {
  const nonce = nacl.randomBytes(24);
  const header = new Uint8Array(5);
  header[0] = 1;
  new DataView(header.buffer).setUint32(1, epoch);
  return new Uint8Array([...header, ...nonce, ...nacl.secretbox(plaintext, nonce, key)]);
}

describe('record payload encoding', () => {
  it('is canonical: decode(encode(p)) = p and encode(decode(b)) = b (property)', () => {
    fc.assert(
      fc.property(recordPayload(), fc.integer({ min: 0, max: 0xffff_ffff }), (p, epoch) => {
        const bytes = encodePayload(p, epoch);
        expect(bytes.length % 64 === 0 || bytes.length === 4051).toBe(true);
        const decoded = decodePayload(bytes);
        expect(decoded.epoch).toBe(epoch);
        expect(decoded.payload).toEqual(p);
        expect(toHex(encodePayload(decoded.payload, epoch))).toBe(toHex(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('is independent of property order in the object', () => {
    const reordered = { documents: sample.documents, details: sample.details, label: sample.label };
    expect(toHex(encodePayload(reordered, 1))).toBe(toHex(encodePayload(sample, 1)));
  });
});

describe('encryptPayload / decryptPayload', () => {
  const key = newEpochKey();

  it('round-trips (property) with a fresh nonce per record', () => {
    fc.assert(
      fc.property(recordPayload(), fc.integer({ min: 0, max: 0xffff_ffff }), bytes32(), (p, epoch, k) => {
        const a = encryptPayload(p, k, epoch);
        const b = encryptPayload(p, k, epoch);
        expect(toHex(a.subarray(5, 29))).not.toBe(toHex(b.subarray(5, 29)));
        expect(a.length).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
        expect(payloadEpoch(a)).toBe(epoch);
        expect(decryptPayload(a, new Map([[epoch, k]]))).toEqual({ epoch, payload: p });
        expect(decryptPayload(b, () => k).payload).toEqual(p);
      }),
      { numRuns: 100 },
    );
  });

  it('fails when any byte is altered (property over every position)', () => {
    const bytes = encryptPayload(sample, key, 7);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const bad = bytes.slice();
        bad[i] ^= x;
        // Flipping the epoch header makes the reader look for another epoch's key: give it the same key, so
        // only the authenticated copy of the header inside the plaintext can catch it.
        const code = codeOf(() => decryptPayload(bad, () => key));
        expect(code).toBe(i === 0 ? 'unsupported-version' : i <= 4 ? 'invalid-payload' : 'decryption-failed');
      }),
      { numRuns: 200 },
    );
  });

  it('fails with the wrong key, and says when the reader has no key for the epoch', () => {
    const bytes = encryptPayload(sample, key, 7);
    expect(codeOf(() => decryptPayload(bytes, new Map([[7, newEpochKey()]])))).toBe('decryption-failed');
    expect(codeOf(() => decryptPayload(bytes, new Map([[6, key]])))).toBe('no-key');
    expect(messageOf(() => decryptPayload(bytes, new Map()))).toMatch(/no key for epoch 7/);
  });

  it('fits the contract limit exactly: 4096 bytes accepted, one more refused with too-large', () => {
    const tiny: DocumentRef = {
      cid: 'b',
      key: new Uint8Array(32),
      sha256: new Uint8Array(32),
      name: 'x',
      mime: 'a/b',
      size: 0,
    };
    const fits: RecordPayload = { label: 'l'.repeat(200), details: 'd'.repeat(3761), documents: [tiny] };
    expect(encryptPayload(fits, key, 0)).toHaveLength(MAX_PAYLOAD_BYTES);
    expect(decryptPayload(encryptPayload(fits, key, 0), () => key).payload).toEqual(fits);
    expect(codeOf(() => encryptPayload({ ...fits, details: 'd'.repeat(3762) }, key, 0))).toBe('too-large');
    const many = Array.from({ length: 16 }, () => ({ ...doc, name: 'n'.repeat(255) }));
    expect(messageOf(() => encryptPayload({ label: '', details: '', documents: many }, key, 0))).toMatch(
      /chain accepts 4096/,
    );
  });

  it('refuses an encrypted payload over 4096 bytes or shorter than its header', () => {
    expect(codeOf(() => decryptPayload(new Uint8Array(10).fill(1), () => key))).toBe('malformed');
    const big = envelope(new Uint8Array(4200), key, 0);
    expect(codeOf(() => decryptPayload(big, () => key))).toBe('too-large');
  });
});

describe('payload validation (encode side: invalid-argument)', () => {
  const cases: [string, RecordPayload | Record<string, unknown>, RegExp][] = [
    ['label with a newline', { ...sample, label: 'a\nb' }, /label contains a control character/],
    ['label too long', { ...sample, label: 'é'.repeat(101) }, /label is 202 bytes/],
    ['details with NUL', { ...sample, details: 'a\u0000' }, /details contains a control character/],
    ['lone surrogate', { ...sample, label: 'a\ud800' }, /lone UTF-16 surrogate/],
    ['unknown field', { ...sample, extra: 1 }, /unknown field\(s\): extra/],
    ['too many documents', { ...sample, documents: Array(17).fill(doc) }, /at most 16 documents/],
    ['bad cid', { ...sample, documents: [{ ...doc, cid: 'Qm/../x' }] }, /document 1: cid/],
    ['empty cid', { ...sample, documents: [{ ...doc, cid: '' }] }, /document 1: cid/],
    ['short key', { ...sample, documents: [{ ...doc, key: new Uint8Array(31) }] }, /document 1: key must be 32 bytes/],
    ['short sha256', { ...sample, documents: [{ ...doc, sha256: new Uint8Array(0) }] }, /document 1: sha256/],
    ['name with a slash', { ...sample, documents: [{ ...doc, name: '../etc/passwd' }] }, /name must not contain/],
    // Issue 10, item 17: "invoice_\u202Efdp.exe" shows as "invoice_exe.pdf".
    [
      'name with a right-to-left override',
      { ...sample, documents: [{ ...doc, name: 'invoice_\u202Efdp.exe' }] },
      /document 1: name contains a control character/,
    ],
    ['label with a bidi isolate', { ...sample, label: 'Service\u2066 ok' }, /label contains a control character/],
    ['label with a left-to-right mark', { ...sample, label: 'a\u200Eb' }, /label contains a control character/],
    ['empty name', { ...sample, documents: [{ ...doc, name: '' }] }, /name must not be empty/],
    ['upper-case mime', { ...sample, documents: [{ ...doc, mime: 'Application/PDF' }] }, /mime must be/],
    ['mime with parameters', { ...sample, documents: [{ ...doc, mime: 'text/plain; charset=utf-8' }] }, /mime must be/],
    ['negative size', { ...sample, documents: [{ ...doc, size: -1 }] }, /size must be/],
    ['fractional size', { ...sample, documents: [{ ...doc, size: 1.5 }] }, /size must be/],
    ['unsafe size', { ...sample, documents: [{ ...doc, size: 2 ** 53 }] }, /size must be/],
  ];
  for (const [what, payload, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => encodePayload(payload as RecordPayload, 0)).toThrow(message);
      expect(codeOf(() => encodePayload(payload as RecordPayload, 0))).toBe('invalid-argument');
    });
  }
});

describe('payload validation (decode side: invalid-payload, even when the MAC is valid)', () => {
  const key = newEpochKey();
  const good = encodePayload({ label: 'ab', details: '', documents: [] }, 5);

  it('refuses non-zero padding, non-canonical padding length, inner/outer epoch mismatch, inner version', () => {
    const nonZero = good.slice();
    nonZero[good.length - 1] = 1;
    expect(messageOf(() => decryptPayload(envelope(nonZero, key, 5), () => key))).toMatch(/padding is not zero/);
    const longer = new Uint8Array(good.length + 64);
    longer.set(good);
    expect(messageOf(() => decryptPayload(envelope(longer, key, 5), () => key))).toMatch(/padding is not canonical/);
    expect(messageOf(() => decryptPayload(envelope(good.subarray(0, 12), key, 5), () => key))).toMatch(
      /padding is not canonical/,
    );
    expect(messageOf(() => decryptPayload(envelope(good, key, 6), () => key))).toMatch(
      /header says epoch 6 but its content says 5/,
    );
    const v2 = good.slice();
    v2[0] = 2;
    expect(codeOf(() => decryptPayload(envelope(v2, key, 5), () => key))).toBe('unsupported-version');
  });

  it('refuses invalid UTF-8, a truncated field and a field rule broken inside the ciphertext', () => {
    const badUtf8 = good.slice();
    badUtf8[7] = 0xff; // first byte of the label
    expect(messageOf(() => decryptPayload(envelope(badUtf8, key, 5), () => key))).toMatch(/label is not valid UTF-8/);
    const longLabel = good.slice();
    longLabel[6] = 0xf0; // label length 240 > 200, but the bytes run out first
    expect(messageOf(() => decryptPayload(envelope(longLabel, key, 5), () => key))).toMatch(
      /payload ends inside label/,
    );
    const control = good.slice();
    control[7] = 0x07;
    expect(messageOf(() => decryptPayload(envelope(control, key, 5), () => key))).toMatch(
      /label contains a control character/,
    );
    expect(codeOf(() => decryptPayload(envelope(control, key, 5), () => key))).toBe('invalid-payload');
  });

  it('shows a bidi control written before the rule as U+FFFD instead of reordering the name', () => {
    // '€' (E2 82 AC) is a placeholder of the same length as U+202E (E2 80 AE): patch it in after encoding.
    const written = encodePayload(
      { label: 'Invoice', details: '', documents: [{ ...doc, name: 'invoice_€fdp.exe' }] },
      5,
    );
    const at = written.findIndex((b, i) => b === 0xe2 && written[i + 1] === 0x82 && written[i + 2] === 0xac);
    written[at + 1] = 0x80;
    written[at + 2] = 0xae;
    const { payload } = decryptPayload(envelope(written, key, 5), () => key);
    expect(payload.documents[0].name).toBe('invoice_\uFFFDfdp.exe');
  });
});
