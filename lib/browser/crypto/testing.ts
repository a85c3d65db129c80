/**
 * Test-only entry point: deterministic randomness for known-answer vectors and reproducible tests.
 * Never import this from application code: with a fixed source every key and nonce is predictable.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, u32be } from './bytes';
import { setRandomSource, type RandomSource } from './random';
import { setX25519Engine, x25519Engines, type X25519Engine } from './x25519';

export { setX25519Engine, x25519Engines };
export type { RandomSource, X25519Engine };

/** A deterministic stream: block_i = sha256(utf8(seed) || uint32 BE i), concatenated. */
export function seededRandom(seed: string): RandomSource {
  const seedBytes = new TextEncoder().encode(seed);
  let counter = 0;
  let buffer = new Uint8Array(0);
  return (length: number) => {
    while (buffer.length < length) buffer = concatBytes(buffer, sha256(concatBytes(seedBytes, u32be(counter++))));
    const out = buffer.slice(0, length);
    buffer = buffer.slice(length);
    return out;
  };
}

/** A source that returns the given byte strings in order (each call must ask for exactly the next one's length). */
export function scriptedRandom(values: readonly Uint8Array[]): RandomSource {
  let i = 0;
  return (length: number) => {
    const next = values[i++];
    if (!next || next.length !== length) throw new Error(`scripted randomness: call ${i} wanted ${length} bytes`);
    return next.slice();
  };
}

/** Run `fn` with `source` as the randomness, restoring the CSPRNG afterwards (also for async fn). */
export function withRandom<T>(source: RandomSource, fn: () => T): T {
  setRandomSource(source);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    setRandomSource(undefined);
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => setRandomSource(undefined)) as T;
  setRandomSource(undefined);
  return result;
}
