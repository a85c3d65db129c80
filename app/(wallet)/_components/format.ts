import { toHex } from 'viem';

export const km = (value: number | bigint) => `${Number(value).toLocaleString('en-US')} km`;

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

export const shortHash = (hash: string) => `${hash.slice(0, 10)}…${hash.slice(-8)}`;

export const bookIdOf = (tokenId: bigint) => toHex(tokenId, { size: 32 });

/** Date and time in the reader's words, e.g. "2 Dec 2026, 14:05". */
export function dateTime(seconds: number | bigint): string {
  return new Date(Number(seconds) * 1000).toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A governance duration in seconds as a person reads it: "30 days", "12 hours". */
export function duration(seconds: number | bigint): string {
  const s = Number(seconds);
  if (s % 86_400 === 0) return `${s / 86_400} day${s === 86_400 ? '' : 's'}`;
  if (s % 3_600 === 0) return `${s / 3_600} hour${s === 3_600 ? '' : 's'}`;
  return `${s.toLocaleString('en-US')} seconds`;
}

/** "Book created metadata" as the dealer wrote it ("demo:<model>" for the demo data). */
export function modelLabel(metadataURI: string): string {
  if (metadataURI.startsWith('demo:')) return metadataURI.slice('demo:'.length);
  return metadataURI || 'Vehicle';
}
