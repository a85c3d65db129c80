/**
 * A person's reading key: an X25519 key pair derived from their wallet's EIP-712 signature of a fixed
 * message, so that nothing but eth_signTypedData_v4 is needed (hardware wallets have no
 * eth_getEncryptionPublicKey / eth_decrypt). The public key is registered on chain; `unlock` checks
 * the derived key against it, which catches wallets whose signatures are not deterministic.
 *
 *   signature (65 bytes r||s||v, normalised: low s, v in {27,28})
 *   secret    = HKDF-SHA256(ikm = signature, salt = "carbook-ledger/v1/reader-key-salt",
 *                           info = "carbook-ledger/v1/x25519-reader-key", L = 32)
 *   key pair  = nacl.box.keyPair.fromSecretKey(secret)  (X25519, RFC 7748 clamping)
 */
import nacl from 'tweetnacl';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { recoverTypedDataAddress } from 'viem';
import { bytesEqual, fromHex, requireBytes, toHex, type Hex } from './bytes';
import { CryptoError, KeyMismatchError } from './errors';
import { randomBytes } from './random';

export type KeyPair = { publicKey: Uint8Array; secretKey: Uint8Array };

export const EIP712_DOMAIN_NAME = 'CarBook ledger';
/** 2: the domain names the key registry (`verifyingContract`) and the consortium (`salt`). */
export const EIP712_DOMAIN_VERSION = '2';
export const ENCRYPTION_KEY_PURPOSE =
  'CarBook ledger reading key, version 2. Signing this message creates the key that decrypts every car book of ' +
  'this consortium you are allowed to read, now and later: private record details, documents and the keys shared ' +
  'with you. It authorises no transaction and costs nothing. Any site that obtains this same signature gets that ' +
  'key: sign it only in the CarBook ledger app.';

/**
 * Which consortium a reading key belongs to: the chain, its key registry (the proxy's address, stable across
 * upgrades) and its consortium registry. A signature for one consortium derives nothing for another.
 */
export type ReadingKeyDomain = { chainId: number; keyRegistry: Hex; consortium: Hex };

const KDF_SALT = new TextEncoder().encode('carbook-ledger/v1/reader-key-salt');
const KDF_INFO = new TextEncoder().encode('carbook-ledger/v1/x25519-reader-key');

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The exact typed data to sign, in viem's shape (`walletClient.signTypedData({ account, ...typedData })`);
 * viem adds the EIP712Domain type (name, version, chainId, verifyingContract, salt) itself. For a raw
 * eth_signTypedData_v4 request use `encryptionKeyTypedDataJson`, which spells EIP712Domain out.
 * Domain: `verifyingContract` = the key registry, `salt` = the consortium registry's address left-padded to 32 bytes.
 */
export function encryptionKeyTypedData(domain: ReadingKeyDomain, account: Hex) {
  const { chainId, keyRegistry, consortium } = domain;
  if (!Number.isSafeInteger(chainId) || chainId <= 0)
    throw new CryptoError('invalid-argument', 'chainId must be a positive integer');
  if (!ADDRESS.test(account)) throw new CryptoError('invalid-argument', 'account must be a 20-byte 0x address');
  if (!ADDRESS.test(keyRegistry) || !ADDRESS.test(consortium))
    throw new CryptoError('invalid-argument', 'the key registry and the consortium must be 20-byte 0x addresses');
  return {
    domain: {
      name: EIP712_DOMAIN_NAME,
      version: EIP712_DOMAIN_VERSION,
      chainId,
      verifyingContract: keyRegistry,
      salt: `0x${consortium.slice(2).toLowerCase().padStart(64, '0')}`,
    },
    types: {
      EncryptionKeyRequest: [
        { name: 'purpose', type: 'string' },
        { name: 'account', type: 'address' },
      ],
    },
    primaryType: 'EncryptionKeyRequest',
    message: { purpose: ENCRYPTION_KEY_PURPOSE, account },
  } as const;
}

/**
 * The same typed data as the JSON string for `eth_signTypedData_v4` (params: [account, json]). The
 * EIP712Domain type is explicit: some wallets hash an absent EIP712Domain as an empty struct.
 */
export function encryptionKeyTypedDataJson(domain: ReadingKeyDomain, account: Hex): string {
  const typedData = encryptionKeyTypedData(domain, account);
  return JSON.stringify({
    ...typedData,
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
        { name: 'salt', type: 'bytes32' },
      ],
      ...typedData.types,
    },
  });
}

export type EncryptionKeyTypedData = ReturnType<typeof encryptionKeyTypedData>;
/** What a wallet offers: viem's `walletClient.signTypedData` / `account.signTypedData`, or an eth_signTypedData_v4 call. */
export type SignTypedData = (typedData: EncryptionKeyTypedData) => Promise<Hex>;

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * The signature in one canonical form: 65 bytes r || s || v with s <= n/2 and v in {27, 28}. Wallets
 * differ in v (0/1 or 27/28); a high-s signature is the same signature for the chain but other bytes:
 * both are folded so the same wallet gives the same key.
 */
export function normaliseSignature(signature: Hex | Uint8Array): Uint8Array {
  const sig = typeof signature === 'string' ? fromHex(signature, undefined, 'signature') : Uint8Array.from(signature);
  if (sig.length !== 65)
    throw new CryptoError('invalid-argument', `signature must be 65 bytes (r, s, v), got ${sig.length}`);
  const r = BigInt(toHex(sig.subarray(0, 32)));
  let s = BigInt(toHex(sig.subarray(32, 64)));
  let v = sig[64];
  if (v === 0 || v === 1) v += 27;
  if (v !== 27 && v !== 28)
    throw new CryptoError('invalid-argument', `signature v must be 0, 1, 27 or 28, got ${sig[64]}`);
  if (r === 0n || r >= SECP256K1_N || s === 0n || s >= SECP256K1_N)
    throw new CryptoError('invalid-argument', 'signature r or s out of range');
  if (s > SECP256K1_N / 2n) {
    s = SECP256K1_N - s;
    v = v === 27 ? 28 : 27;
    sig.set(fromHex(s.toString(16).padStart(64, '0'), 32), 32);
  }
  sig[64] = v;
  return sig;
}

/** The X25519 key pair for a signature of `encryptionKeyTypedData` (pure, synchronous). */
export function keyPairFromSignature(signature: Hex | Uint8Array): KeyPair {
  const ikm = normaliseSignature(signature);
  const secret = hkdf(sha256, ikm, KDF_SALT, KDF_INFO, 32);
  ikm.fill(0);
  return keyPairFromSecretKey(secret);
}

export function keyPairFromSecretKey(secretKey: Uint8Array): KeyPair {
  const pair = nacl.box.keyPair.fromSecretKey(requireBytes(secretKey, 32, 'secret key'));
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
}

/** A random X25519 key pair (organisation keys, share links). */
export function randomKeyPair(): KeyPair {
  return keyPairFromSecretKey(randomBytes(32));
}

/**
 * Ask the wallet to sign the fixed message, check that `account` signed it, and derive the key pair.
 * Returns the signature too so the caller can register the public key or `unlock` later.
 */
export async function deriveKeyPair(
  signTypedData: SignTypedData,
  domain: ReadingKeyDomain,
  account: Hex,
): Promise<KeyPair & { signature: Hex }> {
  const typedData = encryptionKeyTypedData(domain, account);
  const signature = await signTypedData(typedData);
  const canonical = toHex(normaliseSignature(signature));
  const signer = await recoverTypedDataAddress({ ...typedData, signature: canonical });
  if (signer.toLowerCase() !== account.toLowerCase()) {
    throw new CryptoError(
      'wrong-signer',
      `the wallet signed with ${signer}, not with ${account}: switch the wallet to ${account} and sign again`,
    );
  }
  return { ...keyPairFromSignature(signature), signature };
}

/** Derive the key pair and refuse it unless it is the one registered on chain (`KeyMismatchError`). */
export function unlock(signature: Hex | Uint8Array, registeredPublicKey: Uint8Array): KeyPair {
  requireBytes(registeredPublicKey, 32, 'registered public key');
  const pair = keyPairFromSignature(signature);
  if (!bytesEqual(pair.publicKey, registeredPublicKey)) {
    pair.secretKey.fill(0);
    throw new KeyMismatchError(pair.publicKey, registeredPublicKey);
  }
  return pair;
}
