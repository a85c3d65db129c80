import { getAddress, isAddress, isHex, size, type Address, type Hex } from 'viem';
import { formatKm } from '@/lib/browser/format';
import { parseWholeKm } from '@/lib/browser/mileage';

/**
 * Field checks shared by every wallet form: each returns a value or a problem a person can act on. `key` and
 * `values` name the sentence in the catalogue (validation namespace); `error` is its English text, for the
 * pages not yet translated.
 */
export type Problem = { key: ProblemKey; values?: Record<string, string | number> };
export type Checked<T> = { ok: true; value: T } | ({ ok: false; error: string } & Problem);

type ProblemKey = 'required' | 'notAddress' | 'mileage' | 'mileageDown' | 'days' | 'daysMax' | 'bytes32';

const ENGLISH: Record<ProblemKey, (values: Record<string, string | number>) => string> = {
  required: () => 'Required.',
  notAddress: () => 'Not an Ethereum address (0x followed by 40 hex digits).',
  mileage: () => 'Enter whole kilometres, without a decimal point or comma: e.g. 48200.',
  mileageDown: ({ last }) => `Mileage can't go down: the book already shows ${last}.`,
  days: () => 'Enter a whole number of days, at least 1.',
  daysMax: ({ max }) => `At most ${max} days: the consortium's limit for a workshop grant.`,
  bytes32: () => 'Expected 0x followed by 64 hex digits.',
};

function problem(key: ProblemKey, values: Record<string, string | number> = {}): Checked<never> {
  return { ok: false, key, values, error: ENGLISH[key](values) };
}

export function checkAddress(input: string): Checked<Address> {
  const value = input.trim();
  if (value === '') return problem('required');
  if (!isAddress(value, { strict: false })) return problem('notAddress');
  return { ok: true, value: getAddress(value) };
}

/** Whole kilometres, as a person types them ("48 200", "48,200" in English): lib/browser/mileage's rule. */
export function checkMileage(input: string, atLeast?: number, locale = 'en'): Checked<bigint> {
  const parsed = parseWholeKm(input, locale);
  if (!parsed.ok) return parsed.problem === 'empty' ? problem('required') : problem('mileage');
  if (atLeast !== undefined && parsed.km < atLeast) return problem('mileageDown', { last: formatKm(atLeast, locale) });
  return { ok: true, value: BigInt(parsed.km) };
}

/** A whole number of days between 1 and `maxDays` (the governance maximum). */
export function checkDays(input: string, maxDays: number): Checked<number> {
  const value = input.trim();
  if (value === '') return problem('required');
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1) return problem('days');
  if (Number(value) > maxDays) return problem('daysMax', { max: maxDays });
  return { ok: true, value: Number(value) };
}

/** A 32-byte hash typed as 0x followed by 64 hex digits (a car book id or a document's sha256). */
export function checkBytes32(input: string): Checked<Hex> {
  const value = input.trim().toLowerCase();
  if (!isHex(value, { strict: true }) || size(value) !== 32) return problem('bytes32');
  return { ok: true, value: value };
}

/** The problem to show under a field (translate it with the validation namespace), once the person typed something. */
export function fieldProblem<T>(input: string, checked: Checked<T>): Problem | undefined {
  return input.trim() === '' || checked.ok ? undefined : { key: checked.key, values: checked.values };
}
