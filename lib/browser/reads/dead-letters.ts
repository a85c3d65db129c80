/**
 * The ingester's dead-letter file (lib/server/ingest: one JSON line per reading it did not send, or that the chain
 * skipped), read in the browser from a file the maker's staff open: it never leaves the machine. Each line is
 * validated; a line that names its book (`tokenId`, written since the connected-cars page, or the `tokenId` of the
 * reading in `message` for older files) joins that car's counts, the others are counted apart.
 */
import * as v from 'valibot';

/** Most bytes read from a dead-letter file in the page (a year of a large fleet's rejects fits well below). */
export const MAX_DEAD_LETTER_BYTES = 50 * 1024 * 1024;

const tokenIdText = v.pipe(
  v.string(),
  v.regex(/^(0x[0-9a-fA-F]{1,64}|\d{1,78})$/),
  v.transform((value) => BigInt(value)),
);
const LineSchema = v.object({
  at: v.optional(v.string()),
  reason: v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z-]{0,63}$/)),
  tokenId: v.optional(tokenIdText),
  message: v.optional(v.unknown()),
});

export interface DeadLetterFile {
  /** Valid lines. */
  lines: number;
  /** Lines that are not a dead-letter record (not JSON, no reason). */
  invalid: number;
  /** Per book (token id in decimal): count by reason and the newest `at` seen. */
  byCar: Map<string, { total: number; byReason: Record<string, number>; lastAt?: string }>;
  /** Dead letters that name no book (malformed input), by reason. */
  unattributed: Record<string, number>;
}

/** The book a record names: its `tokenId`, else the `tokenId` of the reading it carries (older files). */
function bookOf(record: v.InferOutput<typeof LineSchema>): bigint | undefined {
  if (record.tokenId !== undefined) return record.tokenId;
  let message = record.message;
  if (typeof message === 'string') {
    try {
      message = JSON.parse(message) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const parsed = v.safeParse(tokenIdText, (message as { tokenId?: unknown }).tokenId);
  return parsed.success ? parsed.output : undefined;
}

/** Parses a dead-letter file's text (NDJSON). Never throws on bad lines: they are counted as invalid. */
export function parseDeadLetters(text: string): DeadLetterFile {
  const result: DeadLetterFile = { lines: 0, invalid: 0, byCar: new Map(), unattributed: {} };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      result.invalid++;
      continue;
    }
    const parsed = v.safeParse(LineSchema, json);
    if (!parsed.success) {
      result.invalid++;
      continue;
    }
    result.lines++;
    const record = parsed.output;
    const book = bookOf(record);
    if (book === undefined) {
      result.unattributed[record.reason] = (result.unattributed[record.reason] ?? 0) + 1;
      continue;
    }
    const key = book.toString();
    const car = result.byCar.get(key) ?? { total: 0, byReason: {} };
    car.total++;
    car.byReason[record.reason] = (car.byReason[record.reason] ?? 0) + 1;
    if (record.at && (!car.lastAt || record.at > car.lastAt)) car.lastAt = record.at;
    result.byCar.set(key, car);
  }
  return result;
}

/** One car's dead letters from a parsed file (undefined: none, or no file). */
export function deadLettersByCar(file: DeadLetterFile | undefined, tokenId: bigint) {
  return file?.byCar.get(tokenId.toString());
}
