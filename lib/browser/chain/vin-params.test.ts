import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, type PublicClient } from 'viem';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { deployLocalConsortium, localChain } from '../../dev/stack/deploy';
import { DEV_VIN_COMMITMENT_PARAMS } from '../vin';
import { readVinCommitmentParams } from './vin-params';

let anvil: AnvilHandle;
let client: PublicClient;
let consortium: `0x${string}`;

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 });
  consortium = (await deployLocalConsortium(anvil.url, 31337)).consortium;
  client = createPublicClient({ chain: localChain(31337, anvil.url), transport: http(anvil.url) });
});

afterAll(async () => {
  await anvil?.stop();
});

describe('readVinCommitmentParams', () => {
  it('reads the parameters governance set on chain', async () => {
    await expect(readVinCommitmentParams(client, consortium)).resolves.toEqual(DEV_VIN_COMMITMENT_PARAMS);
  });

  it('refuses a consortium without parameters', async () => {
    // The CarBook registry has no such function: any address without the parameters must not yield defaults.
    const stranger = '0x000000000000000000000000000000000000dead';
    await expect(readVinCommitmentParams(client, stranger)).rejects.toThrow();
  });
});
