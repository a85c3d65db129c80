/**
 * The VIN check digit (position 9) as defined by 49 CFR 565.15 for North America.
 *
 * Kept apart from the validation rules because it is pure arithmetic that the tests and the demo-data
 * generators also need on its own (to build valid VINs), without the region policy around it.
 */

/** Positional weights of 49 CFR 565.15; position 9 (the check digit itself) weighs 0. */
export const CHECK_DIGIT_WEIGHTS: readonly number[] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * Letters transliterate to digits; I, O and Q are absent because they are never valid in a VIN.
 * The mapping is not one-to-one (A, J and 1 are all worth 1), which is why a few substitutions such as
 * A↔J pass the check: the check digit guards against typing slips, not against forgery.
 */
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

/** Numeric value of one VIN character for the check-digit sum; throws on characters a VIN never holds. */
export function transliterate(char: string): number {
  if (char.length === 1 && char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  const value = TRANSLITERATION[char];
  if (value === undefined) throw new RangeError(`'${char}' is not a VIN character`);
  return value;
}

/**
 * The check digit a 17-character VIN must carry at position 9: the weighted sum modulo 11, with 10
 * written as 'X'. The character currently at position 9 does not affect the result (weight 0).
 */
export function computeCheckDigit(vin: string): string {
  if (vin.length !== 17) throw new RangeError(`A VIN has 17 characters; got ${vin.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += transliterate(vin[i]) * CHECK_DIGIT_WEIGHTS[i];
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** Returns the VIN with position 9 replaced by its correct check digit (used to build valid test VINs). */
export function withCheckDigit(vin: string): string {
  return vin.slice(0, 8) + computeCheckDigit(vin) + vin.slice(9);
}
