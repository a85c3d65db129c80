import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Hex } from 'viem';

/** Creation bytecode from the forge build (ABIs come typed from lib/contracts/generated.ts). */
export function creationBytecode(contract: 'Consortium' | 'CarBook' | 'ERC1967Proxy'): Hex {
  const file = path.resolve('contracts', 'out', `${contract}.sol`, `${contract}.json`);
  let artifact: { bytecode?: { object?: string } };
  try {
    artifact = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Missing forge artifact ${file}: run \`npm run contracts:build\` first (${(error as Error).message})`);
  }
  const object = artifact.bytecode?.object;
  if (!object || object === '0x') throw new Error(`Artifact ${file} has no bytecode`);
  return object as Hex;
}
