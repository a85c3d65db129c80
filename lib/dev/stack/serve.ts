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
      /** Every chain (one without CARBOOK_SHARDS): its proxy, anvil, chain id and demo cars. */
      shards: { proxy: string; anvil: string; chainId: number; vins: string[] }[];
    }
  | { type: 'failed'; message: string };

const ports = JSON.parse(process.argv[2] ?? '{}') as StackPorts;
const report = (message: ServeMessage) => {
  if (process.connected) process.send?.(message);
};
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

const starting = startLocalStack({ ports, log, anvilOutput: true, shards: Number(process.env.CARBOOK_SHARDS ?? 1) });
let fleets: Promise<(DemoFleet | undefined)[]> | undefined;

let stopping = false;
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  log(`Stopping (${reason})`);
  // A signal during start-up waits for the start to finish or fail, so no half-started service is left behind.
  const stack = await starting.catch(() => undefined);
  for (const fleet of (await fleets?.catch(() => undefined)) ?? []) await fleet?.stop();
  await stack?.stop();
  log('Stopped');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));
process.on('disconnect', () => void stop('npm start went away'));

try {
  const stack = await starting;
  const { shards } = stack.runtimeConfig;
  log(`Ready. Runtime configuration served at ${stack.urls.app}/config.json: ${JSON.stringify(shards)}`);
  // The demo's connected cars are a nicety: if they cannot start, the stack still runs (and says why in its log).
  // One simulated fleet and ingester per chain: a car reports to the chain its book lives on.
  fleets = Promise.all(
    stack.shards.map((shard, index) =>
      startDemoFleet({
        anvilUrl: shard.urls.anvil,
        carBook: shard.deployment.carBook,
        seeded: shard.seeded,
        logFile: path.join(LOG_DIR, index === 0 ? 'ingest.log' : `ingest-shard${index + 1}.log`),
      }).catch((error: unknown) => {
        log(`The connected cars' simulated devices did not start: ${(error as Error).message}`);
        return undefined;
      }),
    ),
  );
  const running = (await fleets).filter((f): f is DemoFleet => f !== undefined && f.vins.length > 0);
  const fleetVins = running.flatMap((f) => f.vins);
  if (fleetVins.length > 0) log(`Connected cars reporting through the ingester: ${fleetVins.join(', ')}`);
  if (!stopping) {
    report({
      type: 'ready',
      urls: stack.urls,
      chainId: stack.deployment.chainId,
      vins: stack.seeded.map((s) => s.vin),
      fleet: { vins: fleetVins, log: running.map((f) => f.log).join(', ') },
      shards: stack.shards.map((shard) => ({
        proxy: shard.urls.proxy,
        anvil: shard.urls.anvil,
        chainId: shard.deployment.chainId,
        vins: shard.seeded.map((s) => s.vin),
      })),
    });
  }
} catch (error) {
  console.error(error);
  report({ type: 'failed', message: (error as Error).message });
  process.exit(1);
}
