/**
 * One-line text (a model, an organisation's name, a document's name, a record's label): no control characters and
 * no bidirectional-text controls, which would make "invoice_\u202Efdp.exe" show as "invoice_exe.pdf". The same
 * list as `contracts/src/libraries/OneLineText.sol` (chain) and the payload rules of lib/browser/crypto/payload.ts.
 */

/** Bidirectional-text controls: ALM, LRM/RLM, embeddings and overrides (LRE…RLO), isolates (LRI…PDI). */
const BIDI = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const BIDI_CONTROLS = new RegExp(`[${BIDI}]`, 'u');
/** What a one-line field may not hold: C0 and C1 controls, line and paragraph separators, bidi controls. */
export const ONE_LINE_FORBIDDEN = new RegExp(`[\\p{Cc}\\u2028\\u2029${BIDI}]`, 'u');
const ONE_LINE_FORBIDDEN_ALL = new RegExp(ONE_LINE_FORBIDDEN.source, 'gu');
const BIDI_ALL = new RegExp(BIDI_CONTROLS.source, 'gu');

/**
 * Why a one-line text was refused, as a code: the page words it in its own language (the catalogue).
 * `codePoint` names the first offending character, e.g. "U+202E".
 */
export type OneLineProblem = { code: 'control-character'; codePoint: string };

/** Why `text` may not be written as one line, or undefined when it may. */
export function oneLineProblem(text: string): OneLineProblem | undefined {
  const match = ONE_LINE_FORBIDDEN.exec(text);
  if (!match) return undefined;
  const hex = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return { code: 'control-character', codePoint: `U+${hex}` };
}

/** `text` safe to show on one line: each forbidden character becomes U+FFFD (�), so that nothing reorders it. */
export function neutraliseOneLine(text: string): string {
  return text.replace(ONE_LINE_FORBIDDEN_ALL, '\uFFFD');
}

/** `text` with only its bidi controls replaced by U+FFFD (for readers of data written before the rule). */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_ALL, '\uFFFD');
}
