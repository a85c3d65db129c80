import { describe, expect, it } from 'vitest';
import { neutraliseBidi, neutraliseOneLine, oneLineProblem } from './oneLine';

// Issue 10, item 17: the same list as contracts/src/libraries/OneLineText.sol.
const FORBIDDEN = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
  '\u2028',
  '\u2029',
  '\n',
  '\u0000',
  '\u007F',
  '\u0085',
];

describe('one-line text', () => {
  it.each(FORBIDDEN.map((c) => [c.codePointAt(0)!.toString(16), c]))('refuses U+%s', (_code, c) => {
    // A code and the character's name, never a sentence: the form words it in the page's language.
    expect(oneLineProblem(`a${c}b`)).toEqual({
      code: 'control-character',
      codePoint: `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    });
    expect(neutraliseOneLine(`a${c}b`)).toBe('a\uFFFDb');
  });

  it('names the first offending character', () => {
    expect(oneLineProblem('invoice_\u202Efdp\u200E.exe')).toEqual({ code: 'control-character', codePoint: 'U+202E' });
  });

  it('accepts ordinary text in any script', () => {
    for (const text of ['Citroën C4 — 1.6 HDi (2019)', '日本の車', 'سيارة', 'x\u2010y\u2030']) {
      expect(oneLineProblem(text)).toBeUndefined();
      expect(neutraliseOneLine(text)).toBe(text);
    }
  });

  it('shows "invoice_\\u202Efdp.exe" for what it is', () => {
    expect(neutraliseOneLine('invoice_\u202Efdp.exe')).toBe('invoice_\uFFFDfdp.exe');
    expect(neutraliseBidi('a\u202Eb\nc')).toBe('a\uFFFDb\nc');
  });
});
