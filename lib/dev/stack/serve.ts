/**
 * The local stack's own process, started by start.ts with its stdout and stderr in .carbook/logs/stack.log: anvil,
 * the proxy's logger and the IPFS node write there, not to the terminal. It reports over the IPC channel once
 * everything answers (or why it could not start), and stops everything on SIGINT, SIGTERM or when start.ts goes.
 */
import type { StackPorts } from './ports';
import { startLocalStack } from './stack';

export type ServeMessage =
  | {
      type: 'ready';
      urls: { anvil: string; proxy: string; ipfsApi: string; ipfsGateway: string; app: string };
      chainId: number;
      vins: string[];
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

let stopping = false;
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  log(`Stopping (${reason})`);
  // A signal during start-up waits for the start to finish or fail, so no half-started service is left behind.
  const stack = await starting.catch(() => undefined);
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
  if (!stopping) {
    report({
      type: 'ready',
      urls: stack.urls,
      chainId: stack.deployment.chainId,
      vins: stack.seeded.map((s) => s.vin),
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
