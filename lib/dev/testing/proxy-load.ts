/**
 * A small closed-loop load generator that checks every answer (autocannon counts HTTP statuses but cannot
 * tell a JSON-RPC error in a 200 body from a result). Used by the failover test and the bench.
 */
import http from 'node:http';

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** First few failure descriptions, for diagnostics. */
  samples: string[];
  durationMs: number;
}

const BODIES = [
  { method: 'eth_blockNumber', params: [] },
  { method: 'eth_chainId', params: [] },
  { method: 'eth_getBalance', params: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'latest'] },
];

/**
 * Runs `connections` concurrent loops for `durationMs` against `url`. A request succeeds when it gets HTTP
 * 200 with a JSON-RPC `result`. `onTick(elapsedMs)` is called every 50 ms (to kill a node mid-run).
 */
export async function runLoad(
  url: string,
  options: { durationMs: number; connections: number; onTick?: (elapsedMs: number) => void },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(url);
  const result: LoadResult = { sent: 0, ok: 0, failed: 0, samples: [], durationMs: 0 };
  const start = Date.now();
  const end = start + options.durationMs;
  const tick = options.onTick ? setInterval(() => options.onTick!(Date.now() - start), 50) : null;
  const fail = (why: string) => {
    result.failed++;
    if (result.samples.length < 5) result.samples.push(why);
  };
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const payload = JSON.stringify({ jsonrpc: '2.0', id: i, ...BODIES[i % BODIES.length] });
      const req = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            try {
              const body = JSON.parse(text) as { id?: unknown; result?: unknown };
              if (res.statusCode === 200 && body.id === i && body.result !== undefined) result.ok++;
              else fail(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
            } catch {
              fail(`HTTP ${res.statusCode}: unparsable ${text.slice(0, 100)}`);
            }
            resolve();
          });
          res.on('error', (e) => {
            fail(e.message);
            resolve();
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('client timeout')));
      req.on('error', (e) => {
        fail(e.message);
        resolve();
      });
      req.end(payload);
    });
  let counter = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < end) {
        result.sent++;
        await one(counter++);
      }
    }),
  );
  if (tick) clearInterval(tick);
  agent.destroy();
  result.durationMs = Date.now() - start;
  return result;
}
