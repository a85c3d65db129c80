/**
 * The VIN rules of CarBook: how a typed VIN is normalised and when it is accepted.
 *
 * This is the single place these rules live. The commitment (and therefore the car book's token id) is
 * computed from the normalised VIN, so the dApp, the seeding scripts and any future tool must all go
 * through `parseVin`; two slightly different normalisations would silently point at different books.
 */
import { computeCheckDigit } from './check-digit';

export const VIN_LENGTH = 17;

/** Why a VIN was refused, for callers that want to react without parsing the message. */
export type VinErrorReason = 'length' | 'character' | 'forbidden-letter' | 'check-digit';

export class VinError extends Error {
  override readonly name = 'VinError';
  constructor(
    message: string,
    readonly reason: VinErrorReason,
    /** 1-based position in the normalised VIN, when the problem is at one place. */
    readonly position?: number,
  ) {
    super(message);
  }
}

export type VinValidation =
  { ok: true; vin: string } | { ok: false; error: string; reason: VinErrorReason; position?: number };

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
function findProblem(vin: string): VinError | undefined {
  // Characters first: "found 'O' at position 5" is more useful than a length count when both are wrong.
  for (let i = 0; i < vin.length; i++) {
    const char = vin[i];
    const position = i + 1;
    if (char === 'I' || char === 'O' || char === 'Q') {
      return new VinError(
        `The letters I, O and Q are never used in a VIN (found '${char}' at position ${position})`,
        'forbidden-letter',
        position,
      );
    }
    if (!/^[A-Z0-9]$/.test(char)) {
      return new VinError(
        `A VIN contains only the letters A–Z and the digits 0–9 (found '${char}' at position ${position})`,
        'character',
        position,
      );
    }
  }
  if (vin.length !== VIN_LENGTH) {
    const count = vin.length === 0 ? 'this one is empty' : `this one has ${vin.length}`;
    return new VinError(`A VIN has ${VIN_LENGTH} characters; ${count}`, 'length');
  }
  if (usesCheckDigit(vin)) {
    const expected = computeCheckDigit(vin);
    const actual = vin[8];
    if (actual !== expected) {
      return new VinError(
        `Check digit mismatch: position 9 is '${actual}' but the VIN's check digit is '${expected}' — probably a typing error`,
        'check-digit',
        9,
      );
    }
  }
  return undefined;
}

export function validateVin(input: string): VinValidation {
  const vin = normaliseVin(input);
  const problem = findProblem(vin);
  if (problem === undefined) return { ok: true, vin };
  return problem.position === undefined
    ? { ok: false, error: problem.message, reason: problem.reason }
    : { ok: false, error: problem.message, reason: problem.reason, position: problem.position };
}

/** The normalised VIN, or a `VinError` whose message can be shown to the person who typed it. */
export function parseVin(input: string): string {
  const vin = normaliseVin(input);
  const problem = findProblem(vin);
  if (problem !== undefined) throw problem;
  return vin;
}
