import { describe, expect, it } from 'vitest';
import { isImplausibleJump, parseWholeKm, plausibleKmPerDay, PLAUSIBLE_KM_PER_DAY } from '.';

describe('parseWholeKm', () => {
  it('reads whole kilometres with the language’s grouping', () => {
    expect(parseWholeKm('48200')).toEqual({ ok: true, km: 48_200 });
    expect(parseWholeKm(' 48 200 ')).toEqual({ ok: true, km: 48_200 });
    expect(parseWholeKm('48,200', 'en')).toEqual({ ok: true, km: 48_200 });
    expect(parseWholeKm('1,048,200', 'en')).toEqual({ ok: true, km: 1_048_200 });
    expect(parseWholeKm('48\u202f200', 'fr')).toEqual({ ok: true, km: 48_200 });
    expect(parseWholeKm('48 200', 'fr')).toEqual({ ok: true, km: 48_200 });
  });

  it('never multiplies a decimal: a point or a comma that is not a thousands mark is a problem', () => {
    expect(parseWholeKm('1500.5', 'en')).toEqual({ ok: false, problem: 'decimal' });
    expect(parseWholeKm('12,5', 'en')).toEqual({ ok: false, problem: 'decimal' });
    expect(parseWholeKm('12,5', 'fr')).toEqual({ ok: false, problem: 'decimal' });
    expect(parseWholeKm('1.500', 'fr')).toEqual({ ok: false, problem: 'decimal' });
    expect(parseWholeKm('48,200', 'fr')).toEqual({ ok: false, problem: 'decimal' });
    expect(parseWholeKm('1.500', 'en')).toEqual({ ok: false, problem: 'decimal' });
  });

  it('refuses the empty, the non-numeric and what the registry would refuse', () => {
    expect(parseWholeKm('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseWholeKm('12a')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseWholeKm('-5')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseWholeKm('10000001')).toEqual({ ok: false, problem: 'too-large' });
    expect(parseWholeKm('10000000')).toEqual({ ok: true, km: 10_000_000 });
  });
});

describe('isImplausibleJump', () => {
  const day = 86_400;
  it('asks about 1,000 → 15,005 km on the same day, not about a long drive', () => {
    expect(isImplausibleJump({ km: 1_000, timestamp: 0 }, { km: 15_005, timestamp: 3_600 })).toBe(true);
    expect(isImplausibleJump({ km: 1_000, timestamp: 0 }, { km: 2_400, timestamp: 3_600 })).toBe(false);
    expect(isImplausibleJump({ km: 1_000, timestamp: 0 }, { km: 15_005, timestamp: 30 * day })).toBe(false);
  });
});

describe("the confirmation threshold follows the chain's carbook.maxKmPerDay", () => {
  const day = 86_400;
  it("uses governance's bound when it is stricter than the verdict's, the verdict's otherwise", () => {
    expect(plausibleKmPerDay(undefined)).toBe(PLAUSIBLE_KM_PER_DAY);
    // 0: governance has not set the parameter (the registry applies its own default).
    expect(plausibleKmPerDay(0n)).toBe(PLAUSIBLE_KM_PER_DAY);
    expect(plausibleKmPerDay(1_000n)).toBe(1_000);
    expect(plausibleKmPerDay(500)).toBe(500);
    // A laxer consortium still asks above what buyers see flagged.
    expect(plausibleKmPerDay(20_000n)).toBe(PLAUSIBLE_KM_PER_DAY);
  });

  it('asks about 6,000 km in 5 days under a 1,000 km/day consortium, not under the default', () => {
    const before = { km: 10_000, timestamp: 0 };
    const after = { km: 16_000, timestamp: 5 * day };
    expect(isImplausibleJump(before, after, plausibleKmPerDay(1_000n))).toBe(true);
    expect(isImplausibleJump(before, after, plausibleKmPerDay(0n))).toBe(false);
    expect(isImplausibleJump(before, after)).toBe(false);
  });
});
