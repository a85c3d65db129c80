/** Byte helpers shared by the formats: fixed-width integers, hex, base64url, strict UTF-8. No dependencies. */
import { CryptoError } from './errors';

export type Hex = `0x${string}`;

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Equality in time independent of where the first difference is (lengths are public). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function isAllZero(a: Uint8Array): boolean {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc |= a[i];
  return acc === 0;
}

export function u32be(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new CryptoError('invalid-argument', `${value} is not a uint32`);
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}

export function readU32be(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, false);
}

/** A non-negative integer below 2^(8*width) as big-endian bytes (uint256 = width 32). */
export function uintBe(value: bigint, width: number, what: string): Uint8Array {
  if (typeof value !== 'bigint' || value < 0n || value >= 1n << BigInt(8 * width)) {
    throw new CryptoError('invalid-argument', `${what} must be an integer in [0, 2^${8 * width})`);
  }
  const out = new Uint8Array(width);
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function toHex(bytes: Uint8Array): Hex {
  let s = '0x';
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, '0');
  return s as Hex;
}

export function fromHex(hex: string, expectedLength?: number, what = 'hex string'): Uint8Array {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) {
    throw new CryptoError('invalid-argument', `${what} is not valid hex`);
  }
  const out = new Uint8Array(body.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(body.slice(2 * i, 2 * i + 2), 16);
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new CryptoError('invalid-argument', `${what} must be ${expectedLength} bytes, got ${out.length}`);
  }
  return out;
}

/** 20-byte address from a 0x-prefixed 40-hex-digit string (checksum not required, case ignored). */
export function addressBytes(address: string, what = 'address'): Uint8Array {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address))
    throw new CryptoError('invalid-argument', `${what} is not a 20-byte 0x address`);
  return fromHex(address, 20, what);
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** RFC 4648 §5 base64url without padding. */
export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + B64URL[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63];
  }
  return out;
}

/** Strict base64url decoding: alphabet, no padding, canonical trailing bits (one string per byte string). */
export function fromBase64url(text: string, what = 'base64url text'): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new CryptoError('malformed', `${what} is not unpadded base64url`);
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of text) {
    acc = (acc << 6) | B64URL.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new CryptoError('malformed', `${what} is not canonical base64url`);
  return out;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 of a well-formed string; a lone surrogate (which TextEncoder would silently replace) is refused. */
export function utf8(text: string, what: string): Uint8Array {
  const bytes = encoder.encode(text);
  if (strictDecoder.decode(bytes) !== text)
    throw new CryptoError('invalid-argument', `${what} contains a lone UTF-16 surrogate`);
  return bytes;
}

export function fromUtf8(bytes: Uint8Array, what: string): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new CryptoError('invalid-payload', `${what} is not valid UTF-8`);
  }
}

export function requireBytes(value: unknown, length: number, what: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new CryptoError('invalid-argument', `${what} must be ${length} bytes`);
  }
  return value;
}
