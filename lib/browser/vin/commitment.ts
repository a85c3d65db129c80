/**
 * The VIN commitment behind a car book's id. The VIN digest is keccak256(scrypt(normalisedVIN, salt, N, r, p, 32));
 * the book id binds the maker: `uint256(keccak256(wmi ‖ digest))`, the WMI being the VIN's first three characters
 * (ISO 3780 world manufacturer identifier, in clear: it names the maker, not the car), so that CarBook lets only
 * the organisation holding that WMI create the book, without learning the VIN. Books created before the WMI binding
 * have the digest itself as their id (`bookIdCandidates`).
 *
 * A plain hash of a VIN would not hide it: a maker's VIN space for one year is small enough to hash
 * exhaustively. scrypt makes each guess cost tens of milliseconds and tens of MiB, which is nothing for
 * one buyer looking up one car in a browser and a lot for someone enumerating millions of candidates.
 * The outer keccak256 gives the contracts a value in their native hash domain and width.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import {
  encodeAbiParameters,
  encodePacked,
  hexToBigInt,
  hexToBytes,
  isHex,
  keccak256,
  size,
  toHex,
  type Hex,
} from 'viem';
import { parseVin } from './vin';

/** The consortium's scrypt parameters, read from the chain's configuration in production. */
export type VinCommitmentParams = {
  /** Public, consortium-wide salt: separates this consortium's commitments from any other's. */
  salt: Hex;
  /** CPU/memory cost, a power of two; memory used is 128 · N · r bytes. */
  N: number;
  r: number;
  p: number;
};

export type VinCommitmentOptions = {
  /** Called with the completed fraction (0..1), for a progress bar while the browser derives. */
  onProgress?: (fraction: number) => void;
};

/**
 * Development-only parameters for the local consortium (`npm start`) and tests. NOT FOR PRODUCTION:
 * the salt is public in this repository, so a real consortium must draw its own random salt.
 * The salt is sha256("CarBook ledger development VIN salt - not for production"), so that it visibly
 * hides nothing. N = 2^15, r = 8 (32 MiB) is the same cost a production network is expected to use;
 * see `npm run bench:vin` for what it costs per lookup and per enumerated candidate.
 */
export const DEV_VIN_COMMITMENT_PARAMS: Readonly<VinCommitmentParams> = Object.freeze({
  salt: '0xd0bb4e3c237397fed4b6e3ca15f86a72579ef602192da61a2b39da21451a0ffc',
  N: 2 ** 15,
  r: 8,
  p: 1,
});

function checkParams({ salt, N, r, p }: VinCommitmentParams): void {
  // An empty or odd-length salt is almost certainly a configuration mistake, not a choice.
  if (!isHex(salt, { strict: true }) || salt.length < 4 || salt.length % 2 !== 0) {
    throw new RangeError(`VIN commitment salt must be non-empty 0x-prefixed hex bytes, got '${salt}'`);
  }
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0) {
    throw new RangeError(`VIN commitment N must be a power of two ≥ 2, got ${N}`);
  }
  if (!Number.isSafeInteger(r) || r < 1) throw new RangeError(`VIN commitment r must be ≥ 1, got ${r}`);
  if (!Number.isSafeInteger(p) || p < 1) throw new RangeError(`VIN commitment p must be ≥ 1, got ${p}`);
}

/**
 * The commitment of a VIN. The VIN is validated and normalised first (throws `VinError`), so
 * "wvw-zzz1jzxw000001" and "WVWZZZ1JZXW000001" commit to the same book.
 * Uses the asynchronous scrypt, which yields to the event loop every few milliseconds so a page stays
 * responsive while it derives.
 */
export async function vinCommitment(
  vin: string,
  params: VinCommitmentParams,
  options: VinCommitmentOptions = {},
): Promise<Hex> {
  const normalised = parseVin(vin);
  checkParams(params);
  const derived = await scryptAsync(new TextEncoder().encode(normalised), hexToBytes(params.salt), {
    N: params.N,
    r: params.r,
    p: params.p,
    dkLen: 32,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return keccak256(derived);
}

/** The ERC-721 token id of a car book: `uint256(vinCommitment)`. */
export function tokenIdFromCommitment(commitment: Hex): bigint {
  if (!isHex(commitment, { strict: true }) || size(commitment) !== 32) {
    throw new RangeError(`A VIN commitment is 32 bytes of 0x-prefixed hex, got '${commitment}'`);
  }
  return hexToBigInt(commitment);
}

/** The VIN's world manufacturer identifier (its first three characters) as the `bytes3` CarBook takes. */
export function wmiOf(vin: string): Hex {
  return toHex(parseVin(vin).slice(0, 3), { size: 3 });
}

/** The book id of a VIN whose digest is `digest` (= `vinCommitment(vin, params)`): keccak256(wmi ‖ digest). */
export function bookIdOf(vin: string, digest: Hex): bigint {
  return bookIdFromParts(wmiOf(vin), digest);
}

/** `uint256(keccak256(abi.encodePacked(bytes3 wmi, bytes32 digest)))`, as `CarBook.createCarBook` computes it. */
export function bookIdFromParts(wmi: Hex, digest: Hex): bigint {
  return hexToBigInt(keccak256(encodePacked(['bytes3', 'bytes32'], [wmi, digest])));
}

/**
 * Where a VIN's book may be, in the order a reader tries them: the WMI-bound id, then the id a book created before
 * the WMI binding has (the digest). CarBook keeps one book per car across the upgrade: it refuses a new book while
 * a live book has the legacy id.
 */
export function bookIdCandidates(vin: string, digest: Hex): { current: bigint; legacy: bigint } {
  return { current: bookIdOf(vin, digest), legacy: tokenIdFromCommitment(digest) };
}

/** The consortium parameter naming the organisation that holds `wmi` (`Parameters.wmiHolderKey` in Solidity). */
export function wmiHolderKey(wmi: string): Hex {
  if (!/^[A-HJ-NPR-Z0-9]{3}$/.test(wmi)) throw new RangeError(`A WMI is three VIN characters, got '${wmi}'`);
  return keccak256(
    encodeAbiParameters([{ type: 'string' }, { type: 'bytes3' }], ['carbook.wmiHolder', toHex(wmi, { size: 3 })]),
  );
}
