/**
 * Shared by the IPFS tests only: deterministic file contents and a throw-away repository directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Same bytes on every run and machine, not periodic at chunk size (so chunks differ from each other). */
export function deterministicBytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    // xorshift32: fast, and every chunk of a multi-chunk file gets distinct content.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export async function temporaryDirectory(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Node 20 has no Array.fromAsync. */
export async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

/**
 * Byte equality for large buffers: vitest's deep `toEqual` walks typed arrays element by element and
 * takes seconds on a megabyte, so compare natively and report only lengths and the first difference.
 */
export function byteDifference(actual: Uint8Array, expected: Uint8Array): string | undefined {
  if (Buffer.compare(actual, expected) === 0) return undefined;
  const index = actual.findIndex((byte, i) => byte !== expected[i]);
  return `lengths ${actual.length} vs ${expected.length}, first difference at ${index === -1 ? Math.min(actual.length, expected.length) : index}`;
}
