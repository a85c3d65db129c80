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
    expect(verdict).toEqual({ level: 'clear', findings: [], owners: { private: 0, custody: 0 } });
  });

  it('flags an integrity problem as danger', () => {
    const verdict = computeVerdict([record(0, 10)], { integrityProblem: 'record #1 is missing' });
    expect(verdict.level).toBe('serious');
    expect(verdict.findings[0]).toMatchObject({ kind: 'integrity' });
  });

  it('flags a rolling wreck: a record after the total loss', () => {
    const verdict = computeVerdict([
      record(0, 1_000),
      { type: 'wrecked', timestamp: T0 + 10 * DAY },
      { type: 'transfer', timestamp: T0 + 11 * DAY, to: '0xinsurer', toIsInsurerOrRecycler: true },
      record(40, 1_200),
    ]);
    expect(verdict.level).toBe('serious');
    expect(verdict.findings.map((f) => f.kind)).toEqual(['total-loss', 'rolling-wreck']);
    expect(verdict.findings[1]).toMatchObject({ at: T0 + 40 * DAY, count: 1 });
  });

  it('does not call the hand-over of a wreck to its insurer a rolling wreck', () => {
    const verdict = computeVerdict([
      record(0, 1_000),
      { type: 'wrecked', timestamp: T0 + 10 * DAY },
      { type: 'transfer', timestamp: T0 + 11 * DAY, to: '0xinsurer', toIsInsurerOrRecycler: true },
    ]);
    expect(verdict.findings.map((f) => f.kind)).toEqual(['total-loss']);
    expect(verdict.owners).toEqual({ private: 0, custody: 1 });
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
    expect(verdict.level).toBe('check');
    expect(verdict.findings[0]).toEqual({ kind: 'correction', level: 'check', at: T0 + DAY, from: 50_000, to: 5_000 });
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
    expect(verdict.level).toBe('check');
    expect(verdict.findings).toEqual([
      {
        kind: 'voided-entry',
        level: 'check',
        at: T0 + 40 * DAY,
        entry: 2,
        mileage: 10_000_000,
        writtenAt: T0 + 30 * DAY,
        restoredMileage: 48_000,
      },
    ]);
  });

  it("says a voided book is not the car's history", () => {
    const verdict = computeVerdict([record(0, 1_000), { type: 'book-voided', timestamp: T0 + DAY }]);
    expect(verdict.level).toBe('serious');
    expect(verdict.findings[0]).toMatchObject({ kind: 'book-voided' });
  });
});

describe('computeVerdict: the buyer report’s cases (issue 11)', () => {
  const diagnosis = (days: number, mileage: number, totalLoss: boolean): TimelineEntry => ({
    type: 'record',
    timestamp: T0 + days * DAY,
    mileage,
    kind: 'ExpertDiagnosis',
    index: 1,
    totalLoss,
  });

  it('a repairable expert diagnosis is a declared accident, never "no problems"', () => {
    const verdict = computeVerdict([record(0, 140_000), diagnosis(30, 140_210, false), record(40, 140_260)]);
    expect(verdict.level).toBe('serious');
    expect(verdict.findings).toEqual([
      { kind: 'accident-repairable', level: 'serious', at: T0 + 30 * DAY, mileage: 140_210 },
    ]);
  });

  it('a total-loss diagnosis is reported once, with its date', () => {
    const verdict = computeVerdict([
      record(0, 77_000),
      diagnosis(20, 77_420, true),
      { type: 'wrecked', timestamp: T0 + 20 * DAY },
    ]);
    expect(verdict.findings.map((f) => [f.kind, 'at' in f ? f.at : 0])).toEqual([['total-loss', T0 + 20 * DAY]]);
  });

  it('a destroyed car is its own level, worse than serious, and lists the accident too', () => {
    const verdict = computeVerdict([
      record(0, 190_500),
      diagnosis(10, 190_600, true),
      { type: 'wrecked', timestamp: T0 + 10 * DAY },
      { type: 'destroyed', timestamp: T0 + 12 * DAY },
    ]);
    expect(verdict.level).toBe('destroyed');
    expect(verdict.findings.map((f) => f.kind)).toEqual(['destroyed', 'total-loss']);
  });

  it('a long gap is a point to check, never a clear verdict', () => {
    const verdict = computeVerdict([record(0, 0), record(4_000, 60_000)]);
    expect(verdict.level).toBe('check');
    expect(verdict.findings[0]).toMatchObject({ kind: 'long-gap', level: 'check', years: 11 });
  });

  it('flags the gap between the book’s creation and its first record', () => {
    const verdict = computeVerdict([{ type: 'created', timestamp: T0 }, record(21 * 365, 190_500)]);
    expect(verdict.findings).toEqual([
      expect.objectContaining({ kind: 'long-gap', at: T0, until: T0 + 21 * 365 * DAY, beforeFirstRecord: true }),
    ]);
  });

  it('an implausible jump in less than a day says 0 days (worded "less than a day")', () => {
    const verdict = computeVerdict([record(0, 10_000), record(0.2, 24_005)]);
    expect(verdict.findings).toEqual([
      expect.objectContaining({ kind: 'implausible-jump', km: 14_005, days: 0, since: T0 }),
    ]);
  });

  it('counts private owners apart from an insurer’s and a recycler’s custody', () => {
    const transfer = (days: number, to: string, custody = false, first = false): TimelineEntry => ({
      type: 'transfer',
      timestamp: T0 + days * DAY,
      to,
      toIsInsurerOrRecycler: custody,
      ...(first ? { first: true } : {}),
    });
    const verdict = computeVerdict([
      transfer(0, '0xalice', false, true),
      transfer(100, '0xbob'),
      { type: 'wrecked', timestamp: T0 + 200 * DAY },
      transfer(201, '0xinsurer', true),
      transfer(202, '0xrecycler', true),
    ]);
    expect(verdict.owners).toEqual({ private: 2, custody: 2 });
  });

  it('lists the worst findings first', () => {
    const verdict = computeVerdict([
      record(0, 50_000),
      { type: 'correction', timestamp: T0 + DAY, previousMileage: 50_000, correctedMileage: 5_000 },
      diagnosis(5, 5_100, false),
    ]);
    expect(verdict.findings.map((f) => f.level)).toEqual(['serious', 'check']);
  });
});

describe('computeVerdict: the connected car’s device (issue 13, item 8)', () => {
  const reading = (days: number, mileage: number): TimelineEntry => ({
    type: 'reading',
    timestamp: T0 + days * DAY,
    mileage,
  });
  const device = (days: number, rotated: boolean, removed = false): TimelineEntry => ({
    type: 'device-key',
    timestamp: T0 + days * DAY,
    rotated,
    removed,
  });
  const kinds = (entries: TimelineEntry[]) => computeVerdict(entries).findings.map((f) => f.kind);

  it('flags a device that went silent while records continue, from its last reading to the last record', () => {
    const verdict = computeVerdict([
      device(0, false),
      reading(1, 100),
      reading(30, 1_500),
      record(200, 9_000, 0),
      record(400, 17_000, 1),
      reading(420, 17_600),
    ]);
    expect(verdict.level).toBe('check');
    expect(verdict.findings).toEqual([
      { kind: 'device-silent', level: 'check', at: T0 + 30 * DAY, until: T0 + 400 * DAY, days: 370 },
    ]);
  });

  it('uses the stated threshold: a record 90 days after the last reading is fine, 91 days is not', () => {
    expect(VERDICT_RULES.silentDeviceDays).toBe(90);
    expect(kinds([reading(0, 100), record(90, 3_000)])).toEqual([]);
    expect(kinds([reading(0, 100), record(91, 3_000)])).toEqual(['device-silent']);
  });

  it('does not flag a parked car (no record during the silence) nor a car whose device never reported', () => {
    expect(kinds([reading(0, 100), reading(400, 200)])).toEqual([]);
    expect(kinds([device(0, false), record(1, 10), record(300, 9_000)])).toEqual([]);
  });

  it('does not call a wreck’s silence after the total loss a silent device', () => {
    expect(kinds([reading(0, 100), { type: 'wrecked', timestamp: T0 + DAY }, record(300, 110)])).not.toContain(
      'device-silent',
    );
  });

  it('flags a rotated device key with its date, and a removed one', () => {
    const verdict = computeVerdict([device(0, false), reading(1, 100), device(10, true), reading(11, 400)]);
    expect(verdict.findings).toEqual([{ kind: 'device-rotated', level: 'check', at: T0 + 10 * DAY, removed: false }]);
    expect(computeVerdict([device(0, false), device(5, true, true)]).findings).toEqual([
      { kind: 'device-rotated', level: 'check', at: T0 + 5 * DAY, removed: true },
    ]);
  });

  it('counts a new device’s silence from its registration, not from the old device’s last reading', () => {
    const verdict = computeVerdict([reading(0, 100), device(50, true), record(100, 4_000), record(200, 8_000)]);
    expect(verdict.findings).toEqual([
      { kind: 'device-rotated', level: 'check', at: T0 + 50 * DAY, removed: false },
      { kind: 'device-silent', level: 'check', at: T0 + 50 * DAY, until: T0 + 200 * DAY, days: 150 },
    ]);
  });

  it('the creation’s device key is not a rotation', () => {
    expect(kinds([device(0, false), reading(1, 100)])).toEqual([]);
  });
});
