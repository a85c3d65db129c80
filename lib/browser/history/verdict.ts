/**
 * The buyer's verdict: what a careful expert would flag when reading a car's history. Pure functions over
 * a normalised timeline, so the rules are testable without a chain and identical in every view.
 */

import { formatDateTime, formatKm } from '../format';

export type TimelineEntry =
  /** `voided`: a consortium vote voided this entry as implausible (a `voided-entry` entry says when). */
  | { type: 'record'; timestamp: number; mileage: number; kind: string; index: number; voided?: boolean }
  | {
      type: 'voided-entry';
      timestamp: number;
      voidedIndex: number;
      voidedMileage?: number;
      voidedAt?: number;
      restoredMileage: number;
    }
  | { type: 'reassigned'; timestamp: number; previousOrg: number; manufacturerOrg: number }
  | { type: 'book-voided'; timestamp: number }
  | { type: 'reading'; timestamp: number; mileage: number }
  | { type: 'correction'; timestamp: number; previousMileage: number; correctedMileage: number }
  | { type: 'transfer'; timestamp: number; to: string; toIsInsurerOrRecycler?: boolean }
  | { type: 'wrecked'; timestamp: number }
  | { type: 'destroyed'; timestamp: number };

export type FindingKind =
  | 'integrity'
  | 'rolling-wreck'
  | 'wrecked'
  | 'destroyed'
  | 'correction'
  | 'voided-entry'
  | 'reassigned'
  | 'book-voided'
  | 'implausible-jump'
  | 'long-gap';

export interface Finding {
  kind: FindingKind;
  severity: 'danger' | 'warning' | 'info';
  message: string;
  at?: number;
}

export interface Verdict {
  level: 'ok' | 'warning' | 'danger';
  findings: Finding[];
}

export const VERDICT_RULES = {
  /** No ordinary car averages more than this between two entries (a taxi does ~400 km/day). */
  maxKmPerDay: 1_500,
  /** Jumps smaller than this are never flagged, whatever the interval (two readings a minute apart). */
  minFlaggedJumpKm: 5_000,
  /** A period without any entry longer than this is worth asking about. */
  longGapDays: 730,
} as const;

const DAY = 86_400;

export function computeVerdict(
  entries: TimelineEntry[],
  options: { integrityProblem?: string; now?: number } = {},
): Verdict {
  const findings: Finding[] = [];
  const timeline = [...entries].sort((a, b) => a.timestamp - b.timestamp);

  if (options.integrityProblem) {
    findings.push({
      kind: 'integrity',
      severity: 'danger',
      message: `The history returned by the node is incomplete or altered: ${options.integrityProblem}.`,
    });
  }

  const bookVoided = timeline.find((entry) => entry.type === 'book-voided');
  if (bookVoided) {
    findings.push({
      kind: 'book-voided',
      severity: 'danger',
      at: bookVoided.timestamp,
      message: `A consortium vote voided this car book on ${formatDateTime(bookVoided.timestamp)} (it was created wrongly, e.g. by another maker): it is not this car's history.`,
    });
  }

  const wreck = timeline.find((entry) => entry.type === 'wrecked');
  const destroyed = timeline.find((entry) => entry.type === 'destroyed');
  if (destroyed) {
    findings.push({
      kind: 'destroyed',
      severity: 'danger',
      at: destroyed.timestamp,
      message: `Declared destroyed by a recycler on ${formatDateTime(destroyed.timestamp)}.`,
    });
  } else if (wreck) {
    findings.push({
      kind: 'wrecked',
      severity: 'danger',
      at: wreck.timestamp,
      message: `Declared a total loss on ${formatDateTime(wreck.timestamp)}.`,
    });
  }
  if (wreck) {
    // A wreck may only travel to its insurer and a recycler; anything else afterwards is a rolling wreck.
    const afterWreck = timeline.filter(
      (entry) =>
        entry.timestamp > wreck.timestamp &&
        (entry.type === 'record' ||
          entry.type === 'reading' ||
          (entry.type === 'transfer' && !entry.toIsInsurerOrRecycler)),
    );
    if (afterWreck.length > 0) {
      findings.push({
        kind: 'rolling-wreck',
        severity: 'danger',
        at: afterWreck[0].timestamp,
        message: `Activity after the total loss (${afterWreck.length} entr${afterWreck.length === 1 ? 'y' : 'ies'} from ${formatDateTime(afterWreck[0].timestamp)}): this car appears to be back on the road.`,
      });
    }
  }

  for (const entry of timeline) {
    if (entry.type === 'voided-entry') {
      const what =
        entry.voidedMileage !== undefined && entry.voidedAt !== undefined
          ? `Entry ${entry.voidedIndex + 1} (${formatKm(entry.voidedMileage)} on ${formatDateTime(entry.voidedAt)})`
          : `Entry ${entry.voidedIndex + 1}`;
      findings.push({
        kind: 'voided-entry',
        severity: 'warning',
        at: entry.timestamp,
        message: `${what} was voided as implausible by a consortium vote on ${formatDateTime(entry.timestamp)}; the book continues from ${formatKm(entry.restoredMileage)}. This is not an odometer correction.`,
      });
    }
    if (entry.type === 'reassigned') {
      findings.push({
        kind: 'reassigned',
        severity: 'info',
        at: entry.timestamp,
        message: `A consortium vote on ${formatDateTime(entry.timestamp)} gave this book to the car's maker (organisation ${entry.manufacturerOrg}); organisation ${entry.previousOrg} had created it wrongly.`,
      });
    }
    if (entry.type === 'correction') {
      findings.push({
        kind: 'correction',
        severity: 'warning',
        at: entry.timestamp,
        message: `Odometer corrected on ${formatDateTime(entry.timestamp)} from ${formatKm(entry.previousMileage)} to ${formatKm(entry.correctedMileage)}, signed by the owner and an official workshop.`,
      });
    }
  }

  // Voided entries are out of the mileage analysis: the vote already said they are implausible.
  const withMileage = timeline.filter(
    (entry): entry is Extract<TimelineEntry, { type: 'record' | 'reading' }> =>
      (entry.type === 'record' && !entry.voided) || entry.type === 'reading',
  );
  for (let i = 1; i < withMileage.length; i++) {
    const previous = withMileage[i - 1];
    const current = withMileage[i];
    const jump = current.mileage - previous.mileage;
    const days = Math.max((current.timestamp - previous.timestamp) / DAY, 1 / 24);
    if (jump >= VERDICT_RULES.minFlaggedJumpKm && jump / days > VERDICT_RULES.maxKmPerDay) {
      findings.push({
        kind: 'implausible-jump',
        severity: 'warning',
        at: current.timestamp,
        message: `${formatKm(jump)} in ${days < 1 ? 'less than a day' : `${Math.round(days)} days`} (${formatDateTime(previous.timestamp)} → ${formatDateTime(current.timestamp)}) is more than a car can drive.`,
      });
    }
  }

  const dated = timeline.filter((entry) => entry.type !== 'destroyed');
  const points = [...dated.map((entry) => entry.timestamp), ...(options.now && !destroyed ? [options.now] : [])];
  for (let i = 1; i < points.length; i++) {
    const gapDays = (points[i] - points[i - 1]) / DAY;
    if (gapDays > VERDICT_RULES.longGapDays) {
      findings.push({
        kind: 'long-gap',
        severity: 'info',
        at: points[i - 1],
        message: `No entry for ${Math.round((gapDays / 365.25) * 10) / 10} years after ${formatDateTime(points[i - 1])}: ask for the service papers of that period.`,
      });
    }
  }

  const level = findings.some((f) => f.severity === 'danger')
    ? 'danger'
    : findings.some((f) => f.severity === 'warning')
      ? 'warning'
      : 'ok';
  return { level, findings };
}
