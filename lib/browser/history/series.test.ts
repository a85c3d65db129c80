import { describe, expect, it } from 'vitest';
import { zeroHash, type Hex } from 'viem';
import type { BookHistory, HistoryRecord } from './read';
import { mileageChartOf, mileagePointsOf } from './series';
import { computeVerdict, type TimelineEntry } from './verdict';

const DAY = 86_400;
const T0 = 1_500_000_000;
const TX: Hex = `0x${'ab'.repeat(32)}`;
const record = (index: number, days: number, mileage: number, kind: HistoryRecord['kind'] = 'Service') =>
  ({
    index,
    writer: '0x0000000000000000000000000000000000000001',
    writerOrg: 1,
    kind,
    mileage,
    timestamp: T0 + days * DAY,
    documentHash: zeroHash,
    payload: '0x',
    head: zeroHash,
    blockNumber: BigInt(index + 10),
    transactionHash: TX,
  }) satisfies HistoryRecord;
const reading = (days: number, mileage: number, block: number) => ({
  mileage,
  timestamp: T0 + days * DAY,
  blockNumber: BigInt(block),
  transactionHash: TX,
});

/** The verdict's timeline for these records and readings (what timelineOf builds from a chain). */
const timeline = (history: Pick<BookHistory, 'records' | 'readings'>): TimelineEntry[] => [
  ...history.records.map((r) => ({
    type: 'record' as const,
    timestamp: r.timestamp,
    mileage: r.mileage,
    kind: r.kind,
    index: r.index,
  })),
  ...history.readings.map((r) => ({ type: 'reading' as const, timestamp: r.timestamp, mileage: r.mileage })),
];

describe('mileagePointsOf', () => {
  it('puts records and signed readings on one axis, oldest first', () => {
    const points = mileagePointsOf({
      records: [record(0, 0, 1_000), record(1, 20, 3_000)],
      readings: [reading(10, 2_000, 50)],
    });
    expect(points.map((p) => [p.source, p.mileage])).toEqual([
      ['record', 1_000],
      ['reading', 2_000],
      ['record', 3_000],
    ]);
  });
});

describe('mileageChartOf', () => {
  it('marks the correction, the implausible jump, the long gap and the silent device from the verdict', () => {
    const history = {
      records: [
        record(0, 0, 10_000),
        record(1, 1, 30_000),
        record(2, 1_000, 60_000),
        record(3, 1_001, 59_000, 'OdometerCorrection'),
      ],
      readings: [reading(0.5, 10_400, 40)],
      voidedEntries: [],
    };
    const verdict = computeVerdict(timeline(history));
    const { points, bands } = mileageChartOf(history, verdict);
    expect(points.map((p) => [p.km, p.source, p.jump, p.correction])).toEqual([
      [10_000, 'record', false, false],
      [10_400, 'reading', false, false],
      [30_000, 'record', true, false],
      [60_000, 'record', false, false],
      [59_000, 'record', false, true],
    ]);
    expect(bands).toEqual(
      expect.arrayContaining([
        { kind: 'gap', from: T0 + DAY, to: T0 + 1_000 * DAY },
        { kind: 'silent', from: T0 + 0.5 * DAY, to: T0 + 1_001 * DAY },
      ]),
    );
  });

  it('leaves out an entry voided by a consortium vote and the vote’s own record', () => {
    const history = {
      records: [record(0, 0, 10_000), record(1, 30, 9_000_000), record(2, 40, 10_000, 'EntryVoided')],
      readings: [],
      voidedEntries: [
        { voidedIndex: 1, index: 2, restoredMileage: 10_000, timestamp: T0 + 40 * DAY, documentHash: zeroHash },
      ],
    };
    const { points } = mileageChartOf(history, { findings: [] });
    expect(points.map((p) => p.km)).toEqual([10_000]);
  });
});
