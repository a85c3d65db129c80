import { getAddress, isAddress, isHex, size, type Address, type Hex } from 'viem';
import { formatKm } from '@/lib/browser/format';

/** Field checks shared by every wallet form: each returns a value or a sentence a person can act on. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export function checkAddress(input: string): Checked<Address> {
  const value = input.trim();
  if (value === '') return { ok: false, error: 'Required.' };
  if (!isAddress(value, { strict: false }))
    return { ok: false, error: 'Not an Ethereum address (0x followed by 40 hex digits).' };
  return { ok: true, value: getAddress(value) };
}

/** Whole kilometres, as a person types them ("48 200", "48,200"). */
export function checkMileage(input: string, atLeast?: number): Checked<bigint> {
  const digits = input.replace(/[\s,._]/g, '');
  if (digits === '') return { ok: false, error: 'Required.' };
  if (!/^\d{1,8}$/.test(digits)) return { ok: false, error: 'Enter whole kilometres, e.g. 48200.' };
  const value = BigInt(digits);
  if (atLeast !== undefined && value < BigInt(atLeast)) {
    return { ok: false, error: `Mileage can't go down: the book already shows ${formatKm(atLeast)}.` };
  }
  return { ok: true, value };
}

/** A whole number of days between 1 and `maxDays` (the governance maximum). */
export function checkDays(input: string, maxDays: number): Checked<number> {
  const value = input.trim();
  if (value === '') return { ok: false, error: 'Required.' };
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1)
    return { ok: false, error: 'Enter a whole number of days, at least 1.' };
  if (Number(value) > maxDays)
    return { ok: false, error: `At most ${maxDays} days: the consortium's limit for a workshop grant.` };
  return { ok: true, value: Number(value) };
}

/** A 32-byte hash typed as 0x followed by 64 hex digits (a car book id or a document's sha256). */
export function checkBytes32(input: string): Checked<Hex> {
  const value = input.trim().toLowerCase();
  if (!isHex(value, { strict: true }) || size(value) !== 32) {
    return { ok: false, error: 'Expected 0x followed by 64 hex digits.' };
  }
  return { ok: true, value: value };
}

/** The message to show under a field, once the person typed something. */
export function fieldError<T>(input: string, checked: Checked<T>): string | undefined {
  return input.trim() === '' || checked.ok ? undefined : checked.error;
}
