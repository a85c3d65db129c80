/**
 * Record payloads: the private part of a record (label, details, document references with their keys),
 * canonically encoded, padded, and encrypted with the book's current epoch key.
 *
 * Encrypted payload v1 (what `appendRecord` carries; at most 4096 bytes, the contract's limit):
 *   0x01 | epoch uint32 BE | nonce (24, fresh random per record) | secretbox_epochKey(plaintext)
 *
 * Plaintext v1 (length-prefixed, fixed order, big-endian; one byte string per payload):
 *   0x01 | epoch uint32 BE            (copy of the header: authenticates it)
 *   label    : uint16 length | UTF-8
 *   details  : uint16 length | UTF-8
 *   count    : uint8 (documents, <= 16)
 *   document : cid  uint8 length | ASCII [A-Za-z0-9]
 *              key (32) | sha256 (32)
 *              name uint8 length | UTF-8
 *              mime uint8 length | ASCII, lower case type/subtype
 *              size uint64 BE (<= 2^53 - 1)
 *   padding  : zero bytes up to the next multiple of 64 bytes of plaintext (capped at the maximum size)
 */
import nacl from 'tweetnacl';
import { concatBytes, fromUtf8, readU32be, requireBytes, u32be, utf8 } from './bytes';
import { CryptoError } from './errors';
import { randomBytes } from './random';
import { ONE_LINE_FORBIDDEN, neutraliseBidi } from '../format';

export const PAYLOAD_VERSION = 0x01;
export const MAX_PAYLOAD_BYTES = 4096; // CarBook.MAX_PAYLOAD_BYTES
export const PAYLOAD_HEADER_BYTES = 1 + 4 + 24; // version | epoch | nonce
export const MAX_PAYLOAD_PLAINTEXT_BYTES = MAX_PAYLOAD_BYTES - PAYLOAD_HEADER_BYTES - nacl.secretbox.overheadLength; // 4051
export const PAYLOAD_PAD_BLOCK = 64;
export const LIMITS = {
  labelBytes: 200,
  detailsBytes: 3800,
  documents: 16,
  cidChars: 100,
  nameBytes: 255,
  mimeChars: 127,
} as const;

export type DocumentRef = {
  /** IPFS CID of the encrypted document (string form, as Kubo prints it). */
  cid: string;
  /** The document's 32-byte secretbox key. */
  key: Uint8Array;
  /** sha256 of the plain document (also public on chain as the record's document hash). */
  sha256: Uint8Array;
  /** File name shown to readers (no path separators, no control characters). */
  name: string;
  /** Media type, lower case `type/subtype`. */
  mime: string;
  /** Plain size in bytes. */
  size: number;
};

export type RecordPayload = {
  /** Short one-line title, e.g. "Oil change". */
  label: string;
  /** Free text (newlines and tabs allowed). */
  details: string;
  documents: DocumentRef[];
};

// \p{Cc} is exactly U+0000-U+001F and U+007F-U+009F; multi-line text may keep tab and line feed. One-line fields
// (label, document names) also refuse bidirectional-text controls ("invoice_\u202Efdp.exe" shows as "invoice_exe.pdf").
const CONTROL_ONE_LINE = ONE_LINE_FORBIDDEN;
const CONTROL_MULTI_LINE = /(?![\t\n])\p{Cc}/u;
const CID = /^[A-Za-z0-9]+$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

function fail(message: string, code: 'invalid-payload' | 'invalid-argument'): never {
  throw new CryptoError(code, message);
}

type Code = 'invalid-payload' | 'invalid-argument';

function checkText(
  value: unknown,
  what: string,
  maxBytes: number,
  multiLine: boolean,
  code: Code,
  minBytes = 0,
): Uint8Array {
  if (typeof value !== 'string') fail(`${what} must be a string`, code);
  const bytes = utf8(value, what);
  if (bytes.length > maxBytes) fail(`${what} is ${bytes.length} bytes of UTF-8, the limit is ${maxBytes}`, code);
  if (bytes.length < minBytes) fail(`${what} must not be empty`, code);
  if ((multiLine ? CONTROL_MULTI_LINE : CONTROL_ONE_LINE).test(value))
    fail(`${what} contains a control character`, code);
  return bytes;
}

function checkDocument(doc: unknown, index: number, code: Code): void {
  const at = `document ${index + 1}`;
  if (typeof doc !== 'object' || doc === null) fail(`${at} must be an object`, code);
  const d = doc as Record<string, unknown>;
  if (typeof d.cid !== 'string' || !CID.test(d.cid) || d.cid.length > LIMITS.cidChars) {
    fail(`${at}: cid must be 1 to ${LIMITS.cidChars} characters of [A-Za-z0-9]`, code);
  }
  if (!(d.key instanceof Uint8Array) || d.key.length !== 32) fail(`${at}: key must be 32 bytes`, code);
  if (!(d.sha256 instanceof Uint8Array) || d.sha256.length !== 32) fail(`${at}: sha256 must be 32 bytes`, code);
  checkText(d.name, `${at}: name`, LIMITS.nameBytes, false, code, 1);
  if (/[/\\]/.test(d.name as string)) fail(`${at}: name must not contain / or \\`, code);
  if (typeof d.mime !== 'string' || d.mime.length > LIMITS.mimeChars || !MIME.test(d.mime)) {
    fail(`${at}: mime must be a lower-case type/subtype of at most ${LIMITS.mimeChars} characters`, code);
  }
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0)
    fail(`${at}: size must be an integer in [0, 2^53)`, code);
}

function validate(payload: unknown, code: Code): asserts payload is RecordPayload {
  if (typeof payload !== 'object' || payload === null) fail('payload must be an object', code);
  const p = payload as Record<string, unknown>;
  const extra = Object.keys(p).filter((k) => k !== 'label' && k !== 'details' && k !== 'documents');
  if (extra.length > 0) fail(`payload has unknown field(s): ${extra.join(', ')}`, code);
  checkText(p.label, 'label', LIMITS.labelBytes, false, code);
  checkText(p.details, 'details', LIMITS.detailsBytes, true, code);
  if (!Array.isArray(p.documents)) fail('documents must be an array', code);
  if (p.documents.length > LIMITS.documents)
    fail(`at most ${LIMITS.documents} documents per record, got ${p.documents.length}`, code);
  p.documents.forEach((d, i) => checkDocument(d, i, code));
}

function lengthPrefixed(bytes: Uint8Array, prefixBytes: 1 | 2): Uint8Array {
  const out = new Uint8Array(prefixBytes + bytes.length);
  if (prefixBytes === 1) out[0] = bytes.length;
  else new DataView(out.buffer).setUint16(0, bytes.length, false);
  out.set(bytes, prefixBytes);
  return out;
}

function u64be(value: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(value / 2 ** 32), false);
  view.setUint32(4, value >>> 0, false);
  return out;
}

function paddedLength(length: number): number {
  return Math.min(Math.ceil(length / PAYLOAD_PAD_BLOCK) * PAYLOAD_PAD_BLOCK, MAX_PAYLOAD_PLAINTEXT_BYTES);
}

/** The canonical padded plaintext of a payload for `epoch` (throws `too-large` past the 4096-byte budget). */
export function encodePayload(payload: RecordPayload, epoch: number): Uint8Array {
  validate(payload, 'invalid-argument');
  const parts: Uint8Array[] = [
    Uint8Array.of(PAYLOAD_VERSION),
    u32be(epoch),
    lengthPrefixed(utf8(payload.label, 'label'), 2),
    lengthPrefixed(utf8(payload.details, 'details'), 2),
    Uint8Array.of(payload.documents.length),
  ];
  for (const d of payload.documents) {
    parts.push(
      lengthPrefixed(new TextEncoder().encode(d.cid), 1),
      d.key,
      d.sha256,
      lengthPrefixed(utf8(d.name, 'name'), 1),
      lengthPrefixed(new TextEncoder().encode(d.mime), 1),
      u64be(d.size),
    );
  }
  const body = concatBytes(...parts);
  if (body.length > MAX_PAYLOAD_PLAINTEXT_BYTES) {
    throw new CryptoError(
      'too-large',
      `the record payload needs ${body.length + PAYLOAD_HEADER_BYTES + nacl.secretbox.overheadLength} bytes encrypted, the chain accepts ${MAX_PAYLOAD_BYTES}: shorten the details or attach fewer documents`,
    );
  }
  const out = new Uint8Array(paddedLength(body.length));
  out.set(body);
  return out;
}

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  take(n: number, what: string): Uint8Array {
    if (this.offset + n > this.bytes.length) throw new CryptoError('invalid-payload', `payload ends inside ${what}`);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  u8(what: string): number {
    return this.take(1, what)[0];
  }
  u16(what: string): number {
    const b = this.take(2, what);
    return (b[0] << 8) | b[1];
  }
}

/** Inverse of `encodePayload`; validates layout, padding and every field. Returns the epoch inside. */
export function decodePayload(plaintext: Uint8Array): { epoch: number; payload: RecordPayload } {
  const r = new Reader(plaintext);
  const version = r.u8('version');
  if (version !== PAYLOAD_VERSION)
    throw new CryptoError('unsupported-version', `payload version ${version} is not supported`);
  const epoch = readU32be(r.take(4, 'epoch'), 0);
  // A payload written before the bidi rule may carry such controls in one-line fields: shown neutralised (U+FFFD).
  const label = neutraliseBidi(fromUtf8(r.take(r.u16('label length'), 'label'), 'label'));
  const details = fromUtf8(r.take(r.u16('details length'), 'details'), 'details');
  const count = r.u8('document count');
  const documents: DocumentRef[] = [];
  for (let i = 0; i < count; i++) {
    const at = `document ${i + 1}`;
    const cidBytes = r.take(r.u8(`${at} cid length`), `${at} cid`);
    const cid = String.fromCharCode(...cidBytes);
    const key = r.take(32, `${at} key`).slice();
    const sha256 = r.take(32, `${at} sha256`).slice();
    const name = neutraliseBidi(fromUtf8(r.take(r.u8(`${at} name length`), `${at} name`), `${at} name`));
    const mime = String.fromCharCode(...r.take(r.u8(`${at} mime length`), `${at} mime`));
    const sizeBytes = r.take(8, `${at} size`);
    const view = new DataView(sizeBytes.buffer, sizeBytes.byteOffset, 8);
    const size = view.getUint32(0, false) * 2 ** 32 + view.getUint32(4, false);
    documents.push({ cid, key, sha256, name, mime, size });
  }
  const unpadded = r.offset;
  if (plaintext.length !== paddedLength(unpadded)) {
    throw new CryptoError(
      'invalid-payload',
      `payload padding is not canonical (${plaintext.length} bytes for ${unpadded} bytes of fields)`,
    );
  }
  for (let i = unpadded; i < plaintext.length; i++) {
    if (plaintext[i] !== 0) throw new CryptoError('invalid-payload', 'payload padding is not zero');
  }
  const payload = { label, details, documents };
  validate(payload, 'invalid-payload');
  return { epoch, payload };
}

/** Encrypt a record payload with the book's epoch key; a fresh random nonce per record. */
export function encryptPayload(payload: RecordPayload, epochKey: Uint8Array, epoch: number): Uint8Array {
  requireBytes(epochKey, 32, 'epoch key');
  const plaintext = encodePayload(payload, epoch);
  const nonce = randomBytes(24);
  const box = nacl.secretbox(plaintext, nonce, epochKey);
  plaintext.fill(0);
  return concatBytes(Uint8Array.of(PAYLOAD_VERSION), u32be(epoch), nonce, box);
}

/** The epoch a payload says it was written in (public, unauthenticated until decryption). */
export function payloadEpoch(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array) || bytes.length < PAYLOAD_HEADER_BYTES + nacl.secretbox.overheadLength) {
    throw new CryptoError('malformed', 'encrypted payload is shorter than its header');
  }
  if (bytes[0] !== PAYLOAD_VERSION) {
    throw new CryptoError(
      'unsupported-version',
      `encrypted payload version ${bytes[0]} is not supported (this client reads ${PAYLOAD_VERSION})`,
    );
  }
  return readU32be(bytes, 1);
}

export type KeyForEpoch = ((epoch: number) => Uint8Array | undefined) | ReadonlyMap<number, Uint8Array>;

/** Decrypt and validate a record payload, with the key of the epoch named in its header. */
export function decryptPayload(bytes: Uint8Array, keyForEpoch: KeyForEpoch): { epoch: number; payload: RecordPayload } {
  const epoch = payloadEpoch(bytes);
  if (bytes.length > MAX_PAYLOAD_BYTES)
    throw new CryptoError('too-large', `encrypted payload is ${bytes.length} bytes, over ${MAX_PAYLOAD_BYTES}`);
  const key = typeof keyForEpoch === 'function' ? keyForEpoch(epoch) : keyForEpoch.get(epoch);
  if (!key)
    throw new CryptoError(
      'no-key',
      `no key for epoch ${epoch}: this reader was not given access to records written in that epoch`,
    );
  requireBytes(key, 32, 'epoch key');
  const plaintext = nacl.secretbox.open(
    bytes.subarray(PAYLOAD_HEADER_BYTES),
    bytes.subarray(5, PAYLOAD_HEADER_BYTES),
    key,
  );
  if (!plaintext)
    throw new CryptoError(
      'decryption-failed',
      `record payload does not decrypt with the epoch ${epoch} key: wrong key, or the bytes were altered`,
    );
  const decoded = decodePayload(plaintext);
  if (decoded.epoch !== epoch)
    throw new CryptoError(
      'invalid-payload',
      `payload header says epoch ${epoch} but its content says ${decoded.epoch}`,
    );
  return decoded;
}
