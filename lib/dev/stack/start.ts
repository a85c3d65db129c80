/**
 * `npm start`: builds what changed, then runs the whole local consortium until Ctrl-C.
 * Ports: CARBOOK_PORT_APP (3000), CARBOOK_PORT_PROXY (8547), CARBOOK_PORT_ANVIL (8545), CARBOOK_PORT_IPFS (5001).
 * The terminal shows a summary and the banner; the builds' and the services' output go to .carbook/logs/.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAccounts } from './accounts';
import { BuildFailedError, LOG_DIR, buildWhatChanged, logTail, progressLines } from './builds';
import type { ServeMessage } from './serve';
import { DEFAULT_IPFS_GATEWAY_PORT, DEFAULT_PORTS, type StackPorts } from './ports';

const HOST = '127.0.0.1';
const STACK_LOG = path.join(LOG_DIR, 'stack.log');

function fail(sentence: string, detail?: string): never {
  console.error(`\n✖ ${sentence}`);
  if (detail) console.error(detail.replace(/^/gm, '    '));
  process.exit(1);
}

/** The variable that moves each port. */
const PORT_VARIABLES: Record<keyof StackPorts, string> = {
  app: 'CARBOOK_PORT_APP',
  proxy: 'CARBOOK_PORT_PROXY',
  anvil: 'CARBOOK_PORT_ANVIL',
  ipfs: 'CARBOOK_PORT_IPFS',
  ipfsGateway: 'CARBOOK_PORT_IPFS_GATEWAY',
};

function port(key: keyof StackPorts): number {
  const name = PORT_VARIABLES[key];
  const raw = process.env[name];
  if (raw === undefined) return DEFAULT_PORTS[key] ?? DEFAULT_IPFS_GATEWAY_PORT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    fail(`${name} must be a TCP port (1-65535), not '${raw}'.`);
  }
  return value;
}

/** Finds a taken port before a minute of building, and names the variable that moves it. */
async function checkFree(ports: StackPorts): Promise<void> {
  for (const [key, value] of Object.entries(ports) as [keyof StackPorts, number][]) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(value, HOST, () => server.close(() => resolve(true)));
    });
    if (!free) {
      fail(
        `Port ${value} is already in use on ${HOST}: stop what runs there, or choose another with ${PORT_VARIABLES[key]}.`,
      );
    }
  }
}

if (process.env.CARBOOK_SKIP_BUILD !== undefined) {
  console.log('Note: CARBOOK_SKIP_BUILD is no longer read; builds are skipped when their inputs have not changed.');
}

const ports: StackPorts = {
  app: port('app'),
  proxy: port('proxy'),
  anvil: port('anvil'),
  ipfs: port('ipfs'),
  ipfsGateway: port('ipfsGateway'),
};
await checkFree(ports);
console.log(`CarBook ledger: starting the local consortium (logs in ${LOG_DIR}/)`);

// Ctrl-C while building stops the build and exits without recording it.
const building = new AbortController();
const stopBuilding = () => building.abort();
process.on('SIGINT', stopBuilding);
process.on('SIGTERM', stopBuilding);
try {
  await buildWhatChanged({ signal: building.signal, ...progressLines((line) => console.log(`  ${line}`)) });
} catch (error) {
  if (building.signal.aborted) {
    console.log('\nStopped while building; the interrupted build runs again next time.');
    process.exit(130);
  }
  if (error instanceof BuildFailedError) {
    fail(`${error.message}. Its last lines:`, logTail(path.resolve(error.build.log)));
  }
  throw error;
}
process.off('SIGINT', stopBuilding);
process.off('SIGTERM', stopBuilding);

mkdirSync(LOG_DIR, { recursive: true });
const stackLog = openSync(STACK_LOG, 'w');
const startedAt = performance.now();
const child: ChildProcess = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), [JSON.stringify(ports)], {
  stdio: ['ignore', stackLog, stackLog, 'ipc'],
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    // The terminal's Ctrl-C reaches the stack's process too; a SIGTERM from elsewhere reaches only this one.
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

child.on('exit', (code, signal) => {
  if (stopping) {
    console.log('Stopped.');
    process.exit(0);
  }
  fail(
    `The local stack stopped unexpectedly (${signal ?? `exit code ${code}`}). The last lines of ${STACK_LOG}:`,
    logTail(STACK_LOG),
  );
});

child.on('message', (message: ServeMessage) => {
  if (message.type === 'failed') {
    stopping = true; // the stack's process exits on its own; this is not a crash to report twice
    fail(`The local stack did not start: ${message.message}`, logTail(STACK_LOG, 15));
  }
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`  ✓ chain, registries, demo seed, IPFS node, RPC proxy, dApp server: started in ${seconds} s`);
  printBanner(message);
});

function printBanner({ urls, chainId, vins, fleet }: Extract<ServeMessage, { type: 'ready' }>) {
  const app = urls.app.replace('127.0.0.1', 'localhost');
  const accounts = Object.values(demoAccounts())
    .map((a) => `  ${a.role.padEnd(20)} ${a.address}  ${a.privateKey}`)
    .join('\n');
  console.log(`
CarBook ledger is ready.

  dApp (open this)       ${app}
  Buyer verification     ${app}/verify
  RPC proxy (MetaMask)   ${urls.proxy}   chain id ${chainId}
  anvil (direct, dev)    ${urls.anvil}
  IPFS API / gateway     ${urls.ipfsApi} / ${urls.ipfsGateway}/ipfs/<cid>   (npm run publish:ipfs -- --config ${app}/config.json)
  Contract addresses     ${app}/config.json
  Logs                   ${STACK_LOG} (anvil, proxy, IPFS node); builds in ${LOG_DIR}/{contracts,app}.log

Demo vehicles: ${vins.join(', ')}
${
  fleet.vins.length > 0
    ? `Connected cars: ${fleet.vins.join(', ')} keep reporting simulated telematics readings (the last 12 hours' first,
then one an hour) through the maker's ingester (lib/server/ingest, fed by a pipe); watch them arrive on ${app}/verify.
Ingester log: ${fleet.log}
`
    : ''
}
Demo accounts (anvil's public development keys: never use them on a real network).
Import into MetaMask with "Import account", and add the network: RPC ${urls.proxy}, chain id ${chainId}.
${accounts}

Press Ctrl-C to stop everything.`);
}
