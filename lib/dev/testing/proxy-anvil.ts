/**
 * Test/bench harness: real anvil processes on loopback, started from node_modules/.bin directly (npx
 * leaves a process tree that killing the parent does not end), plus a tiny contract to call and transact.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, createWalletClient, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * The native binary from the platform package, not node_modules/.bin/anvil: that one is a Node wrapper that
 * spawns the binary and does not forward SIGKILL, so killing it (to simulate a crash) would orphan the node.
 */
export const ANVIL_BIN = nativeFoundryBinary('anvil');

function nativeFoundryBinary(tool: string): string {
  const arch = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch] ?? process.arch;
  const native = path.join(ROOT, 'node_modules/@foundry-rs', `${tool}-${process.platform}-${arch}`, 'bin', tool);
  return existsSync(native) ? native : path.join(ROOT, 'node_modules/.bin', tool);
}
export const CAST_BIN = path.join(ROOT, 'node_modules/.bin/cast');
export const ANVIL_CHAIN_ID = 31337;
/** anvil's well-known first two dev keys (default mnemonic): public test keys, never real funds. */
export const DEV_KEYS: readonly Hex[] = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
];

/**
 * Runtime: with calldata, stores its first word in slot 0; without, returns slot 0.
 *   CALLDATASIZE PUSH1 0x0f JUMPI PUSH1 0 SLOAD PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN
 *   JUMPDEST PUSH1 0 CALLDATALOAD PUSH1 0 SSTORE STOP
 * Init code copies the 23-byte runtime and returns it.
 */
export const STORE_RUNTIME = '0x36600f5760005460005260206000f35b60003560005500' as const;
export const STORE_INITCODE = `0x6017600c60003960176000f3${STORE_RUNTIME.slice(2)}` as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Every node this process started, killed on exit even if a test forgot to (or crashed before) doing so. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of live) proc.kill('SIGKILL');
});

export class Anvil {
  private proc: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly extraArgs: string[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options: { port?: number; args?: string[] } = {}): Promise<Anvil> {
    const a = new Anvil(options.port ?? (await freePort()), options.args ?? []);
    await a.restart();
    return a;
  }

  /** (Re)starts on the same port: a restarted node is a fresh chain with the same genesis. */
  async restart(): Promise<void> {
    if (this.proc) throw new Error('anvil already running');
    const proc = spawn(
      ANVIL_BIN,
      ['--port', String(this.port), '--host', '127.0.0.1', '--hardfork', 'paris', '--silent', ...this.extraArgs],
      {
        stdio: 'ignore',
      },
    );
    this.proc = proc;
    live.add(proc);
    proc.once('exit', () => {
      live.delete(proc);
      if (this.proc === proc) this.proc = null;
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await rpc(this.url, 'eth_chainId');
        return;
      } catch {
        if (Date.now() > deadline || this.proc !== proc) throw new Error(`anvil did not start on port ${this.port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** SIGKILL, like a crashed node; resolves once the process is gone. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
    this.proc = null;
  }
}

/** Deploys the store contract straight on anvil (not through the proxy, which refuses creations). */
export async function deployStore(anvilUrl: string): Promise<Hex> {
  const account = privateKeyToAccount(DEV_KEYS[1]);
  const chain = { ...foundry, id: ANVIL_CHAIN_ID };
  const wallet = createWalletClient({ account, chain, transport: http(anvilUrl) });
  const pub = createPublicClient({ chain, transport: http(anvilUrl) });
  const hash = await wallet.sendTransaction({ data: STORE_INITCODE });
  const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (!receipt.contractAddress) throw new Error('deployment failed');
  return receipt.contractAddress;
}
