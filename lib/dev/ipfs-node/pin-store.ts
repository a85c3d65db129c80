/**
 * Recursive pins of the development IPFS node, kept as a small JSON file in the repository directory.
 *
 * The dev node never garbage-collects, so pins change nothing about what is kept; they exist so that
 * code written against Kubo (`add` pins by default, `pin/add`, `pin/ls`) behaves the same here, and
 * survive a restart like Kubo's. Node-only.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export class PinStore {
  private pins = new Set<string>();
  /** Writes are chained so two concurrent pins cannot interleave and lose one of them. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(file: string): Promise<PinStore> {
    const store = new PinStore(file);
    try {
      const saved: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (!Array.isArray(saved) || !saved.every((cid) => typeof cid === 'string')) {
        throw new Error(`${file} is not a JSON array of CID strings`);
      }
      store.pins = new Set(saved);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return store;
  }

  has(cid: string): boolean {
    return this.pins.has(cid);
  }

  list(): string[] {
    return [...this.pins].sort();
  }

  async add(cid: string): Promise<void> {
    if (this.pins.has(cid)) return;
    this.pins.add(cid);
    await this.persist();
  }

  private persist(): Promise<void> {
    const snapshot = JSON.stringify(this.list(), null, 2);
    // A failed earlier write must not poison every later one: each write starts from a settled chain.
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        // Write-then-rename so a crash mid-write never leaves a truncated pin file behind.
        await mkdir(dirname(this.file), { recursive: true });
        const temporary = `${this.file}.tmp`;
        await writeFile(temporary, snapshot);
        await rename(temporary, this.file);
      });
    return this.writing;
  }
}
