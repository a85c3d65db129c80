import { describe, expect, it } from 'vitest';
import { isImplausibleJump, parseWholeKm } from '.';

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
