/**
 * The single source of randomness of lib/crypto. Production draws from the platform CSPRNG
 * (`crypto.getRandomValues`, present in browsers and Node >= 19). Tests and known-answer vector
 * generation replace it through `testing.ts`; the public entry point (`index.ts`) never exports the hook.
 */
export type RandomSource = (length: number) => Uint8Array;

let override: RandomSource | undefined;

const MAX_GET_RANDOM_VALUES = 65_536;

export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`randomBytes: bad length ${length}`);
  if (override) {
    const bytes = override(length);
    if (bytes.length !== length) throw new Error('randomBytes: test source returned the wrong length');
    return bytes;
  }
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += MAX_GET_RANDOM_VALUES) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + MAX_GET_RANDOM_VALUES)));
  }
  return out;
}

/** Internal: replace the randomness source (undefined restores the CSPRNG). Exported to users only via testing.ts. */
export function setRandomSource(source: RandomSource | undefined): void {
  override = source;
}
