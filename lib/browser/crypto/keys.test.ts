import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  CryptoError,
  KeyMismatchError,
  deriveKeyPair,
  encryptionKeyTypedData,
  encryptionKeyTypedDataJson,
  keyPairFromSignature,
  normaliseSignature,
  toHex,
  unlock,
} from './index';
import { ANVIL_KEY_0, ANVIL_KEY_1, CONSORTIUM, KEY_REGISTRY, readingKeyDomain } from '../../dev/testing/crypto-testkit';

const owner = privateKeyToAccount(ANVIL_KEY_0);
const other = privateKeyToAccount(ANVIL_KEY_1);
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

describe('encryptionKeyTypedData', () => {
  it('is the fixed EIP-712 message: domain CarBook ledger v2 bound to the consortium, purpose and account', () => {
    const td = encryptionKeyTypedData(readingKeyDomain(31337), owner.address);
    expect(td.domain).toEqual({
      name: 'CarBook ledger',
      version: '2',
      chainId: 31337,
      verifyingContract: KEY_REGISTRY,
      salt: `0x${'0'.repeat(24)}${CONSORTIUM.slice(2).toLowerCase()}`,
    });
    expect(td.primaryType).toBe('EncryptionKeyRequest');
    expect(td.types.EncryptionKeyRequest).toEqual([
      { name: 'purpose', type: 'string' },
      { name: 'account', type: 'address' },
    ]);
    expect(td.message.account).toBe(owner.address);
    expect(td.message.purpose).toMatch(/authorises no transaction/);
    // The words say what the signature unlocks, and that any site obtaining it gets the key.
    expect(td.message.purpose).toMatch(/decrypts every car book of this consortium you are allowed to read/);
    expect(td.message.purpose).toMatch(/Any site that obtains this same signature gets that key/);
  });

  it('the eth_signTypedData_v4 JSON hashes to the same digest as the viem object', () => {
    const td = encryptionKeyTypedData(readingKeyDomain(1337), owner.address);
    const json = JSON.parse(encryptionKeyTypedDataJson(readingKeyDomain(1337), owner.address));
    expect(json.types.EIP712Domain).toEqual([
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
      { name: 'salt', type: 'bytes32' },
    ]);
    expect(hashTypedData(json)).toBe(hashTypedData(td));
  });

  it('differs per chain, key registry, consortium and account', () => {
    const a = hashTypedData(encryptionKeyTypedData(readingKeyDomain(1), owner.address));
    expect(hashTypedData(encryptionKeyTypedData(readingKeyDomain(2), owner.address))).not.toBe(a);
    expect(hashTypedData(encryptionKeyTypedData(readingKeyDomain(1), other.address))).not.toBe(a);
    const elsewhere = '0x000000000000000000000000000000000000dEaD';
    expect(
      hashTypedData(encryptionKeyTypedData({ ...readingKeyDomain(1), keyRegistry: elsewhere }, owner.address)),
    ).not.toBe(a);
    expect(
      hashTypedData(encryptionKeyTypedData({ ...readingKeyDomain(1), consortium: elsewhere }, owner.address)),
    ).not.toBe(a);
  });

  it('refuses a bad chain id or account', () => {
    expect(() => encryptionKeyTypedData(readingKeyDomain(0), owner.address)).toThrow(CryptoError);
    expect(() => encryptionKeyTypedData(readingKeyDomain(1), '0x1234')).toThrow(/20-byte/);
    expect(() => encryptionKeyTypedData({ ...readingKeyDomain(1), keyRegistry: '0x12' }, owner.address)).toThrow(
      /20-byte/,
    );
  });
});

describe('deriveKeyPair with a real viem account (anvil dev key 0)', () => {
  const sign = (td: ReturnType<typeof encryptionKeyTypedData>) => owner.signTypedData(td);

  it('is deterministic: two derivations give the same key pair', async () => {
    const a = await deriveKeyPair(sign, readingKeyDomain(31337), owner.address);
    const b = await deriveKeyPair(sign, readingKeyDomain(31337), owner.address);
    expect(toHex(a.publicKey)).toBe(toHex(b.publicKey));
    expect(toHex(a.secretKey)).toBe(toHex(b.secretKey));
    expect(a.publicKey).toHaveLength(32);
    expect(toHex(keyPairFromSignature(a.signature).publicKey)).toBe(toHex(a.publicKey));
  });

  it('gives another key on another chain and for another account', async () => {
    const a = await deriveKeyPair(sign, readingKeyDomain(31337), owner.address);
    const b = await deriveKeyPair(sign, readingKeyDomain(1), owner.address);
    const c = await deriveKeyPair((td) => other.signTypedData(td), readingKeyDomain(31337), other.address);
    expect(toHex(b.publicKey)).not.toBe(toHex(a.publicKey));
    expect(toHex(c.publicKey)).not.toBe(toHex(a.publicKey));
  });

  it('refuses a signature made by another account than the one asked for', async () => {
    await expect(
      deriveKeyPair((td) => other.signTypedData(td), readingKeyDomain(31337), owner.address),
    ).rejects.toMatchObject({
      code: 'wrong-signer',
    });
  });
});

describe('keyPairFromSignature and signature normalisation', () => {
  it('v as 0/1 or 27/28 and a high-s twin give the same key', async () => {
    const sig = await owner.signTypedData(encryptionKeyTypedData(readingKeyDomain(31337), owner.address));
    const bytes = normaliseSignature(sig);
    const base = toHex(keyPairFromSignature(sig).publicKey);
    const v01 = bytes.slice();
    v01[64] = v01[64] - 27;
    expect(toHex(keyPairFromSignature(v01).publicKey)).toBe(base);
    const high = bytes.slice();
    const s = BigInt(toHex(bytes.subarray(32, 64)));
    high.set(Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex'), 32);
    high[64] = bytes[64] === 27 ? 28 : 27;
    expect(toHex(keyPairFromSignature(high).publicKey)).toBe(base);
  });

  it('different signatures give different keys (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (a, b) => {
          const mk = (rs: Uint8Array) => {
            const sig = new Uint8Array(65);
            sig.set(rs);
            sig[0] = 0x01; // keep r and s in range
            sig[32] = 0x01;
            sig[64] = 27;
            return sig;
          };
          const sa = mk(a);
          const sb = mk(b);
          fc.pre(toHex(sa) !== toHex(sb));
          expect(toHex(keyPairFromSignature(sa).publicKey)).not.toBe(toHex(keyPairFromSignature(sb).publicKey));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses malformed signatures', () => {
    expect(() => keyPairFromSignature('0x1234')).toThrow(/65 bytes/);
    const sig = new Uint8Array(65).fill(1);
    sig[64] = 29;
    expect(() => keyPairFromSignature(sig)).toThrow(/v must be/);
    const zeroR = new Uint8Array(65);
    zeroR[40] = 1;
    zeroR[64] = 27;
    expect(() => keyPairFromSignature(zeroR)).toThrow(/out of range/);
  });
});

describe('unlock', () => {
  it('returns the key pair when it matches the registered key', async () => {
    const sig = await owner.signTypedData(encryptionKeyTypedData(readingKeyDomain(31337), owner.address));
    const registered = keyPairFromSignature(sig).publicKey;
    expect(toHex(unlock(sig, registered).publicKey)).toBe(toHex(registered));
  });

  it('refuses with KeyMismatchError when the derived key is not the registered one', async () => {
    const registered = keyPairFromSignature(
      await owner.signTypedData(encryptionKeyTypedData(readingKeyDomain(31337), owner.address)),
    ).publicKey;
    const otherSig = await other.signTypedData(encryptionKeyTypedData(readingKeyDomain(31337), other.address));
    let error: unknown;
    try {
      unlock(otherSig, registered);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeyMismatchError);
    expect(error).toBeInstanceOf(CryptoError);
    const e = error as KeyMismatchError;
    expect(e.code).toBe('key-mismatch');
    expect(e.message).toMatch(/not deterministic/);
    expect(e.message).toMatch(/different account/);
    expect(toHex(e.registeredPublicKey)).toBe(toHex(registered));
  });
});
