/** The ingester's hand-written calldata and native hashing against viem's generic encoder and hashing. */
import { describe, expect, it } from 'vitest';
import { encodeFunctionData, keccak256, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../../browser/contracts/generated';
import { encodeSubmitReadings, keccakHex, keccak_256, recoverReadingSigner, signReading } from './reading';

const domain = keccak256('0x01');

describe('reading encoding and hashing', () => {
  it('encodeSubmitReadings is byte for byte the ABI encoding of submitReadings', () => {
    const key = generatePrivateKey();
    for (const count of [1, 2, 57]) {
      const readings = Array.from({ length: count }, (_, i) =>
        signReading(domain, key, {
          tokenId: i === 0 ? 1n : BigInt(keccak256(`0x${i.toString(16).padStart(2, '0')}`)),
          mileage: BigInt(i * 1_000),
          timestamp: 1_767_225_600n + BigInt(i),
        }),
      );
      expect(encodeSubmitReadings(readings)).toBe(
        encodeFunctionData({ abi: carBookAbi, functionName: 'submitReadings', args: [readings] }),
      );
    }
  });

  it('native keccak256 equals viem keccak256, and a signed reading recovers to its device', () => {
    for (const data of ['0x', '0x00', `0x${'ab'.repeat(40_000)}`] as Hex[]) {
      expect(keccakHex(data)).toBe(keccak256(data));
      expect(Buffer.from(keccak_256(Buffer.from(data.slice(2), 'hex'))).toString('hex')).toBe(keccak256(data).slice(2));
    }
    const key = generatePrivateKey();
    const reading = signReading(domain, key, { tokenId: 7n, mileage: 12n, timestamp: 1_767_225_600n });
    expect(recoverReadingSigner(domain, reading)).toBe(privateKeyToAccount(key).address.toLowerCase());
  });
});
