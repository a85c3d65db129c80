/**
 * The buyer's verdict: what a careful expert would flag when reading a car's history. One pure function over a
 * normalised timeline, so the rules are testable without a chain and identical in every view (/verify, the
 * garage, the share-link view, the exported report). Findings carry data, not sentences: each view words them
 * in the page's language (public.json, namespace "verdict").
 */

export type TimelineEntry =
  | { type: 'created'; timestamp: number }
  /** `voided`: a consortium vote voided this entry as implausible (a `voided-entry` entry says when). */
  | {
      type: 'record';
      timestamp: number;
      mileage: number;
      kind: string;
      index: number;
      totalLoss?: boolean;
      voided?: boolean;
    }
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
  /**
   * The car's telematics device key: registered at the book's creation (`rotated` false) or replaced by its maker
   * (`DeviceKeyRotated`, `rotated` true); `removed` when the book has no device from then on.
   */
  | { type: 'device-key'; timestamp: number; rotated: boolean; removed: boolean }
  | { type: 'correction'; timestamp: number; previousMileage: number; correctedMileage: number }
  | {
      type: 'transfer';
      timestamp: number;
      to: string;
      toIsInsurerOrRecycler?: boolean;
      /** The mint's hand-over to the first owner. */
      first?: boolean;
    }
  | { type: 'wrecked'; timestamp: number }
  | { type: 'destroyed'; timestamp: number };

/** From best to worst: each has its words, colour and icon in every view. */
const VERDICT_LEVELS = ['clear', 'check', 'serious', 'destroyed'] as const;
export type VerdictLevel = (typeof VERDICT_LEVELS)[number];

export type Finding =
  | { kind: 'integrity'; level: 'serious'; detail: string }
  | { kind: 'book-voided'; level: 'serious'; at: number }
  | {
      kind: 'voided-entry';
      level: 'check';
      at: number;
      entry: number;
      mileage?: number;
      writtenAt?: number;
      restoredMileage: number;
    }
  | { kind: 'reassigned'; level: 'check'; at: number; previousOrg: number; manufacturerOrg: number }
  | { kind: 'destroyed'; level: 'destroyed'; at: number }
  | { kind: 'total-loss'; level: 'serious'; at: number; mileage?: number }
  | { kind: 'accident-repairable'; level: 'serious'; at: number; mileage: number }
  | { kind: 'rolling-wreck'; level: 'serious'; at: number; count: number }
  | { kind: 'correction'; level: 'check'; at: number; from: number; to: number }
  | { kind: 'implausible-jump'; level: 'check'; at: number; since: number; km: number; days: number }
  | { kind: 'long-gap'; level: 'check'; at: number; until: number; years: number; beforeFirstRecord: boolean }
  /** The maker replaced (or removed) the car's device key: readings before and after come from different devices. */
  | { kind: 'device-rotated'; level: 'check'; at: number; removed: boolean }
  /** A connected car's device stopped reporting at `at` while records show the car in use until `until`. */
  | { kind: 'device-silent'; level: 'check'; at: number; until: number; days: number };

export interface Verdict {
  level: VerdictLevel;
  /** Worst first, then by date. */
  findings: Finding[];
  /** Title holders who are people or companies using the car, apart from custody by an insurer or a recycler. */
  owners: { private: number; custody: number };
}

export const VERDICT_RULES = {
  /** No ordinary car averages more than this between two entries (a taxi does ~400 km/day). */
  maxKmPerDay: 1_500,
  /** Jumps smaller than this are never flagged, whatever the interval (two readings a minute apart). */
  minFlaggedJumpKm: 5_000,
  /** A period without any entry longer than this is worth asking about. */
  longGapDays: 730,
  /**
   * A connected car reports whenever it is driven (the maker's cloud relays readings daily): a record written more
   * than this long after its device's last reading means the car was used while the device said nothing (unplugged,
   * faulty or tampered). A car parked for a season with no record in between is not flagged.
   */
  silentDeviceDays: 90,
} as const;

const DAY = 86_400;
const rank = (level: VerdictLevel) => VERDICT_LEVELS.indexOf(level);

export function computeVerdict(
  entries: TimelineEntry[],
  options: { integrityProblem?: string; now?: number } = {},
): Verdict {
  const findings: Finding[] = [];
  const timeline = [...entries].sort((a, b) => a.timestamp - b.timestamp);

  if (options.integrityProblem) {
    findings.push({ kind: 'integrity', level: 'serious', detail: options.integrityProblem });
  }

  const bookVoided = timeline.find((entry) => entry.type === 'book-voided');
  if (bookVoided) findings.push({ kind: 'book-voided', level: 'serious', at: bookVoided.timestamp });

  const wreck = timeline.find((entry) => entry.type === 'wrecked');
  const destroyed = timeline.find((entry) => entry.type === 'destroyed');
  if (destroyed) findings.push({ kind: 'destroyed', level: 'destroyed', at: destroyed.timestamp });

  // Expert diagnoses: the one in the wreck's transaction is the total loss, any other found the car repairable.
  let totalLossDiagnosed = false;
  for (const entry of timeline) {
    if (entry.type !== 'record' || entry.kind !== 'ExpertDiagnosis') continue;
    if (entry.totalLoss) {
      totalLossDiagnosed = true;
      findings.push({ kind: 'total-loss', level: 'serious', at: entry.timestamp, mileage: entry.mileage });
    } else {
      findings.push({ kind: 'accident-repairable', level: 'serious', at: entry.timestamp, mileage: entry.mileage });
    }
  }
  if (wreck && !totalLossDiagnosed) findings.push({ kind: 'total-loss', level: 'serious', at: wreck.timestamp });

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
      findings.push({ kind: 'rolling-wreck', level: 'serious', at: afterWreck[0].timestamp, count: afterWreck.length });
    }
  }

  for (const entry of timeline) {
    if (entry.type === 'voided-entry') {
      findings.push({
        kind: 'voided-entry',
        level: 'check',
        at: entry.timestamp,
        entry: entry.voidedIndex + 1,
        mileage: entry.voidedMileage,
        writtenAt: entry.voidedAt,
        restoredMileage: entry.restoredMileage,
      });
    }
    if (entry.type === 'reassigned') {
      findings.push({
        kind: 'reassigned',
        level: 'check',
        at: entry.timestamp,
        previousOrg: entry.previousOrg,
        manufacturerOrg: entry.manufacturerOrg,
      });
    }
    if (entry.type === 'correction') {
      findings.push({
        kind: 'correction',
        level: 'check',
        at: entry.timestamp,
        from: entry.previousMileage,
        to: entry.correctedMileage,
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
        level: 'check',
        at: current.timestamp,
        since: previous.timestamp,
        km: jump,
        days: Math.floor(days),
      });
    }
  }

  // Gaps: between any two dated entries (the book's creation included), and from the last one up to today.
  const dated = timeline.filter((entry) => entry.type !== 'destroyed');
  const firstRecordAt = withMileage[0]?.timestamp;
  const points = [...dated.map((entry) => entry.timestamp), ...(options.now && !destroyed ? [options.now] : [])];
  for (let i = 1; i < points.length; i++) {
    const gapDays = (points[i] - points[i - 1]) / DAY;
    if (gapDays > VERDICT_RULES.longGapDays) {
      findings.push({
        kind: 'long-gap',
        level: 'check',
        at: points[i - 1],
        until: points[i],
        years: Math.round((gapDays / 365.25) * 10) / 10,
        beforeFirstRecord: firstRecordAt !== undefined && points[i] === firstRecordAt,
      });
    }
  }

  findings.push(...deviceFindings(timeline));

  findings.sort((a, b) => rank(b.level) - rank(a.level) || ('at' in a ? a.at : 0) - ('at' in b ? b.at : 0));
  const level = findings.reduce<VerdictLevel>((worst, f) => (rank(f.level) > rank(worst) ? f.level : worst), 'clear');
  return { level, findings, owners: ownersOf(timeline) };
}

/**
 * The telematics device's story: each replacement of its key, and each silence (no reading for more than
 * `silentDeviceDays` while records continue). A device is heard from at each reading and when a new key is
 * registered; a device that never reported once has not "gone silent".
 */
function deviceFindings(timeline: TimelineEntry[]): Finding[] {
  const findings: Finding[] = [];
  let lastHeard: number | undefined;
  let silence: { at: number; until: number } | undefined;
  const close = () => {
    if (silence) {
      const days = Math.floor((silence.until - silence.at) / DAY);
      findings.push({ kind: 'device-silent', level: 'check', ...silence, days });
    }
    silence = undefined;
  };
  for (const entry of timeline) {
    if (entry.type === 'device-key') {
      close();
      if (entry.rotated)
        findings.push({ kind: 'device-rotated', level: 'check', at: entry.timestamp, removed: entry.removed });
      lastHeard = entry.rotated && !entry.removed && lastHeard !== undefined ? entry.timestamp : undefined;
    } else if (entry.type === 'reading') {
      close();
      lastHeard = entry.timestamp;
    } else if (entry.type === 'record' && !entry.voided && lastHeard !== undefined) {
      if (entry.timestamp - lastHeard > VERDICT_RULES.silentDeviceDays * DAY) {
        silence = { at: lastHeard, until: entry.timestamp };
      }
    } else if (entry.type === 'wrecked' || entry.type === 'destroyed') {
      // Off the road from here on: the device may well stop.
      close();
      lastHeard = undefined;
    }
  }
  close();
  return findings;
}

/** Title holders: private owners apart from an insurer's or a recycler's custody (a wreck's legal path). */
function ownersOf(timeline: TimelineEntry[]): Verdict['owners'] {
  const owners = { private: 0, custody: 0 };
  let previous: string | undefined;
  for (const entry of timeline) {
    if (entry.type !== 'transfer' || entry.to.toLowerCase() === previous) continue;
    previous = entry.to.toLowerCase();
    if (entry.toIsInsurerOrRecycler) owners.custody++;
    else owners.private++;
  }
  return owners;
}
