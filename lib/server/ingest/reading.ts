/**
 * A device-signed telematics reading: wire format, validation and signature recovery, done the way CarBook's
 * `submitReadings` does it (EIP-712 `TelematicsReading`, EIP-2098 compact signature, low-s only), so that the
 * ingester drops a bad reading before it spends gas on it.
 *
 * Recovery runs in libsecp256k1 (the `secp256k1` package's prebuilt N-API binding, ~0.08 ms a reading on this
 * machine) rather than in JavaScript (@noble/curves, ~1.8 ms): at 1,000 readings/s the JavaScript recovery
 * alone would take most of a core.
 */
import { createRequire } from 'node:module';
import * as v from 'valibot';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes, keccak256, type Address, type Hex } from 'viem';

const require = createRequire(import.meta.url);
const secp256k1 = require('secp256k1') as {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
};

/** One reading as the contract takes it. */
export interface Reading {
  tokenId: bigint;
  mileage: bigint;
  timestamp: bigint;
  r: Hex;
  vs: Hex;
}

const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;
const LOW_255 = (1n << 255n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_UINT256 = (1n << 256n) - 1n;

const uint = (max: bigint) =>
  v.pipe(
    v.union([
      v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
      v.pipe(v.string(), v.regex(/^(0x[0-9a-fA-F]{1,64}|\d{1,78})$/)),
    ]),
    v.transform((value) => BigInt(value)),
    v.check((value) => value <= max, 'out of range'),
  );
const word = v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{64}$/, 'a 32-byte hex word'));

/**
 * The wire format, one JSON object per NDJSON line or MQTT message:
 * `{"tokenId":"0x…"|"123…","mileage":12345,"timestamp":1767225600,"r":"0x…","vs":"0x…"}`
 * (`r`, `vs`: the EIP-2098 compact signature of the EIP-712 `TelematicsReading` by the car's device key).
 */
const ReadingSchema = v.object({
  tokenId: uint(MAX_UINT256),
  mileage: uint(MAX_UINT64),
  timestamp: uint(MAX_UINT64),
  r: word,
  vs: word,
});

/** Parses one wire message; `undefined` when it is malformed (not JSON, missing or mistyped field). */
export function parseReading(text: string): Reading | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(ReadingSchema, json);
  if (!parsed.success) return undefined;
  const { tokenId, mileage, timestamp, r, vs } = parsed.output;
  return { tokenId, mileage, timestamp, r: r.toLowerCase() as Hex, vs: vs.toLowerCase() as Hex };
}

export function readingToJson(reading: Reading) {
  return {
    tokenId: `0x${reading.tokenId.toString(16)}`,
    mileage: Number(reading.mileage),
    timestamp: Number(reading.timestamp),
    r: reading.r,
    vs: reading.vs,
  };
}

/** Identity of a reading for deduplication: a car cannot have two accepted readings at the same device time. */
export const readingKey = (reading: Pick<Reading, 'tokenId' | 'timestamp'>) =>
  `${reading.tokenId.toString(16)}:${reading.timestamp}`;

/** keccak256("TelematicsReading(uint256 tokenId,uint64 mileage,uint64 timestamp)"), as in CarBookTypedData. */
export const READING_TYPEHASH = keccak256(
  new TextEncoder().encode('TelematicsReading(uint256 tokenId,uint64 mileage,uint64 timestamp)'),
);

/**
 * The EIP-712 digest of a reading, hashed from bytes (no ABI encoder: this runs once per reading at fleet rate).
 * keccak256(0x1901 ‖ domainSeparator ‖ keccak256(READING_TYPEHASH ‖ tokenId ‖ mileage ‖ timestamp)), each a
 * 32-byte big-endian word, as `CarBookTypedData.readingDigest`.
 */
export function readingDigestBytes(
  domainSeparator: Hex,
  reading: Pick<Reading, 'tokenId' | 'mileage' | 'timestamp'>,
): Uint8Array {
  const struct = new Uint8Array(128);
  struct.set(TYPEHASH_BYTES, 0);
  putWord(struct, 32, reading.tokenId);
  putWord(struct, 64, reading.mileage);
  putWord(struct, 96, reading.timestamp);
  const message = new Uint8Array(66);
  message[0] = 0x19;
  message[1] = 0x01;
  message.set(domainBytes(domainSeparator), 2);
  message.set(keccak_256(struct), 34);
  return keccak_256(message);
}

const TYPEHASH_BYTES = hexToBytes(READING_TYPEHASH);
let cachedDomain: { hex: Hex; bytes: Uint8Array } | undefined;
function domainBytes(domain: Hex): Uint8Array {
  if (cachedDomain?.hex !== domain) cachedDomain = { hex: domain, bytes: hexToBytes(domain) };
  return cachedDomain.bytes;
}

function putWord(target: Uint8Array, offset: number, value: bigint): void {
  let v = value;
  for (let i = offset + 31; i >= offset && v > 0n; i--) {
    target[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * The address that signed the reading (lowercase hex: no checksum at fleet rate), or `undefined` where the
 * contract's recovery yields address(0).
 */
export function recoverReadingSigner(domainSeparator: Hex, reading: Reading): Address | undefined {
  const vs = BigInt(reading.vs);
  const s = vs & LOW_255;
  const r = BigInt(reading.r);
  if (r === 0n || s === 0n || s > HALF_N) return undefined;
  const signature = new Uint8Array(64);
  signature.set(hexToBytes(reading.r), 0);
  signature.set(hexToBytes(`0x${s.toString(16).padStart(64, '0')}`), 32);
  try {
    const publicKey = secp256k1.ecdsaRecover(
      signature,
      Number(vs >> 255n),
      readingDigestBytes(domainSeparator, reading),
      false,
    );
    return bytesToHex(keccak_256(publicKey.subarray(1)).subarray(12));
  } catch {
    return undefined;
  }
}

/** Signs a reading as a device would (fleet simulator, tests): EIP-2098 compact form. */
export function signReading(
  domainSeparator: Hex,
  devicePrivateKey: Hex,
  reading: Pick<Reading, 'tokenId' | 'mileage' | 'timestamp'>,
): Reading {
  const { signature, recid } = (
    require('secp256k1') as {
      ecdsaSign(msg32: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
    }
  ).ecdsaSign(readingDigestBytes(domainSeparator, reading), hexToBytes(devicePrivateKey));
  const hex = Buffer.from(signature).toString('hex');
  const vs = (BigInt(`0x${hex.slice(64)}`) | (BigInt(recid) << 255n)).toString(16).padStart(64, '0');
  return { ...reading, r: `0x${hex.slice(0, 64)}`, vs: `0x${vs}` };
}
