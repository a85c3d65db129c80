/** The per-IP budgets with a fake clock: units all-or-nothing, node-time windows, FIFO concurrency slots. */
import { describe, expect, it } from 'vitest';
import { IpBudget } from './ip-budget';

function clocked(units = 10, ms = 100, concurrency = 2) {
  let t = 1_000;
  const budget = new IpBudget({ max: units, windowMs: 60_000 }, { max: ms, windowMs: 60_000 }, concurrency, () => t);
  return { budget, advance: (d: number) => (t += d) };
}

describe('IpBudget', () => {
  it('charges units all or nothing, per IP, and refills when the window ends', () => {
    const { budget, advance } = clocked();
    expect(budget.takeUnits('a', 8)).toBeNull();
    expect(budget.takeUnits('a', 3)).toMatchObject({ used: 8, max: 10, retryAfterS: 60 });
    expect(budget.takeUnits('b', 10)).toBeNull(); // another address has its own budget
    expect(budget.takeUnits('a', 2)).toBeNull();
    expect(budget.takeUnits('a', 11)).toMatchObject({ retryAfterS: -1 }); // can never fit
    advance(60_000);
    expect(budget.takeUnits('a', 10)).toBeNull();
  });

  it('refuses once the measured node time is spent, until the window ends', () => {
    const { budget, advance } = clocked();
    expect(budget.timeExhausted('a')).toBeNull();
    budget.chargeTime('a', 60);
    expect(budget.timeExhausted('a')).toBeNull();
    budget.chargeTime('a', 45);
    advance(15_000);
    expect(budget.timeExhausted('a')).toMatchObject({ used: 105, max: 100, retryAfterS: 45 });
    expect(budget.timeExhausted('b')).toBeNull();
    advance(45_000);
    expect(budget.timeExhausted('a')).toBeNull();
  });

  it('lets at most `concurrency` calls of one IP run at once, the others in FIFO order', async () => {
    const { budget } = clocked(10, 100, 2);
    const order: number[] = [];
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const release = await budget.acquire('a');
        order.push(i);
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        release();
        release(); // idempotent
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    // Another IP is not held back by a's queue.
    const held = await Promise.all([budget.acquire('a'), budget.acquire('a')]);
    const other = await Promise.race([budget.acquire('b'), new Promise((r) => setTimeout(() => r('blocked'), 50))]);
    expect(other).not.toBe('blocked');
    held.forEach((r) => r());
  });
});
