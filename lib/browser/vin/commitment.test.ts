import { scryptSync } from 'node:crypto';
import fc from 'fast-check';
import { keccak256, toHex, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  DEV_VIN_COMMITMENT_PARAMS,
  bookIdCandidates,
  bookIdOf,
  tokenIdFromCommitment,
  vinCommitment,
  wmiHolderKey,
  wmiOf,
  type VinCommitmentParams,
} from './commitment';
import vectors from './vectors.json';
import { VinError } from './vin';

/** Small cost for fast tests: the construction is the same, only the work factor differs. */
const FAST: VinCommitmentParams = { ...DEV_VIN_COMMITMENT_PARAMS, N: 2 ** 10 };

type Vector = { vin: string; params: VinCommitmentParams; commitment: Hex; bookId: Hex };

describe('vinCommitment known-answer vectors (lib/browser/vin/vectors.json)', () => {
  // The vectors were produced with Node's OpenSSL scrypt, an implementation independent of @noble/hashes.
  it.each((vectors as Vector[]).map((v) => [v.vin, v.params.N, v.params.r, v.params.p, v] as const))(
    '%s N=%i r=%i p=%i',
    async (_vin, _N, _r, _p, vector) => {
      expect(await vinCommitment(vector.vin, vector.params)).toBe(vector.commitment);
    },
  );

  it('includes one vector at the development parameters', () => {
    const dev = (vectors as Vector[]).filter((v) => v.params.N === DEV_VIN_COMMITMENT_PARAMS.N);
    expect(dev.length).toBeGreaterThan(0);
    expect(dev[0].params).toEqual(DEV_VIN_COMMITMENT_PARAMS);
  });
});

describe('vinCommitment', () => {
  it('equals keccak256 of OpenSSL scrypt for random VIN-shaped inputs and salts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 32 }), async (saltBytes) => {
        const vin = 'WVWZZZ1JZXW000001';
        const params = { ...FAST, salt: toHex(saltBytes) };
        const expected = keccak256(scryptSync(vin, saltBytes, 32, { N: params.N, r: params.r, p: params.p }));
        expect(await vinCommitment(vin, params)).toBe(expected);
      }),
      { numRuns: 10 },
    );
  });

  it('normalises first, so the typed form does not matter', async () => {
    expect(await vinCommitment(' wvw-zzz 1jz-xw0 00001 ', FAST)).toBe(await vinCommitment('WVWZZZ1JZXW000001', FAST));
  });

  it('is deterministic and depends on the salt and on every cost parameter', async () => {
    const vin = '1HGCM82633A004352';
    const base = await vinCommitment(vin, FAST);
    expect(await vinCommitment(vin, FAST)).toBe(base);
    const variants = await Promise.all([
      vinCommitment(vin, { ...FAST, salt: `0x${'00'.repeat(32)}` }),
      vinCommitment(vin, { ...FAST, N: 2 ** 11 }),
      vinCommitment(vin, { ...FAST, r: 4 }),
      vinCommitment(vin, { ...FAST, p: 2 }),
      vinCommitment('1M8GDM9AXKP042788', FAST),
    ]);
    expect(new Set([base, ...variants]).size).toBe(6);
  });

  it('refuses an invalid VIN with the VIN message before doing any work', async () => {
    await expect(vinCommitment('1HGCM82643A004352', FAST)).rejects.toBeInstanceOf(VinError);
    await expect(vinCommitment('1HGCM82643A004352', FAST)).rejects.toThrow(/Check digit mismatch/);
  });

  it.each([
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- without it the literal widens to string and tsc rejects the row.
    ['empty salt', { ...FAST, salt: '0x' as Hex }, /salt/],
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- without it the literal widens to string and tsc rejects the row.
    ['odd-length salt', { ...FAST, salt: '0xabc' as Hex }, /salt/],
    ['non-hex salt', { ...FAST, salt: 'd0bb' as Hex }, /salt/],
    ['N not a power of two', { ...FAST, N: 1000 }, /power of two/],
    ['r = 0', { ...FAST, r: 0 }, /r must be/],
    ['p = 0', { ...FAST, p: 0 }, /p must be/],
  ])('refuses parameters with %s', async (_name, params, message) => {
    await expect(vinCommitment('1HGCM82633A004352', params)).rejects.toThrow(message);
  });

  it('reports progress up to completion', async () => {
    const fractions: number[] = [];
    await vinCommitment('1HGCM82633A004352', { ...FAST, N: 2 ** 14 }, { onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });
});

describe('tokenIdFromCommitment', () => {
  it('is the commitment read as a uint256', () => {
    const commitment = (vectors as Vector[])[0].commitment;
    expect(tokenIdFromCommitment(commitment)).toBe(BigInt(commitment));
    expect(tokenIdFromCommitment(`0x${'00'.repeat(31)}01`)).toBe(1n);
    expect(tokenIdFromCommitment(`0x${'ff'.repeat(32)}`)).toBe(2n ** 256n - 1n);
  });

  it('refuses anything but 32 bytes of hex', () => {
    expect(() => tokenIdFromCommitment('0x01')).toThrow(RangeError);
    expect(() => tokenIdFromCommitment(`0x${'zz'.repeat(32)}`)).toThrow(RangeError);
  });
});

describe('bookIdOf: the WMI-bound book id (issue 10, item 6)', () => {
  // The vectors' bookId was computed with @noble/hashes keccak_256 over the ASCII WMI and the digest bytes.
  it.each((vectors as Vector[]).map((v) => [v.vin, v] as const))('%s', (_vin, vector) => {
    expect(bookIdOf(vector.vin, vector.commitment)).toBe(BigInt(vector.bookId));
  });

  it('binds the WMI: the same digest under another maker is another book', () => {
    const digest = (vectors as Vector[])[0].commitment;
    expect(bookIdOf('1HGCM82633A004352', digest)).not.toBe(bookIdOf('WVWZZZ1JZXW000001', digest));
    expect(wmiOf(' wvw-zzz 1jz-xw0 00001 ')).toBe('0x575657');
  });

  it('lists the legacy id (the digest) after the current one', () => {
    const { vin, commitment, bookId } = (vectors as Vector[])[0];
    expect(bookIdCandidates(vin, commitment)).toEqual({ current: BigInt(bookId), legacy: BigInt(commitment) });
  });

  it('names the WMI holder parameter like Parameters.wmiHolderKey, and refuses a non-WMI', () => {
    // keccak256(abi.encode("carbook.wmiHolder", bytes3("WVW"))), from `cast keccak $(cast abi-encode ...)`.
    expect(wmiHolderKey('WVW')).toBe(
      keccak256(
        '0x000000000000000000000000000000000000000000000000000000000000004057565700000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000011636172626f6f6b2e776d69486f6c646572000000000000000000000000000000',
      ),
    );
    expect(() => wmiHolderKey('WV')).toThrow(RangeError);
    expect(() => wmiHolderKey('WVI')).toThrow(RangeError);
  });
});
