/**
 * `npm start`: builds what is needed, then runs the whole local consortium until Ctrl-C.
 * Ports: CARBOOK_PORT_APP (3000), CARBOOK_PORT_PROXY (8547), CARBOOK_PORT_ANVIL (8545), CARBOOK_PORT_IPFS (5001).
 * CARBOOK_SKIP_BUILD=1 reuses the existing contract build and static export.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { demoAccounts } from './accounts';
import { DEFAULT_PORTS, startLocalStack } from './stack';

function run(step: string, command: string, args: string[]): void {
  console.log(`\n▶ ${step}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error(`✖ ${step} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`✖ ${name} must be a TCP port (1-65535), got '${raw}'`);
    process.exit(1);
  }
  return value;
}

const bin = (tool: string) => path.resolve('node_modules', '.bin', tool);

if (process.env.CARBOOK_SKIP_BUILD !== '1') {
  run('Building contracts (forge, solc-js)', bin('forge'), ['build']);
  run('Generating typed contract bindings (@wagmi/cli)', bin('wagmi'), ['generate']);
  run('Building the static dApp (next build)', bin('next'), ['build']);
}

const stack = await startLocalStack({
  ports: {
    app: port('CARBOOK_PORT_APP', DEFAULT_PORTS.app),
    proxy: port('CARBOOK_PORT_PROXY', DEFAULT_PORTS.proxy),
    anvil: port('CARBOOK_PORT_ANVIL', DEFAULT_PORTS.anvil),
    ipfs: port('CARBOOK_PORT_IPFS', DEFAULT_PORTS.ipfs),
  },
  log: (line) => console.log(`  · ${line}`),
});

const accounts = demoAccounts();
console.log(`
CarBook ledger is running.

  dApp (open this)       ${stack.urls.app.replace('127.0.0.1', 'localhost')}
  Buyer verification     ${stack.urls.app.replace('127.0.0.1', 'localhost')}/verify
  RPC proxy (MetaMask)   ${stack.urls.proxy}   chain id ${stack.deployment.chainId}
  anvil (direct, dev)    ${stack.urls.anvil}
  IPFS API / gateway     ${stack.urls.ipfsApi} / ${stack.urls.ipfsGateway}
  Consortium             ${stack.deployment.consortium}
  CarBook                ${stack.deployment.carBook}
  Insurance              ${stack.deployment.insurance}
  DocumentAnchor         ${stack.deployment.documentAnchor}
  KeyRegistry            ${stack.runtimeConfig.contracts.keyRegistry}

Demo vehicles: ${stack.seeded.map((v) => v.vin).join(', ')}

Demo accounts (anvil's public development keys: never use them on a real network).
Import into MetaMask with "Import account", and add the network: RPC ${stack.urls.proxy}, chain id ${stack.deployment.chainId}.
${Object.values(accounts)
  .map((a) => `  ${a.role.padEnd(20)} ${a.address}  ${a.privateKey}`)
  .join('\n')}

Press Ctrl-C to stop everything.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void stack.stop().finally(() => process.exit(0));
  });
}
