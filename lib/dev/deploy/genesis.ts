/**
 * `npm run deploy:genesis`: writes the network files of deploy/ from deploy/network.json (Besu and GoQuorum
 * genesis with the QBFT extraData of one validator per member, Besu's permissions_config.toml, GoQuorum's
 * permissioned-nodes.json). `-- --check` writes nothing and exits 1 when a committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import {
  besuGenesis,
  besuPermissionsToml,
  goQuorumGenesis,
  goQuorumPermissionedNodes,
  parseNetwork,
  type Network,
} from './qbft-genesis';

export const DEPLOY_DIR = path.resolve(import.meta.dirname, '../../../deploy');

/** Every generated file: its path under deploy/ and its exact text. */
export async function generatedFiles(network: Network): Promise<Record<string, string>> {
  const json = (value: unknown) => format(JSON.stringify(value), { parser: 'json', printWidth: 120 });
  return {
    'besu/genesis.json': await json(besuGenesis(network)),
    'besu/permissions_config.toml': besuPermissionsToml(network),
    'goquorum/genesis.json': await json(goQuorumGenesis(network)),
    'goquorum/permissioned-nodes.json': await json(goQuorumPermissionedNodes(network)),
  };
}

export function readNetwork(file = path.join(DEPLOY_DIR, 'network.json')): Network {
  return parseNetwork(JSON.parse(readFileSync(file, 'utf8')));
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const check = process.argv.includes('--check');
  const files = await generatedFiles(readNetwork());
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(DEPLOY_DIR, name);
    if (check) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== text) {
        stale++;
        console.error(`✖ deploy/${name} is out of date: run npm run deploy:genesis`);
      }
    } else {
      writeFileSync(file, text);
      console.log(`wrote deploy/${name}`);
    }
  }
  if (stale > 0) process.exit(1);
}
