import { toHex } from 'viem';
import { neutraliseOneLine } from '@/lib/browser/format';

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

export const shortHash = (hash: string) => `${hash.slice(0, 10)}…${hash.slice(-8)}`;

export const bookIdOf = (tokenId: bigint) => toHex(tokenId, { size: 32 });

/**
 * "Book created metadata" as the dealer wrote it ("demo:<model>" for the demo data), bidi controls neutralised;
 * `fallback` (the catalogue's word for a vehicle, in the page's language: `useModelLabel`) when it is empty.
 */
export function modelLabel(metadataURI: string, fallback: string): string {
  if (metadataURI.startsWith('demo:')) return neutraliseOneLine(metadataURI.slice('demo:'.length)) || fallback;
  return neutraliseOneLine(metadataURI) || fallback;
}

/** When the book's mileage was last stated (a record or a telematics reading): the start of the next jump. */
export function lastMileageAt(history: {
  records: { timestamp: number }[];
  readings: { timestamp: number }[];
}): number | undefined {
  const times = [...history.records, ...history.readings].map((entry) => entry.timestamp);
  return times.length > 0 ? Math.max(...times) : undefined;
}
