/**
 * The chain an ingester test file runs against: an anvil with the demo consortium deployed (one shard, or the
 * shard given), the operator account funded, the CarBook's EIP-712 domain read, and a temporary folder for the
 * journals and dead-letter files. One per test file (`beforeAll` / `afterAll`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicClient, http, toHex, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../../browser/contracts/generated';
import { deployLocalConsortium, type Deployment } from '../stack/deploy';
import { Anvil, rpc } from './proxy-anvil';

export interface IngestChain {
  anvil: Anvil;
  deployment: Deployment;
  /** CarBook's EIP-712 domain separator, which every device signs under. */
  domain: Hex;
  /** A fresh temporary folder, removed by `stopIngestChain`. */
  dir: string;
}

export async function startIngestChain(
  operatorKey: Hex,
  dirPrefix: string,
  shard: { index: number; count: number } = { index: 0, count: 1 },
): Promise<IngestChain> {
  const anvil = await Anvil.start();
  const deployment = await deployLocalConsortium(anvil.url, 31337, shard);
  await rpc(anvil.url, 'anvil_setBalance', [privateKeyToAccount(operatorKey).address, toHex(10n ** 27n)]);
  const domain = await createPublicClient({ transport: http(anvil.url) }).readContract({
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'domainSeparator',
  });
  return { anvil, deployment, domain, dir: mkdtempSync(path.join(tmpdir(), dirPrefix)) };
}

/** Stops the anvil and removes the folder; safe on a chain whose start failed half-way (fields unset). */
export async function stopIngestChain(chain: Partial<IngestChain>): Promise<void> {
  await chain.anvil?.kill();
  if (chain.dir) rmSync(chain.dir, { recursive: true, force: true });
}
