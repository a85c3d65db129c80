/**
 * Mileage as a person types it, and the plausibility rule every writer shares with the buyer's verdict.
 * The chain stores whole kilometres: a decimal separator is never dropped (it once turned "1500.5" into
 * 15,005 km and "12,5" into 125 km); a thousands separator is accepted only where the page's language puts
 * one, in groups of three digits.
 */
import { VERDICT_RULES } from '../history/verdict';

/** CarBook.MAX_MILEAGE_KM: the registry refuses any larger odometer value. */
export const MAX_MILEAGE_KM = 10_000_000;

/**
 * The plausible daily distance when the chain's parameter is unknown: the buyer's verdict's bound
 * (VERDICT_RULES.maxKmPerDay), so what a writer confirms is what a buyer sees flagged.
 */
export const PLAUSIBLE_KM_PER_DAY = VERDICT_RULES.maxKmPerDay;

/**
 * The daily distance above which a writer confirms, given the consortium's `carbook.maxKmPerDay` parameter (0 or
 * undefined: not set by governance, the registry then applies its own default). Governance's bound when it is
 * stricter than the verdict's (a consortium that lowered it to 1,000 km/day asks above 1,000), the verdict's
 * otherwise: a writer is never let through without a question on a jump buyers will see flagged. Above the
 * parameter itself the chain refuses the record (the simulation says so before anything is sent).
 */
export function plausibleKmPerDay(maxKmPerDay?: bigint | number): number {
  const governed = maxKmPerDay === undefined ? 0 : Number(maxKmPerDay);
  return governed > 0 ? Math.min(governed, PLAUSIBLE_KM_PER_DAY) : PLAUSIBLE_KM_PER_DAY;
}

export type MileageProblem = 'empty' | 'decimal' | 'not-a-number' | 'too-large';
export type ParsedMileage = { ok: true; km: number } | { ok: false; problem: MileageProblem };

const SPACES = /[\s\u00a0\u202f]/g;

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/**
 * Whole kilometres from what a person typed, in `locale`'s conventions: "48200", "48 200", "48,200" (en),
 * "48 200" (fr). A decimal part ("1500.5", "12,5") or a misplaced separator is a problem, never a multiplication.
 */
export function parseWholeKm(input: string, locale = 'en'): ParsedMileage {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  const { group, decimal } = separators(locale);
  const spaced = group.replace(SPACES, '') === '';
  // Spaces always group digits; the language's own group mark (en ",") only in groups of three.
  const normalised = trimmed.replace(SPACES, ' ');
  const marks = spaced ? [' '] : [' ', group];
  let digits: string | undefined;
  if (/^\d+$/.test(normalised)) digits = normalised;
  else {
    for (const mark of marks) {
      const escaped = mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`^\\d{1,3}(${escaped}\\d{3})+$`).test(normalised)) digits = normalised.split(mark).join('');
    }
  }
  if (digits === undefined) {
    return { ok: false, problem: /[.,]/.test(normalised) || normalised.includes(decimal) ? 'decimal' : 'not-a-number' };
  }
  const km = Number(digits.replace(/^0+(?=\d)/, ''));
  if (digits.length > 8 || km > MAX_MILEAGE_KM) return { ok: false, problem: 'too-large' };
  return { ok: true, km };
}

/**
 * Whether going from `previous` to `next` (km, unix seconds) is more than a car drives at `perDay` km a day (the
 * form passes `plausibleKmPerDay(chain parameter)`): the verdict's rule (jumps under
 * VERDICT_RULES.minFlaggedJumpKm never count; intervals under an hour count as an hour).
 */
export function isImplausibleJump(
  previous: { km: number; timestamp: number },
  next: { km: number; timestamp: number },
  perDay: number = PLAUSIBLE_KM_PER_DAY,
): boolean {
  const jump = next.km - previous.km;
  const days = Math.max((next.timestamp - previous.timestamp) / 86_400, 1 / 24);
  return jump >= VERDICT_RULES.minFlaggedJumpKm && jump / days > perDay;
}
