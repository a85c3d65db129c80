/**
 * Signature recovery of readings in worker threads (`--verify-workers`, default 2: this machine's cores). The
 * recovery (libsecp256k1 plus three keccak hashes a reading) was the ingester's largest CPU cost in the bench's
 * profile; in workers it leaves the main thread to journaling, batching and the node's answers, and uses the
 * second core. The workers run the same `recoverReadingSigner` as the main thread would.
 */
import { pathToFileURL } from 'node:url';
import { Worker, parentPort } from 'node:worker_threads';
import type { Hex } from 'viem';
import { recoverReadingSigner, type Reading } from './reading';

type Wire = [string, string, string, Hex, Hex];
interface Request {
  id: number;
  domain: Hex;
  readings: Wire[];
}
interface Answer {
  id: number;
  signers: (string | null)[];
}

/** Worker side: answers each request with the signers of its readings (null: no valid signer). */
export function serveVerifyRequests(): void {
  parentPort!.on('message', ({ id, domain, readings }: Request) => {
    const signers = readings.map(([tokenId, mileage, timestamp, r, vs]) => {
      const reading = { tokenId: BigInt(tokenId), mileage: BigInt(mileage), timestamp: BigInt(timestamp), r, vs };
      return recoverReadingSigner(domain, reading) ?? null;
    });
    parentPort!.postMessage({ id, signers } satisfies Answer);
  });
}

export class VerifyPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (signers: (string | null)[]) => void>();
  private nextId = 0;

  /** `entry`: the file to run in each worker (the ingester's main.ts or its one-file build). */
  constructor(size: number, entry: string) {
    const url = pathToFileURL(entry).href;
    for (let i = 0; i < size; i++) {
      // A TypeScript entry (development, tests: run through tsx) needs tsx's loader in the worker too.
      const worker = /\.[mc]?ts$/.test(url)
        ? new Worker(
            `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url)}); });`,
            { eval: true },
          )
        : new Worker(new URL(url));
      worker.on('message', ({ id, signers }: Answer) => {
        this.waiting.get(id)?.(signers);
        this.waiting.delete(id);
      });
      this.workers.push(worker);
    }
  }

  /** The signer of each reading (lowercase address, or undefined), the work split evenly over the workers. */
  async recover(domain: Hex, readings: readonly Reading[]): Promise<(string | undefined)[]> {
    if (readings.length === 0) return [];
    const per = Math.ceil(readings.length / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((worker, w) => {
        const slice = readings.slice(w * per, (w + 1) * per);
        if (slice.length === 0) return Promise.resolve([] as (string | null)[]);
        const id = this.nextId++;
        return new Promise<(string | null)[]>((resolve) => {
          this.waiting.set(id, resolve);
          const wire = slice.map((r): Wire => [
            r.tokenId.toString(),
            r.mileage.toString(),
            r.timestamp.toString(),
            r.r,
            r.vs,
          ]);
          worker.postMessage({ id, domain, readings: wire } satisfies Request);
        });
      }),
    );
    return parts.flat().map((signer) => signer ?? undefined);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
