/**
 * The local stack's own process, started by start.ts with its stdout and stderr in .carbook/logs/stack.log: anvil,
 * the proxy's logger and the IPFS node write there, not to the terminal. It reports over the IPC channel once
 * everything answers (or why it could not start), and stops everything on SIGINT, SIGTERM or when start.ts goes.
 */
import path from 'node:path';
import { LOG_DIR } from './builds';
import { startDemoFleet, type DemoFleet } from './demo-fleet';
import type { StackPorts } from './ports';
import { startLocalStack } from './stack';

export type ServeMessage =
  | {
      type: 'ready';
      urls: { anvil: string; proxy: string; ipfsApi: string; ipfsGateway: string; app: string };
      chainId: number;
      vins: string[];
      /** The seeded connected cars reporting through the ingester while the demo runs, and its log. */
      fleet: { vins: string[]; log: string };
    }
  | { type: 'failed'; message: string };

const ports = JSON.parse(process.argv[2] ?? '{}') as StackPorts;
const report = (message: ServeMessage) => {
  if (process.connected) process.send?.(message);
};
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

const starting = startLocalStack({ ports, log, anvilOutput: true });
let fleet: Promise<DemoFleet | undefined> | undefined;

let stopping = false;
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  log(`Stopping (${reason})`);
  // A signal during start-up waits for the start to finish or fail, so no half-started service is left behind.
  const stack = await starting.catch(() => undefined);
  await (await fleet?.catch(() => undefined))?.stop();
  await stack?.stop();
  log('Stopped');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));
process.on('disconnect', () => void stop('npm start went away'));

try {
  const stack = await starting;
  const { contracts } = stack.runtimeConfig;
  log(`Ready. Runtime configuration served at ${stack.urls.app}/config.json: ${JSON.stringify(contracts)}`);
  // The demo's connected cars are a nicety: if they cannot start, the stack still runs (and says why in its log).
  fleet = startDemoFleet({
    anvilUrl: stack.urls.anvil,
    carBook: contracts.carBook,
    seeded: stack.seeded,
    logFile: path.join(LOG_DIR, 'ingest.log'),
  }).catch((error: unknown) => {
    log(`The connected cars' simulated devices did not start: ${(error as Error).message}`);
    return undefined;
  });
  const running = await fleet;
  if (running && running.vins.length > 0)
    log(`Connected cars reporting through the ingester: ${running.vins.join(', ')}`);
  if (!stopping) {
    report({
      type: 'ready',
      urls: stack.urls,
      chainId: stack.deployment.chainId,
      vins: stack.seeded.map((s) => s.vin),
      fleet: { vins: running?.vins ?? [], log: running?.log ?? '' },
    });
  }
} catch (error) {
  console.error(error);
  report({ type: 'failed', message: (error as Error).message });
  process.exit(1);
}
