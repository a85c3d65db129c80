/**
 * Memory bounds on upstream answers (issue 10 item 3: a 212-byte eth_call can ask for megabytes, a batch of
 * 60 of them exhausted a 384 MB heap). Bytes are counted while they are read (see upstream.ts) and held
 * until the client's HTTP answer is gone:
 * - per body (`batchResponseBytes`): the answers of one HTTP body together;
 * - per process (`inflightResponseBytes`): every answer the proxy holds at once, whichever client asked.
 * The single-answer bound (`responseBytes`) is applied by the upstream pool itself.
 */
import type { AnswerLedger } from './upstream';

export class AnswerMemory {
  used = 0;
  constructor(readonly max: number) {}

  /** A ledger for one client body: release() it when the HTTP answer is sent or the client went away. */
  ledger(bodyMax: number): BodyLedger {
    return new BodyLedger(this, bodyMax);
  }
}

export class BodyLedger implements AnswerLedger {
  private held = 0;
  private released = false;
  /** Set once an answer did not fit: the rest of the body is refused for the same reason, without making a
   * node compute answers that would be dropped (under a flood, the bytes of the nodes' work matter too). */
  private blockedBy: 'batch' | 'memory' | null = null;
  /** Set when a call of this body was cut by the proxy's stop: the whole body is answered 503. */
  shutdown = false;

  constructor(
    private readonly memory: AnswerMemory,
    readonly max: number,
  ) {}

  cutByShutdown(): void {
    this.shutdown = true;
  }

  /** Why further entries of this body are refused without reaching a node, or null. */
  blocked(): 'batch' | 'memory' | 'gone' | null {
    if (this.released) return 'gone';
    return this.blockedBy ?? (this.held >= this.max ? 'batch' : null);
  }

  /** 'gone': the client closed its connection, nobody will read the answer. */
  charge(bytes: number): 'batch' | 'memory' | 'gone' | null {
    if (this.released) return 'gone';
    if (this.blockedBy) return this.blockedBy;
    if (this.held + bytes > this.max) return (this.blockedBy = 'batch');
    if (this.memory.used + bytes > this.memory.max) return (this.blockedBy = 'memory');
    this.held += bytes;
    this.memory.used += bytes;
    return null;
  }

  refund(bytes: number): void {
    if (this.released) return;
    const n = Math.min(bytes, this.held);
    this.held -= n;
    this.memory.used -= n;
  }

  /** The HTTP answer is gone: its bytes no longer count against the process. Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.memory.used -= this.held;
    this.held = 0;
  }
}
