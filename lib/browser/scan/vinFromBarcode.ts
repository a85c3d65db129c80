import { validateVin } from '../vin/vin';

/** Runs of characters a VIN may hold (no I, O or Q); what separates them (spaces, '*', ':', '-'...) is not. */
const CANDIDATE_RUN = /[A-HJ-NPR-Z0-9]{17,}/g;

/**
 * What to put in the VIN field from the texts of the barcodes seen in one camera frame.
 *
 * - A valid VIN anywhere in a barcode wins: a Code 39 label on a door jamb often reads "I" + VIN (the import
 *   marker) or carries start/stop asterisks, and a QR code or Data Matrix may hold the VIN among other fields.
 * - Otherwise the first barcode's text itself, trimmed: the page validates it like a typed VIN, so a misread
 *   check digit or a barcode that holds no VIN is told in the same words as a typing error.
 * - `undefined` when no barcode was seen.
 */
export function vinFromBarcode(texts: readonly string[]): string | undefined {
  const readable = texts.map((text) => text.trim()).filter((text) => text !== '');
  for (const text of readable) {
    for (const [run] of text.toUpperCase().matchAll(CANDIDATE_RUN)) {
      for (let start = 0; start + 17 <= run.length; start++) {
        const result = validateVin(run.slice(start, start + 17));
        if (result.ok) return result.vin;
      }
    }
  }
  return readable[0];
}
