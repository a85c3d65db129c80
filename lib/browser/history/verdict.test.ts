import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeVerdict, VERDICT_RULES, type TimelineEntry } from './verdict';

const DAY = 86_400;
const T0 = 1_700_000_000;
const record = (days: number, mileage: number, index = 0): TimelineEntry => ({
  type: 'record',
  timestamp: T0 + days * DAY,
  mileage,
  kind: 'Service',
  index,
});

describe('computeVerdict', () => {
  it('is ok for a steady history', () => {
    const verdict = computeVerdict([record(0, 0), record(365, 15_000), record(700, 29_000)], { now: T0 + 720 * DAY });
    expect(verdict).toEqual({ level: 'ok', findings: [] });
  });

  it('flags an integrity problem as danger', () => {
    const verdict = computeVerdict([record(0, 10)], { integrityProblem: 'record #1 is missing' });
    expect(verdict.level).toBe('danger');
    expect(verdict.findings[0]).toMatchObject({ kind: 'integrity' });
  });

  it('flags a rolling wreck: a record after the total loss', () => {
    const verdict = computeVerdict([
      record(0, 1_000),
      { type: 'wrecked', timestamp: T0 + 10 * DAY },
      { type: 'transfer', timestamp: T0 + 11 * DAY, to: '0xinsurer', toIsInsurerOrRecycler: true },
      record(40, 1_200),
    ]);
    expect(verdict.level).toBe('danger');
    expect(verdict.findings.map((f) => f.kind)).toEqual(['wrecked', 'rolling-wreck']);
    expect(verdict.findings[1].message).toContain('back on the road');
  });

  it('does not call the hand-over of a wreck to its insurer a rolling wreck', () => {
    const verdict = computeVerdict([
      record(0, 1_000),
      { type: 'wrecked', timestamp: T0 + 10 * DAY },
      { type: 'transfer', timestamp: T0 + 11 * DAY, to: '0xinsurer', toIsInsurerOrRecycler: true },
    ]);
    expect(verdict.findings.map((f) => f.kind)).toEqual(['wrecked']);
  });

  it('flags a transfer of a wreck to a private buyer', () => {
    const verdict = computeVerdict([
      { type: 'wrecked', timestamp: T0 },
      { type: 'transfer', timestamp: T0 + DAY, to: '0xsomeone', toIsInsurerOrRecycler: false },
    ]);
    expect(verdict.findings.map((f) => f.kind)).toContain('rolling-wreck');
  });

  it('marks corrections as a warning with both figures', () => {
    const verdict = computeVerdict([
      record(0, 50_000),
      { type: 'correction', timestamp: T0 + DAY, previousMileage: 50_000, correctedMileage: 5_000 },
    ]);
    expect(verdict.level).toBe('warning');
    expect(verdict.findings[0].message).toContain('50,000 km to 5,000 km');
  });

  it('flags an implausible jump and not a fast but possible one', () => {
    expect(computeVerdict([record(0, 0), record(2, 9_000)]).findings.map((f) => f.kind)).toEqual(['implausible-jump']);
    expect(computeVerdict([record(0, 0), record(30, 9_000)]).findings).toEqual([]);
  });

  it('flags a long gap, including one up to today', () => {
    expect(computeVerdict([record(0, 0), record(1_000, 20_000)]).findings.map((f) => f.kind)).toEqual(['long-gap']);
    expect(computeVerdict([record(0, 0)], { now: T0 + 900 * DAY }).findings.map((f) => f.kind)).toEqual(['long-gap']);
  });

  it('never flags a jump that stays within the daily pace (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 1_000 })), { maxLength: 40 }),
        (steps) => {
          let days = 0;
          let mileage = 0;
          const entries: TimelineEntry[] = [record(0, 0)];
          for (const [dayStep, kmPerDay] of steps) {
            days += dayStep;
            mileage += Math.min(kmPerDay, VERDICT_RULES.maxKmPerDay) * dayStep;
            entries.push(record(days, mileage));
          }
          const kinds = computeVerdict(entries).findings.map((f) => f.kind);
          expect(kinds).not.toContain('implausible-jump');
        },
      ),
    );
  });

  it('shows an entry voided by a consortium vote, apart from corrections and out of the jump analysis', () => {
    const inflated: TimelineEntry = { ...record(30, 10_000_000, 1), voided: true } as TimelineEntry;
    const verdict = computeVerdict(
      [
        record(0, 48_000, 0),
        inflated,
        {
          type: 'voided-entry',
          timestamp: T0 + 40 * DAY,
          voidedIndex: 1,
          voidedMileage: 10_000_000,
          voidedAt: T0 + 30 * DAY,
          restoredMileage: 48_000,
        },
        record(60, 52_000, 3),
      ],
      { now: T0 + 61 * DAY },
    );
    expect(verdict.level).toBe('warning');
    expect(verdict.findings.map((f) => f.kind)).toEqual(['voided-entry']);
    expect(verdict.findings[0].message).toMatch(/Entry 2 .* was voided as implausible by a consortium vote/);
    expect(verdict.findings[0].message).toContain('not an odometer correction');
  });

  it("says a voided book is not the car's history", () => {
    const verdict = computeVerdict([record(0, 1_000), { type: 'book-voided', timestamp: T0 + DAY }]);
    expect(verdict.level).toBe('danger');
    expect(verdict.findings[0]).toMatchObject({ kind: 'book-voided' });
  });
});
