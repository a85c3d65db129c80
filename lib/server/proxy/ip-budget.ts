/**
 * Per client IP budgets beyond the HTTP request count (@fastify/rate-limit, onRequest):
 * - units: every body entry weighs its method's weight (policy.entryWeight), charged all at once when the
 *   body is parsed, so a batch of 100 costs 100 and not 1;
 * - node time: the measured wall time of the IP's upstream attempts, accumulated per window; when spent,
 *   further calls are refused until the window ends (what the nodes spend is what is bounded, whatever mix
 *   of methods and gas the client picks);
 * - concurrency: at most `concurrency` upstream calls of one IP in flight; the other entries of its batches
 *   wait in FIFO order, so one IP never occupies more than that many node threads.
 * Fixed windows, like the per-sender limit: the goal is to bound what one address can make the validators
 * do, not precise shaping. Memory stays bounded by the IPs active in one window (expired entries swept).
 */
export interface Window {
  max: number;
  windowMs: number;
}

interface IpState {
  unitsStart: number;
  units: number;
  timeStart: number;
  timeMs: number;
  inflight: number;
  waiting: Array<() => void>;
}

export type Refusal = { retryAfterS: number; used: number; max: number; windowMs: number };

export class IpBudget {
  private readonly ips = new Map<string, IpState>();

  constructor(
    private readonly units: Window,
    private readonly upstreamMs: Window,
    private readonly concurrency: number,
    private readonly now: () => number = Date.now,
  ) {}

  private state(ip: string): IpState {
    let s = this.ips.get(ip);
    if (s === undefined) {
      if (this.ips.size > 10_000) this.sweep();
      const t = this.now();
      s = { unitsStart: t, units: 0, timeStart: t, timeMs: 0, inflight: 0, waiting: [] };
      this.ips.set(ip, s);
    }
    return s;
  }

  private roll(s: IpState, t: number): void {
    if (t - s.unitsStart >= this.units.windowMs) {
      s.unitsStart = t;
      s.units = 0;
    }
    if (t - s.timeStart >= this.upstreamMs.windowMs) {
      s.timeStart = t;
      s.timeMs = 0;
    }
  }

  /** Charges `weight` units to `ip` if they fit in its window (all or nothing); else says when to retry. */
  takeUnits(ip: string, weight: number): Refusal | null {
    if (this.units.max === 0 || weight === 0) return null;
    const t = this.now();
    const s = this.state(ip);
    this.roll(s, t);
    if (s.units + weight > this.units.max) {
      // A body heavier than the whole budget can never pass: say so rather than "retry in N s" forever.
      const retryAfterS =
        weight > this.units.max ? -1 : Math.max(1, Math.ceil((s.unitsStart + this.units.windowMs - t) / 1000));
      return { retryAfterS, used: s.units, max: this.units.max, windowMs: this.units.windowMs };
    }
    s.units += weight;
    return null;
  }

  /** Non-null when `ip` has spent its node time for the current window. */
  timeExhausted(ip: string): Refusal | null {
    if (this.upstreamMs.max === 0) return null;
    const s = this.ips.get(ip);
    if (s === undefined) return null;
    const t = this.now();
    this.roll(s, t);
    if (s.timeMs < this.upstreamMs.max) return null;
    return {
      retryAfterS: Math.max(1, Math.ceil((s.timeStart + this.upstreamMs.windowMs - t) / 1000)),
      used: Math.round(s.timeMs),
      max: this.upstreamMs.max,
      windowMs: this.upstreamMs.windowMs,
    };
  }

  /** Adds measured upstream time (ms) to `ip`'s window. */
  chargeTime(ip: string, ms: number): void {
    if (this.upstreamMs.max === 0 || ms <= 0) return;
    const s = this.state(ip);
    this.roll(s, this.now());
    s.timeMs += ms;
  }

  /**
   * One of `ip`'s concurrency slots if one is free right now (the common case: no promise, no await), else null;
   * call the returned function exactly once when done.
   */
  tryAcquire(ip: string): (() => void) | null {
    const s = this.state(ip);
    if (s.inflight >= this.concurrency) return null;
    s.inflight++;
    return this.releaser(s);
  }

  /** Waits for one of `ip`'s concurrency slots; call the returned function exactly once when done. */
  async acquire(ip: string): Promise<() => void> {
    const free = this.tryAcquire(ip);
    if (free) return free;
    const s = this.state(ip);
    await new Promise<void>((resolve) => s.waiting.push(resolve));
    return this.releaser(s);
  }

  private releaser(s: IpState): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = s.waiting.shift();
      // The slot passes straight to the next waiter (inflight unchanged), keeping FIFO order.
      if (next) next();
      else s.inflight--;
    };
  }

  private sweep(): void {
    const t = this.now();
    for (const [ip, s] of this.ips) {
      const idle = s.inflight === 0 && s.waiting.length === 0;
      if (idle && t - s.unitsStart >= this.units.windowMs && t - s.timeStart >= this.upstreamMs.windowMs)
        this.ips.delete(ip);
    }
  }
}
