import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { foundryBinary } from './tools';
import { DEV_MNEMONIC } from './accounts';

export interface AnvilHandle {
  url: string;
  port: number;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export interface AnvilOptions {
  /** 0: a free port chosen here (tests: no two test files ever share an anvil). */
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

/** Whether something already listens on `host:port` (binding it fails). */
function portTaken(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(true) : reject(error),
    );
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}

/** A port the system has just given out as free on `host`. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts anvil with the target EVM (paris: GoQuorum has no PUSH0) and waits until it answers. A port already in
 * use is refused before anvil starts: readiness is checked by asking the port, and another process's node (a
 * parallel test's anvil) would answer it. With port 0 a free port is chosen, and chosen again if another process
 * takes it first.
 */
export async function startAnvil(options: AnvilOptions): Promise<AnvilHandle> {
  const host = options.host ?? '127.0.0.1';
  if (options.port !== 0) {
    if (await portTaken(host, options.port)) throw new Error(`port ${options.port} on ${host} is already in use`);
    return startAnvilOn(options, host, options.port);
  }
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(host);
    try {
      if (await portTaken(host, port)) continue;
      return await startAnvilOn(options, host, port);
    } catch (error) {
      if (attempt >= 5 || !(error instanceof AnvilExited)) throw error;
    }
  }
}

class AnvilExited extends Error {}

async function startAnvilOn(options: AnvilOptions, host: string, port: number): Promise<AnvilHandle> {
  const args = [
    '--host',
    host,
    '--port',
    String(port),
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
  const url = `http://${host}:${port}`;

  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new AnvilExited(`anvil exited (code ${code}) before answering: ${stderr.trim()}`)),
    ),
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
  // An anvil that lost the port to another process exits at once; the answer above was then not its own.
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (child.exitCode !== null) throw new AnvilExited(`anvil exited (code ${child.exitCode}): ${stderr.trim()}`);

  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
