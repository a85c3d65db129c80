/**
 * Per-sender limit on eth_sendRawTransaction (the per-IP limit is @fastify/rate-limit's job; this one
 * keys on the address recovered from the signature, which a client cannot rotate as cheaply as an IP
 * behind a NAT, and which is not known at the HTTP layer). Fixed windows are enough here: the goal is to
 * stop one key from flooding the transaction pools of every member node, not precise shaping.
 */
export class SenderLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.max > 0;
  }

  /** Counts one transaction for `sender`; returns false when the sender is over its budget. */
  take(sender: string): boolean {
    if (!this.enabled) return true;
    const key = sender.toLowerCase();
    const t = this.now();
    const w = this.windows.get(key);
    if (w === undefined || t - w.start >= this.windowMs) {
      // Drop expired windows now and then so memory stays bounded by the senders active in one window.
      if (this.windows.size > 10_000) this.sweep(t);
      this.windows.set(key, { start: t, count: 1 });
      return true;
    }
    if (w.count >= this.max) return false;
    w.count += 1;
    return true;
  }

  /** Seconds until `sender` may send again (for the error message). */
  retryAfterSeconds(sender: string): number {
    const w = this.windows.get(sender.toLowerCase());
    if (w === undefined) return 0;
    return Math.max(0, Math.ceil((w.start + this.windowMs - this.now()) / 1000));
  }

  private sweep(t: number): void {
    for (const [key, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(key);
  }
}
