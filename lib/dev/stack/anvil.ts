import { spawn, type ChildProcess } from 'node:child_process';
import { foundryBinary } from './tools';
import { DEV_MNEMONIC } from './accounts';

export interface AnvilHandle {
  url: string;
  port: number;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export interface AnvilOptions {
  port: number;
  host?: string;
  chainId?: number;
  /** Seconds between blocks; omitted = a block per transaction (fast tests). */
  blockTime?: number;
  silent?: boolean;
  /** Unix time of the genesis block: the demo seed starts years in the past to give cars a real history. */
  genesisTimestamp?: number;
  /**
   * `--prune-history`: keep no past state (`true`) or at most N states in memory. `anvil_mine` of empty blocks
   * then runs at ~10,000–40,000 blocks/s with flat memory (aging a chain for scale tests; without it a few hundred
   * blocks/s); state reads at past blocks fail, blocks and logs stay.
   */
  pruneHistory?: boolean | number;
}

/** Starts anvil with the target EVM (paris: GoQuorum has no PUSH0) and waits until it answers. */
export async function startAnvil(options: AnvilOptions): Promise<AnvilHandle> {
  const host = options.host ?? '127.0.0.1';
  const args = [
    '--host',
    host,
    '--port',
    String(options.port),
    '--hardfork',
    'paris',
    '--chain-id',
    String(options.chainId ?? 31337),
    '--mnemonic',
    DEV_MNEMONIC,
    '--accounts',
    '10',
  ];
  if (options.blockTime) args.push('--block-time', String(options.blockTime));
  if (options.genesisTimestamp) args.push('--timestamp', String(options.genesisTimestamp));
  if (options.pruneHistory === true) args.push('--prune-history');
  else if (options.pruneHistory) args.push('--prune-history', String(options.pruneHistory));
  const child = spawn(foundryBinary('anvil'), args, {
    stdio: ['ignore', options.silent === false ? 'inherit' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const url = `http://${host}:${options.port}`;

  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`anvil exited (code ${code}) before answering: ${stderr.trim()}`))),
  );
  const ready = (async () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`anvil did not answer on ${url}`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);

  return {
    url,
    port: options.port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
