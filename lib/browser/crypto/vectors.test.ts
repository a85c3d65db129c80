/**
 * Known-answer vectors: (1) rebuilding them with the fixed randomness gives exactly the committed JSON;
 * (2) each vector is re-checked with tweetnacl and @noble/hashes alone, as an independent implementation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import nacl from 'tweetnacl';
import { sha256 } from '@noble/hashes/sha2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hashTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { decryptDocument, decryptPayload, readShareFragment, unwrapEpochKey, unwrapOrgKey, CryptoError } from './index';
import { buildVectors, documentPattern, payloadFromJson } from '../../dev/testing/crypto-vectors-generate';

const load = (name: string) => JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8'));
const b = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'));
const h = (bytes: Uint8Array) => '0x' + Buffer.from(bytes).toString('hex');
const enc = (s: string) => new TextEncoder().encode(s);
const be = (value: bigint, width: number) => b(value.toString(16).padStart(width * 2, '0'));

describe('known-answer vectors', () => {
  it('are reproduced byte for byte from the fixed randomness', async () => {
    const built = JSON.parse(JSON.stringify(await buildVectors()));
    for (const [name, content] of Object.entries(built)) expect(load(name), name).toEqual(content);
  });

  it('key derivation: viem RFC 6979 signature, HKDF-SHA256, X25519', async () => {
    const v = load('key-derivation.json');
    for (const c of v.cases) {
      const account = privateKeyToAccount(c.privateKey);
      expect(account.address).toBe(c.account);
      expect(hashTypedData(c.eth_signTypedData_v4)).toBe(c.digest);
      const { EIP712Domain: _, ...types } = c.eth_signTypedData_v4.types;
      expect(await account.signTypedData({ ...c.eth_signTypedData_v4, types })).toBe(c.signature);
      const secret = hkdf(sha256, b(c.signature), enc(v.kdf.salt), enc(v.kdf.info), 32);
      expect(h(secret)).toBe(c.x25519SecretKey);
      expect(h(nacl.scalarMult.base(secret))).toBe(c.x25519PublicKey);
    }
  });

  it('epoch wraps: nacl.box from the ephemeral key, context hash recomputed independently', () => {
    const v = load('epoch-wrap.json');
    for (const c of v.cases) {
      const contextHash = sha256(
        new Uint8Array([
          ...enc('carbook-ledger/v1/epoch-key-wrap\0'),
          ...be(BigInt(c.context.chainId), 32),
          ...b(c.context.carBook),
          ...be(BigInt(c.context.tokenId), 32),
          ...be(BigInt(c.context.epoch), 4),
          ...b(c.readerPublicKey),
        ]),
      );
      expect(h(contextHash)).toBe(c.contextHash);
      const ephemeral = nacl.box.keyPair.fromSecretKey(b(c.ephemeralSecretKey));
      const box = nacl.box(
        new Uint8Array([...contextHash, ...b(c.epochKey)]),
        b(c.nonce),
        b(c.readerPublicKey),
        ephemeral.secretKey,
      );
      expect(h(new Uint8Array([1, ...ephemeral.publicKey, ...b(c.nonce), ...box]))).toBe(c.wrap);
      const ctx = {
        chainId: BigInt(c.context.chainId),
        carBook: c.context.carBook,
        tokenId: BigInt(c.context.tokenId),
        epoch: c.context.epoch,
      };
      expect(h(unwrapEpochKey(b(c.wrap), b(c.readerSecretKey), ctx))).toBe(c.epochKey);
    }
    for (const f of v.mustFail) {
      const c = v.cases[f.case];
      const ctx = {
        chainId: BigInt(f.openWithContext.chainId),
        carBook: f.openWithContext.carBook,
        tokenId: BigInt(f.openWithContext.tokenId),
        epoch: f.openWithContext.epoch,
      };
      expect(() => unwrapEpochKey(b(c.wrap), b(c.readerSecretKey), ctx)).toThrow(
        expect.objectContaining({ code: f.error }),
      );
    }
  });

  it('organisation wraps', () => {
    const v = load('org-wrap.json');
    for (const c of v.cases) {
      const contextHash = sha256(
        new Uint8Array([
          ...enc('carbook-ledger/v1/org-key-wrap\0'),
          ...be(BigInt(c.context.chainId), 32),
          ...b(c.context.consortium),
          ...be(BigInt(c.context.orgId), 4),
          ...be(BigInt(c.context.keyVersion), 4),
          ...b(c.context.orgPublicKey),
          ...b(c.staffPublicKey),
        ]),
      );
      expect(h(contextHash)).toBe(c.contextHash);
      const plain = nacl.box.open(b(c.wrap).subarray(57), b(c.nonce), b(c.wrap).subarray(1, 33), b(c.staffSecretKey));
      expect(h(plain!)).toBe(c.contextHash + c.orgSecretKey.slice(2));
      const ctx = { ...c.context, chainId: BigInt(c.context.chainId), orgPublicKey: b(c.context.orgPublicKey) };
      expect(h(unwrapOrgKey(b(c.wrap), b(c.staffSecretKey), ctx).secretKey)).toBe(c.orgSecretKey);
    }
  });

  it('record payloads: secretbox over the documented plaintext', () => {
    const v = load('payload.json');
    for (const c of v.cases) {
      const box = nacl.secretbox(b(c.plaintext), b(c.nonce), b(c.epochKey));
      const header = new Uint8Array([1, ...be(BigInt(c.epoch), 4)]);
      expect(h(new Uint8Array([...header, ...b(c.nonce), ...box]))).toBe(c.encrypted);
      expect(b(c.plaintext).subarray(0, 5)).toEqual(header);
      expect(b(c.plaintext).length % 64).toBe(0);
      const got = decryptPayload(b(c.encrypted), new Map([[c.epoch, b(c.epochKey)]]));
      expect(got).toEqual({ epoch: c.epoch, payload: payloadFromJson(c.payload) });
    }
  });

  it('documents: chunk nonces = base | counter | final flag', () => {
    const v = load('document.json');
    for (const c of v.cases) {
      const plain = documentPattern(c.plainLength);
      expect(h(sha256(plain))).toBe(c.plainSha256);
      const chunks: number[] = [];
      const n = Math.max(1, Math.ceil(plain.length / 65536));
      for (let i = 0; i < n; i++) {
        const nonce = new Uint8Array([...b(c.baseNonce), ...be(BigInt(i), 4), i === n - 1 ? 1 : 0]);
        chunks.push(...nacl.secretbox(plain.subarray(i * 65536, (i + 1) * 65536), nonce, b(c.key)));
      }
      const ciphertext = new Uint8Array([1, ...b(c.baseNonce), ...chunks]);
      expect(ciphertext.length).toBe(c.ciphertextLength);
      expect(h(sha256(ciphertext))).toBe(c.ciphertextSha256);
      if (c.ciphertext) expect(h(ciphertext)).toBe(c.ciphertext);
      expect(Buffer.from(decryptDocument(ciphertext, b(c.key), b(c.plainSha256))).equals(Buffer.from(plain))).toBe(
        true,
      );
    }
  });

  it('share link: fragment key, reader key and its wraps', () => {
    const v = load('share.json');
    const url = new URL(v.url);
    expect(url.hash).toBe('#k=' + Buffer.from(b(v.shareSecretKey)).toString('base64url'));
    expect(url.search).toBe('?book=' + v.tokenIdHex);
    const pair = readShareFragment(url.hash);
    expect(h(pair.publicKey)).toBe(v.readerPublicKey);
    for (const w of v.wraps) {
      const ctx = {
        chainId: BigInt(v.context.chainId),
        carBook: v.context.carBook,
        tokenId: BigInt(v.context.tokenId),
        epoch: w.epoch,
      };
      expect(h(unwrapEpochKey(b(w.wrap), pair.secretKey, ctx))).toBe(v.epochKeys[w.epoch].key);
    }
    expect(() =>
      unwrapEpochKey(b(v.wraps[0].wrap), pair.secretKey, {
        chainId: 31337n,
        carBook: v.context.carBook,
        tokenId: 43n,
        epoch: 0,
      }),
    ).toThrow(CryptoError);
  });
});
