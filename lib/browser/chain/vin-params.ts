import { toHex, type Address, type PublicClient } from 'viem';
import { consortiumAbi } from '../contracts/generated';
import type { VinCommitmentParams } from '../vin';

const cache = new Map<string, Promise<VinCommitmentParams>>();

/**
 * The VIN-commitment parameters as the consortium's governance set them on chain (Consortium
 * `vinCommitmentParams`). The chain is the authority: a static configuration file could be stale or forged,
 * and a wrong salt would silently look up the wrong car book.
 */
export function readVinCommitmentParams(client: PublicClient, consortium: Address): Promise<VinCommitmentParams> {
  const key = `${client.chain?.id ?? ''}:${consortium.toLowerCase()}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = client
      .readContract({ address: consortium, abi: consortiumAbi, functionName: 'vinCommitmentParams' })
      .then(([salt, n, r, p]) => {
        if (n < 2n || r < 1n || p < 1n || BigInt(salt) === 0n) {
          throw new Error('The consortium has not set its VIN-commitment parameters on chain yet');
        }
        return { salt: toHex(BigInt(salt), { size: 32 }), N: Number(n), r: Number(r), p: Number(p) };
      });
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
