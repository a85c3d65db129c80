/**
 * X25519 + HSalsa20, i.e. NaCl's crypto_box_beforenm, with interchangeable engines that give the same
 * bytes (X25519 is deterministic, RFC 7748 clamping):
 * - `tweetnacl`: pure JS, synchronous, everywhere — the reference;
 * - `node`: Node's native X25519 (node:crypto reached through process.getBuiltinModule, so bundlers
 *   never see a node: import), synchronous, about 20x faster than tweetnacl;
 * - `webcrypto`: native WebCrypto X25519 (current browsers), asynchronous: used by the batch function
 *   where `node` is absent.
 * Each native engine is enabled only after it reproduces the RFC 7748 §6.1 test vector. An all-zero
 * shared secret (a low-order public key) is refused by every engine.
 */
import nacl from 'tweetnacl';
import { isAllZero, toBase64url } from './bytes';
import { CryptoError } from './errors';

type HSalsa20 = (out: Uint8Array, input: Uint8Array, key: Uint8Array, constant: Uint8Array) => void;
const lowlevel = (nacl as unknown as { lowlevel?: { crypto_core_hsalsa20?: HSalsa20 } }).lowlevel;
const hsalsa20 = lowlevel?.crypto_core_hsalsa20;
if (typeof hsalsa20 !== 'function') throw new Error('tweetnacl without lowlevel.crypto_core_hsalsa20');

const SIGMA = new TextEncoder().encode('expand 32-byte k');
const ZERO16 = new Uint8Array(16);
const BASE_POINT = new Uint8Array(32);
BASE_POINT[0] = 9;
const BASE_POINT_B64 = toBase64url(BASE_POINT);

// RFC 7748 §6.1
const RFC_ALICE_SK = hexBytes('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
const RFC_ALICE_PK = '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a';
const RFC_BOB_PK = hexBytes('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
const RFC_SHARED = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';

export type X25519Engine = 'tweetnacl' | 'node' | 'webcrypto';
let forced: X25519Engine | undefined;

/** Internal (tests, bench): force an engine, or undefined for automatic choice. */
export function setX25519Engine(engine: X25519Engine | undefined): void {
  forced = engine;
}

// ---- node engine ------------------------------------------------------------------------------

type NodeKey = object;
type NodeCrypto = {
  createPrivateKey(options: { key: Record<string, string>; format: 'jwk' }): NodeKey;
  createPublicKey(options: { key: Record<string, string>; format: 'jwk' }): NodeKey;
  diffieHellman(options: { privateKey: NodeKey; publicKey: NodeKey }): Uint8Array;
};

const nodeCrypto: NodeCrypto | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    if (!mod || typeof mod.diffieHellman !== 'function') return undefined;
    const engine = makeNodeEngine(mod);
    if (hexOf(engine.x25519(RFC_ALICE_SK, BASE_POINT)) !== RFC_ALICE_PK) return undefined;
    if (hexOf(engine.x25519(RFC_ALICE_SK, RFC_BOB_PK)) !== RFC_SHARED) return undefined;
    return mod;
  } catch {
    return undefined;
  }
})();

function makeNodeEngine(mod: NodeCrypto) {
  const importPrivate = (secretKey: Uint8Array) =>
    // Node derives the public part from `d` (the JWK's x is required but not used for a private key;
    // the RFC 7748 check at load time would catch a Node that used it).
    mod.createPrivateKey({
      key: { kty: 'OKP', crv: 'X25519', d: toBase64url(secretKey), x: BASE_POINT_B64 },
      format: 'jwk',
    });
  const importPublic = (publicKey: Uint8Array) =>
    mod.createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: toBase64url(publicKey) }, format: 'jwk' });
  const base = importPublic(BASE_POINT);
  const dh = (privateKey: NodeKey, publicKey: NodeKey) => new Uint8Array(mod.diffieHellman({ privateKey, publicKey }));
  return {
    x25519: (secretKey: Uint8Array, publicKey: Uint8Array) => dh(importPrivate(secretKey), importPublic(publicKey)),
    publicKey: (secretKey: Uint8Array) => dh(importPrivate(secretKey), base),
    /** [X25519(secret, 9), X25519(secret, publicKey)] with one private-key import. */
    both(secretKey: Uint8Array, publicKey: Uint8Array): [Uint8Array, Uint8Array] {
      const priv = importPrivate(secretKey);
      return [dh(priv, base), dh(priv, importPublic(publicKey))];
    },
  };
}
const nodeEngine = nodeCrypto ? makeNodeEngine(nodeCrypto) : undefined;

function useNode(): boolean {
  return nodeEngine !== undefined && (forced === undefined || forced === 'node');
}

/** Raw X25519(secret, public), synchronous (node engine when present, else tweetnacl). */
function x25519Sync(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (useNode()) {
    try {
      return nodeEngine!.x25519(secretKey, publicKey);
    } catch {
      // OpenSSL refuses low-order points ("failed during derivation"): the reference reports them.
    }
  }
  return nacl.scalarMult(secretKey, publicKey);
}

export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  return useNode() ? nodeEngine!.publicKey(secretKey) : nacl.scalarMult.base(secretKey);
}

/**
 * X25519's low-order points as little-endian u-coordinates (libsodium's blocklist; the top bit is ignored, as
 * X25519 does). The key registry refuses the same list on chain.
 */
const LOW_ORDER_POINTS = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map(hexBytes);

/** Whether a 32-byte X25519 public key is a low-order point (every shared secret with it is all zero). */
export function isLowOrderPublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false;
  return LOW_ORDER_POINTS.some((point) =>
    point.every((byte, i) => byte === (i === 31 ? publicKey[i] & 0x7f : publicKey[i])),
  );
}

/** The box key from a raw X25519 shared secret (what nacl.box.before returns). */
export function boxKeyFromShared(shared: Uint8Array): Uint8Array {
  if (isAllZero(shared)) {
    throw new CryptoError('invalid-argument', 'the public key is a low-order point (all-zero shared secret): refused');
  }
  const k = new Uint8Array(32);
  hsalsa20!(k, ZERO16, shared, SIGMA);
  return k;
}

/** crypto_box_beforenm(theirPublicKey, mySecretKey), refusing low-order public keys. */
export function boxKey(mySecretKey: Uint8Array, theirPublicKey: Uint8Array): Uint8Array {
  return boxKeyFromShared(x25519Sync(mySecretKey, theirPublicKey));
}

// ---- WebCrypto engine -------------------------------------------------------------------------

const PKCS8_X25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);

let webCryptoProbe: Promise<CryptoKey | undefined> | undefined;

/** Resolves to the imported base point when WebCrypto X25519 works here, else undefined. */
function webCryptoBasePoint(): Promise<CryptoKey | undefined> {
  if (!webCryptoProbe) {
    webCryptoProbe = (async () => {
      try {
        const subtle = globalThis.crypto?.subtle;
        if (!subtle) return undefined;
        const base = await subtle.importKey('raw', BASE_POINT, { name: 'X25519' }, true, []);
        const pub = await x25519Web(subtle, RFC_ALICE_SK, base);
        return hexOf(pub) === RFC_ALICE_PK ? base : undefined;
      } catch {
        return undefined;
      }
    })();
  }
  return webCryptoProbe;
}

async function x25519Web(subtle: SubtleCrypto, secretKey: Uint8Array, publicKey: CryptoKey): Promise<Uint8Array> {
  const pkcs8 = new Uint8Array(48);
  pkcs8.set(PKCS8_X25519_PREFIX);
  pkcs8.set(secretKey, 16);
  const priv = await subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, false, ['deriveBits']);
  pkcs8.fill(0);
  return new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: publicKey }, priv, 256));
}

export type EphemeralBoxKey = { ephemeralPublicKey: Uint8Array; key: Uint8Array };

/** publicKeyFromSecret(e) and boxKey(e, reader), synchronously (node engine or tweetnacl). */
export function ephemeralBoxKey(ephemeralSecretKey: Uint8Array, readerPublicKey: Uint8Array): EphemeralBoxKey {
  if (useNode()) {
    try {
      const [ephemeralPublicKey, shared] = nodeEngine!.both(ephemeralSecretKey, readerPublicKey);
      return { ephemeralPublicKey, key: boxKeyFromShared(shared) };
    } catch (e) {
      if (e instanceof CryptoError) throw e; // else OpenSSL refused a low-order point: the reference reports it
    }
  }
  return {
    ephemeralPublicKey: publicKeyFromSecret(ephemeralSecretKey),
    key: boxKey(ephemeralSecretKey, readerPublicKey),
  };
}

/**
 * For each (ephemeral secret, reader public key): the ephemeral public key and the box key, i.e.
 * publicKeyFromSecret(e) and boxKey(e, reader). Node engine if present, else WebCrypto in parallel,
 * else tweetnacl.
 */
export async function ephemeralBoxKeys(
  items: readonly { ephemeralSecretKey: Uint8Array; readerPublicKey: Uint8Array }[],
): Promise<EphemeralBoxKey[]> {
  const tryWeb = forced === 'webcrypto' || (forced === undefined && !nodeEngine);
  const base = tryWeb ? await webCryptoBasePoint() : undefined;
  const subtle = globalThis.crypto?.subtle;
  if (!base || !subtle) {
    return items.map(({ ephemeralSecretKey, readerPublicKey }) => ephemeralBoxKey(ephemeralSecretKey, readerPublicKey));
  }
  return Promise.all(
    items.map(async ({ ephemeralSecretKey, readerPublicKey }) => {
      let shared: Uint8Array;
      let ephemeralPublicKey: Uint8Array;
      try {
        const reader = await subtle.importKey('raw', new Uint8Array(readerPublicKey), { name: 'X25519' }, true, []);
        [shared, ephemeralPublicKey] = await Promise.all([
          x25519Web(subtle, ephemeralSecretKey, reader),
          x25519Web(subtle, ephemeralSecretKey, base),
        ]);
      } catch {
        // WebCrypto refuses low-order points with an OperationError: let the reference report it.
        return ephemeralBoxKey(ephemeralSecretKey, readerPublicKey);
      }
      return { ephemeralPublicKey, key: boxKeyFromShared(shared) };
    }),
  );
}

/** Which native engines this platform offers (after their known-answer check). */
export async function x25519Engines(): Promise<{ node: boolean; webcrypto: boolean }> {
  return { node: nodeEngine !== undefined, webcrypto: (await webCryptoBasePoint()) !== undefined };
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
