/**
 * X25519 + HSalsa20, i.e. NaCl's crypto_box_beforenm, with two interchangeable engines:
 * - tweetnacl (pure JS, synchronous, everywhere) — the reference;
 * - WebCrypto X25519 (native, asynchronous) where the platform has it (Node >= 20, current browsers),
 *   used only by the batch functions to wrap one key for many readers quickly.
 * Both produce the same bytes (X25519 is deterministic, RFC 7748 clamping); the tests check it.
 * An all-zero shared secret (a low-order public key) is refused by both.
 */
import nacl from 'tweetnacl';
import { isAllZero } from './bytes';
import { CryptoError } from './errors';

type HSalsa20 = (out: Uint8Array, input: Uint8Array, key: Uint8Array, constant: Uint8Array) => void;
const lowlevel = (nacl as unknown as { lowlevel?: { crypto_core_hsalsa20?: HSalsa20 } }).lowlevel;
const hsalsa20 = lowlevel?.crypto_core_hsalsa20;
if (typeof hsalsa20 !== 'function') throw new Error('tweetnacl without lowlevel.crypto_core_hsalsa20');

const SIGMA = new TextEncoder().encode('expand 32-byte k');
const ZERO16 = new Uint8Array(16);

export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  return nacl.scalarMult.base(secretKey);
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
  return boxKeyFromShared(nacl.scalarMult(mySecretKey, theirPublicKey));
}

// ---- WebCrypto engine -------------------------------------------------------------------------

const PKCS8_X25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);
const BASE_POINT = (() => {
  const b = new Uint8Array(32);
  b[0] = 9;
  return b;
})();

let webCryptoProbe: Promise<CryptoKey | undefined> | undefined;
let webCryptoDisabled = false;

/** Internal (tests and bench): force the tweetnacl engine even where WebCrypto X25519 exists. */
export function setWebCryptoX25519Enabled(enabled: boolean): void {
  webCryptoDisabled = !enabled;
}

/** Resolves to the imported base point when WebCrypto X25519 works here, else undefined. */
function webCryptoBasePoint(): Promise<CryptoKey | undefined> {
  if (!webCryptoProbe) {
    webCryptoProbe = (async () => {
      try {
        const subtle = globalThis.crypto?.subtle;
        if (!subtle) return undefined;
        const base = await subtle.importKey('raw', BASE_POINT, { name: 'X25519' }, true, []);
        // Known answer (RFC 7748 §6.1, Alice): proves the engine agrees with the reference before use.
        const alice = hexBytes('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
        const pub = await x25519Web(subtle, alice, base);
        return hexOf(pub) === '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a' ? base : undefined;
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

/**
 * For each (ephemeral secret, reader public key): the ephemeral public key and the box key, i.e.
 * publicKeyFromSecret(e) and boxKey(e, reader). Uses WebCrypto when available, in parallel.
 */
export async function ephemeralBoxKeys(
  items: readonly { ephemeralSecretKey: Uint8Array; readerPublicKey: Uint8Array }[],
): Promise<EphemeralBoxKey[]> {
  const base = webCryptoDisabled ? undefined : await webCryptoBasePoint();
  const subtle = globalThis.crypto?.subtle;
  if (!base || !subtle) {
    return items.map(({ ephemeralSecretKey, readerPublicKey }) => ({
      ephemeralPublicKey: publicKeyFromSecret(ephemeralSecretKey),
      key: boxKey(ephemeralSecretKey, readerPublicKey),
    }));
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
        // WebCrypto refuses low-order points with an OperationError: report it like the reference engine.
        return { ephemeralPublicKey: publicKeyFromSecret(ephemeralSecretKey), key: boxKey(ephemeralSecretKey, readerPublicKey) };
      }
      return { ephemeralPublicKey, key: boxKeyFromShared(shared) };
    }),
  );
}

/** True when the batch functions will use native WebCrypto X25519 on this platform. */
export async function webCryptoX25519Available(): Promise<boolean> {
  return !webCryptoDisabled && (await webCryptoBasePoint()) !== undefined;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
