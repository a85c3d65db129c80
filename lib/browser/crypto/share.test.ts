import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CryptoError,
  createShareLink,
  decryptPayload,
  encryptPayload,
  newEpochKey,
  readShareFragment,
  toBase64url,
  toHex,
  unwrapEpochKey,
  type BookContext,
  type Hex,
} from './index';
import { CAR_BOOK } from '../../dev/testing/crypto-testkit';

const tokenId = 0x1234_5678_9abc_def0n;
const tokenIdHex = ('0x' + tokenId.toString(16).padStart(64, '0')) as Hex;
const book: BookContext = { chainId: 31337, carBook: CAR_BOOK, tokenId };

describe('createShareLink / readShareFragment', () => {
  const keys = [newEpochKey(), newEpochKey(), newEpochKey()];
  const epochKeys = keys.map((key, epoch) => ({ epoch, key }));

  it('puts the key only in the fragment; the link reads every epoch', () => {
    const link = createShareLink('https://carbook.example/verify/', tokenIdHex, epochKeys, book);
    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe('https://carbook.example/verify/');
    expect(url.searchParams.get('book')).toBe(tokenIdHex);
    expect(url.hash).toMatch(/^#k=[A-Za-z0-9_-]{43}$/);
    const pair = readShareFragment(url.hash);
    expect(toHex(pair.publicKey)).toBe(toHex(link.readerPublicKey));
    const secret = url.hash.slice(3);
    for (const part of [url.pathname, url.search, url.origin]) {
      expect(part).not.toContain(secret);
      expect(part.toLowerCase()).not.toContain(toHex(pair.secretKey).slice(2));
    }
    // Whatever reaches a server (everything before '#') has no trace of the key.
    const sent = link.url.split('#')[0];
    expect(sent).not.toContain(secret);
    expect(link.wraps.map((w) => w.epoch)).toEqual([0, 1, 2]);
    for (const w of link.wraps) {
      expect(toHex(unwrapEpochKey(w.wrap, pair.secretKey, { ...book, epoch: w.epoch }))).toBe(toHex(keys[w.epoch]));
    }
    const record = encryptPayload({ label: 'Contrôle technique', details: 'OK', documents: [] }, keys[2], 2);
    const map = new Map(
      link.wraps.map((w) => [w.epoch, unwrapEpochKey(w.wrap, pair.secretKey, { ...book, epoch: w.epoch })]),
    );
    expect(decryptPayload(record, map).payload.label).toBe('Contrôle technique');
  });

  it('never leaks the key outside the fragment, whatever the base URL (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'https://a.example',
          'https://a.example/',
          'http://localhost:3000/verify',
          'https://x.example/p?lang=fr',
        ),
        (base) => {
          const link = createShareLink(base, tokenIdHex, epochKeys.slice(0, 1), book);
          const url = new URL(link.url);
          const secret = toBase64url(readShareFragment(url.hash).secretKey);
          expect(url.hash).toBe(`#k=${secret}`);
          expect(link.url.split('#')[0]).not.toContain(secret);
          expect(url.search).not.toMatch(/[?&]k=/);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('each link is a new reader', () => {
    const a = createShareLink('https://a.example/', tokenIdHex, epochKeys, book);
    const b = createShareLink('https://a.example/', tokenIdHex, epochKeys, book);
    expect(toHex(a.readerPublicKey)).not.toBe(toHex(b.readerPublicKey));
  });

  it('refuses bad inputs and broken fragments with clear errors', () => {
    expect(() => createShareLink('https://a.example/#x', tokenIdHex, epochKeys, book)).toThrow(/fragment/);
    expect(() => createShareLink('not a url', tokenIdHex, epochKeys, book)).toThrow(/absolute URL/);
    expect(() => createShareLink('https://a.example/', '0x12', epochKeys, book)).toThrow(/64 hex/);
    expect(() => createShareLink('https://a.example/', tokenIdHex, epochKeys, { ...book, tokenId: 1n })).toThrow(
      /context.tokenId/,
    );
    expect(() => readShareFragment('')).toThrow(/no reading key/);
    expect(() => readShareFragment('#k=abc')).toThrow(/not 32 bytes/);
    expect(() => readShareFragment('#k=' + 'A'.repeat(42) + '!')).toThrow(CryptoError);
    const link = createShareLink('https://a.example/', tokenIdHex, epochKeys, book);
    const hash = new URL(link.url).hash;
    expect(() => readShareFragment(hash + '&k=' + hash.slice(3))).toThrow(/no reading key/);
    expect(toHex(readShareFragment(hash.slice(1)).publicKey)).toBe(toHex(link.readerPublicKey));
  });
});
