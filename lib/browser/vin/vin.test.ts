import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_DIGIT_WEIGHTS, computeCheckDigit, transliterate, withCheckDigit } from './check-digit';
import { describeVinProblem, normaliseVin, parseVin, usesCheckDigit, validateVin, VinError, wmiRegion } from './vin';

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/** Any 17 ISO 3779 characters starting with 1–5, check digit then fixed so the VIN is valid. */
const northAmericanVin = fc
  .tuple(fc.constantFrom(...'12345'), fc.string({ unit: fc.constantFrom(...VIN_CHARS), minLength: 16, maxLength: 16 }))
  .map(([first, rest]) => withCheckDigit(first + rest));

describe('normaliseVin', () => {
  it('trims, removes spaces and dashes of any kind, upper-cases', () => {
    expect(normaliseVin('  wvw zzz-1jz\txw–000001 ')).toBe('WVWZZZ1JZXW000001');
    expect(normaliseVin('1hgcm82633a004352')).toBe('1HGCM82633A004352');
  });

  it('is idempotent on any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (input) => {
        const once = normaliseVin(input);
        expect(normaliseVin(once)).toBe(once);
      }),
    );
  });
});

describe('validateVin accepts real VINs', () => {
  // North American VINs with correct check digits, as published in the standard's worked example,
  // Wikipedia and VIN-decoder documentation (cross-checked with an independent implementation).
  // European and Japanese VINs, whose position 9 is not a check digit, must pass whatever it holds.
  const valid = [
    '1M8GDM9AXKP042788', // 49 CFR 565 worked example (check digit X)
    '11111111111111111', // all ones, check digit 1
    '1HGCM82633A004352', // Honda Accord 2003
    '1HGBH41JXMN109186', // Honda, check digit X
    '5YJ3E1EA7HF000337', // Tesla Model 3
    '1XPTD40X6JD456115', // Peterbilt truck
    'WVWZZZ1JZXW000001', // Volkswagen Golf IV (Germany): position 9 is the filler 'Z'
    'VF1BB05CF23456789', // Renault (France)
    'WBA3A5C55CF256651', // BMW (Germany)
    'ZFA22300005556777', // Fiat (Italy)
    'JHMCM56557C404453', // Honda (Japan)
    'JN1DA31D63T505967', // Nissan (Japan)
    'SALGA2BE8KA000001', // Land Rover (UK)
  ];
  it.each(valid)('%s', (vin) => {
    expect(validateVin(vin)).toEqual({ ok: true, vin });
    expect(parseVin(vin.toLowerCase())).toBe(vin);
  });

  it('checks the digit only for North American WMIs (first character 1–5)', () => {
    // Same body, check digit deliberately wrong: refused in North America, accepted elsewhere.
    expect(usesCheckDigit('1HGCM82643A004352')).toBe(true);
    expect(validateVin('1HGCM82643A004352').ok).toBe(false);
    for (const first of 'JKLSVWZ6789') {
      const vin = `${first}HGCM82643A004352`;
      expect(usesCheckDigit(vin)).toBe(false);
      expect(validateVin(vin)).toEqual({ ok: true, vin });
    }
  });
});

// One test per refusal code: the code and its details (what pages word in their language), and the English
// that scripts get from parseVin's VinError.
describe('validateVin refuses with a code, never a sentence', () => {
  it.each([
    ['1HGCM82633A00435', { code: 'length', count: 16 }, 'A VIN has 17 characters; this one has 16'],
    ['1HGCM82633A0043521', { code: 'length', count: 18 }, 'A VIN has 17 characters; this one has 18'],
    ['   ', { code: 'length', count: 0 }, 'A VIN has 17 characters; this one is empty'],
    [
      '1HGCO82633A004352',
      { code: 'forbidden-letter', char: 'O', position: 5 },
      "The letters I, O and Q are never used in a VIN (found 'O' at position 5)",
    ],
    [
      'IHGCM82633A004352',
      { code: 'forbidden-letter', char: 'I', position: 1 },
      "The letters I, O and Q are never used in a VIN (found 'I' at position 1)",
    ],
    [
      '1HGCM82633A00435Q',
      { code: 'forbidden-letter', char: 'Q', position: 17 },
      "The letters I, O and Q are never used in a VIN (found 'Q' at position 17)",
    ],
    [
      '1HGCM826_3A004352',
      { code: 'character', char: '_', position: 9 },
      "A VIN contains only the letters A–Z and the digits 0–9 (found '_' at position 9)",
    ],
    [
      '1HGCM82633Ä004352',
      { code: 'character', char: 'Ä', position: 11 },
      "A VIN contains only the letters A–Z and the digits 0–9 (found 'Ä' at position 11)",
    ],
    [
      '1M8GDM93XKP042788'.replace('93X', '9A3'),
      { code: 'check-digit', actual: '3', expected: 'X', position: 9 },
      "Check digit mismatch: position 9 is '3' but the VIN's check digit is 'X' — probably a typing error",
    ],
  ] as const)('%s', (input, problem, english) => {
    const result = validateVin(input);
    expect(result).toEqual({ ok: false, problem });
    // No sentence travels with the result: the page words the code.
    expect(JSON.stringify(result)).not.toContain(' ');
    expect(describeVinProblem(problem)).toBe(english);
    const thrown = (() => {
      try {
        parseVin(input);
      } catch (error) {
        return error;
      }
      throw new Error('parseVin accepted an invalid VIN');
    })();
    expect(thrown).toBeInstanceOf(VinError);
    expect(thrown).toMatchObject({ message: english, problem });
  });

  it('reports a forbidden letter before a wrong length (the position is the more useful hint)', () => {
    expect(validateVin('1HGOM82633A')).toEqual({
      ok: false,
      problem: { code: 'forbidden-letter', char: 'O', position: 4 },
    });
  });

  it('reports a character outside the BMP whole, at its position in characters', () => {
    expect(validateVin('1HG🚗M82633A004352')).toEqual({
      ok: false,
      problem: { code: 'character', char: '🚗', position: 4 },
    });
  });
});

describe('check digit', () => {
  it('weights are those of 49 CFR 565.15', () => {
    expect(CHECK_DIGIT_WEIGHTS).toEqual([8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]);
  });

  it('computes X for remainder 10', () => {
    expect(computeCheckDigit('1M8GDM9AXKP042788')).toBe('X');
  });

  it('any generated North American VIN with its computed check digit is valid', () => {
    fc.assert(
      fc.property(northAmericanVin, (vin) => {
        expect(validateVin(vin)).toEqual({ ok: true, vin });
      }),
    );
  });

  it('changing one character of a North American VIN is caught unless it transliterates to the same value', () => {
    fc.assert(
      fc.property(
        northAmericanVin,
        fc.integer({ min: 0, max: 16 }),
        fc.constantFrom(...VIN_CHARS, 'I', 'O', 'Q'),
        (vin, index, replacement) => {
          fc.pre(vin[index] !== replacement);
          const altered = vin.slice(0, index) + replacement + vin.slice(index + 1);
          const result = validateVin(altered);
          const stillNorthAmerican = '12345'.includes(altered[0]);
          const sameValue =
            !'IOQ'.includes(replacement) && index !== 8 && transliterate(replacement) === transliterate(vin[index]);
          // The mod-11 sum with weights coprime to 11 catches every single substitution that changes the
          // transliterated value; A↔J↔1 style swaps are invisible by construction of the standard.
          if (stillNorthAmerican && !sameValue) expect(result.ok).toBe(false);
          if (sameValue) expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('wmiRegion', () => {
  it.each([
    ['1HGCM82633A004352', 'north-america'],
    ['WVWZZZ1JZXW000001', 'europe'],
    ['JHMCM56557C404453', 'asia'],
    ['AAVZZZ6RZ7U000001', 'africa'],
    ['6FPAAAJGCM0000001', 'oceania'],
    ['9BWZZZ377VT004251', 'south-america'],
    ['', undefined],
  ] as const)('%s → %s', (vin, region) => {
    expect(wmiRegion(vin)).toBe(region);
  });
});
