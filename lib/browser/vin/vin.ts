/**
 * The VIN rules of CarBook: how a typed VIN is normalised and when it is accepted.
 *
 * This is the single place these rules live. The commitment (and therefore the car book's token id) is
 * computed from the normalised VIN, so the dApp, the seeding scripts and any future tool must all go
 * through `parseVin`; two slightly different normalisations would silently point at different books.
 */
import { computeCheckDigit } from './check-digit';

export const VIN_LENGTH = 17;

/**
 * Why a VIN was refused, as a code with its details: the page that shows it words it in its own language
 * (the catalogue), so nothing here is a sentence for a person. `describeVinProblem` gives English for tools.
 */
export type VinProblem =
  | { code: 'length'; /** characters in the normalised VIN */ count: number }
  | { code: 'character'; char: string; /** 1-based, in the normalised VIN */ position: number }
  | { code: 'forbidden-letter'; char: 'I' | 'O' | 'Q'; position: number }
  | { code: 'check-digit'; actual: string; expected: string; position: 9 };

/** English, for developer tools and scripts (lib/dev): pages map `problem.code` to their catalogue instead. */
export function describeVinProblem(problem: VinProblem): string {
  switch (problem.code) {
    case 'length':
      return `A VIN has ${VIN_LENGTH} characters; ${problem.count === 0 ? 'this one is empty' : `this one has ${problem.count}`}`;
    case 'character':
      return `A VIN contains only the letters A–Z and the digits 0–9 (found '${problem.char}' at position ${problem.position})`;
    case 'forbidden-letter':
      return `The letters I, O and Q are never used in a VIN (found '${problem.char}' at position ${problem.position})`;
    case 'check-digit':
      return `Check digit mismatch: position 9 is '${problem.actual}' but the VIN's check digit is '${problem.expected}' — probably a typing error`;
  }
}

/** Thrown by `parseVin` (and so by the commitment): `problem` for code, an English message for logs and scripts. */
export class VinError extends Error {
  override readonly name = 'VinError';
  constructor(readonly problem: VinProblem) {
    super(describeVinProblem(problem));
  }
}

export type VinValidation = { ok: true; vin: string } | { ok: false; problem: VinProblem };

/**
 * World regions by the first WMI character (ISO 3780 allocation as commonly published). Informational:
 * the only rule that depends on the region is whether the check digit is mandatory.
 */
export type WmiRegion = 'africa' | 'asia' | 'europe' | 'north-america' | 'oceania' | 'south-america';

/**
 * Trim, drop whitespace and dashes anywhere (people copy VINs from papers that group them, e.g.
 * "WVW ZZZ 1JZ XW 000001"), upper-case. Does not validate: see `validateVin`.
 * `\p{Pd}` covers every Unicode dash, because word processors turn '-' into '–' when people paste.
 */
export function normaliseVin(input: string): string {
  return input.replace(/[\s\p{Pd}]+/gu, '').toUpperCase();
}

export function wmiRegion(vin: string): WmiRegion | undefined {
  const first = normaliseVin(vin).charAt(0);
  if (first >= '1' && first <= '5') return 'north-america';
  if (first === '6' || first === '7') return 'oceania';
  if (first === '8' || first === '9') return 'south-america';
  if (first >= 'A' && first <= 'H') return 'africa';
  if (first >= 'J' && first <= 'R') return 'asia';
  if (first >= 'S' && first <= 'Z') return 'europe';
  return undefined;
}

/**
 * The check digit is mandatory only for vehicles built for North America (49 CFR 565, Canada's CMVSR),
 * whose WMIs start with 1–5. Elsewhere position 9 is often a plain letter or a filler ('Z'), so checking
 * it there would refuse genuine European and Asian VINs.
 */
export function usesCheckDigit(vin: string): boolean {
  return wmiRegion(vin) === 'north-america';
}

/** Returns the first problem with an already-normalised VIN, or undefined if it is acceptable. */
function findProblem(vin: string): VinProblem | undefined {
  // Characters first: "found 'O' at position 5" is more useful than a length count when both are wrong.
  // Iterated by code point, so that a character outside the BMP is reported whole and positions count characters.
  const chars = [...vin];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    const position = i + 1;
    if (char === 'I' || char === 'O' || char === 'Q') return { code: 'forbidden-letter', char, position };
    if (!/^[A-Z0-9]$/.test(char)) return { code: 'character', char, position };
  }
  if (vin.length !== VIN_LENGTH) return { code: 'length', count: vin.length };
  if (usesCheckDigit(vin)) {
    const expected = computeCheckDigit(vin);
    const actual = vin[8];
    if (actual !== expected) return { code: 'check-digit', actual, expected, position: 9 };
  }
  return undefined;
}

export function validateVin(input: string): VinValidation {
  const vin = normaliseVin(input);
  const problem = findProblem(vin);
  return problem === undefined ? { ok: true, vin } : { ok: false, problem };
}

/** The normalised VIN, or a `VinError` carrying the problem (its message is English, for scripts and logs). */
export function parseVin(input: string): string {
  const vin = normaliseVin(input);
  const problem = findProblem(vin);
  if (problem !== undefined) throw new VinError(problem);
  return vin;
}
