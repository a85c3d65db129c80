/**
 * The pool of upstream nodes (one per consortium member): keep-alive HTTP transport, periodic health
 * checks, head tracking, selection and failover.
 *
 * Rules:
 * - a node is used only after it answered eth_chainId with the configured chain id (a node of another
 *   network behind a mistyped URL must never answer reads or receive transactions);
 * - a node that fails a request (network error, 5xx, garbage) is taken out at once, and comes back only
 *   after `healthyAfter` consecutive successful health checks (no flapping);
 * - reads never go to a node whose head is more than `maxBlockLag` blocks behind the best known head;
 * - only node-side transport failures (connection refused or reset, 5xx or 429 without a client-caused
 *   JSON-RPC error, garbage, a body cut short) are retried, on another node, never on the same one. A timeout
 *   is not retried (an expensive call would otherwise burn its full timeout on every node, and the nodes are
 *   the validators) and does not take the node out (hung nodes fail the shorter health checks); an answer
 *   larger than `responseBytes` is the client's doing (a call returning a huge value) and is neither retried
 *   nor held against the node; JSON-RPC errors (execution reverted, invalid params) are answers, passed on.
 *   Past `responseBytes` (or its body's share, or the proxy's memory bound) reading stops at once: the socket
 *   is dropped, the node is not held responsible. An HTTP 413 (the node finds the request too large) is the
 *   client's doing too. Health checks use their own socket per node, so client calls queued on the pool's
 *   sockets (heavy but legal calls) cannot starve them and take a node out.
 *   All allowed methods are reads except eth_sendRawTransaction, whose retry cannot double anything: a
 *   signed transaction has one hash and one nonce, so a second delivery is at worst "already known".
 */
import type { Logger } from 'pino';
import { Client, Pool, type Dispatcher } from 'undici';
import type { ProxyConfig } from './config';
import { upstreamName } from './config';
import type { JsonRpcErrorObject } from './jsonrpc';
import type { ProxyMetrics } from './metrics';

/**
 * A node's answer. `raw` is the result's own JSON text when the node's envelope had the exact expected shape:
 * that text was parsed as exactly one JSON value (it is `value`), so it can be forwarded as it is instead of
 * re-serialising `value`.
 */
export type UpstreamAnswer =
  { kind: 'result'; value: unknown; raw?: string } | { kind: 'error'; error: JsonRpcErrorObject };

export interface UpstreamCallResult {
  answer: UpstreamAnswer;
  upstream: string;
  /** Number of nodes tried (1 = no failover). */
  attempts: number;
  /** Wall time spent in upstream attempts for this call (what the per-IP node-time budget charges). */
  elapsedMs: number;
}

/** Every node failed or none is usable. */
export class UpstreamUnavailableError extends Error {
  constructor(
    message: string,
    readonly elapsedMs = 0,
  ) {
    super(message);
    this.name = 'UpstreamUnavailableError';
  }
}

/** The node did not answer in time; not retried elsewhere (see the rules above). */
export class UpstreamTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly elapsedMs: number,
  ) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'UpstreamTimeoutError';
  }
}

/**
 * Counts the bytes of answers being read for one client body (see server.ts): `charge` says why not when
 * the body's share ('batch') or the proxy's memory bound ('memory') would be exceeded.
 */
export interface AnswerLedger {
  charge(bytes: number): 'batch' | 'memory' | 'gone' | null;
  refund(bytes: number): void;
}

/**
 * Reading stopped: the answer exceeded `responseBytes` ('response'), the body's `batchResponseBytes`
 * ('batch'), or the proxy held too many answer bytes at once ('memory'), or the client left ('gone'). Not
 * retried, the node stays in.
 */
export class UpstreamResponseTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    readonly elapsedMs: number,
    readonly scope: 'response' | 'batch' | 'memory' | 'gone' = 'response',
  ) {
    super(`answer larger than ${limitBytes} bytes (${scope})`);
    this.name = 'UpstreamResponseTooLargeError';
  }
}

/**
 * The proxy is stopping: the call was refused before it started, or was still waiting for a node when the drain
 * period ended (its exchange was aborted). Not the node's fault: the node is not marked down and nothing is logged.
 */
export class UpstreamShutdownError extends Error {
  constructor(readonly elapsedMs = 0) {
    super('the proxy is shutting down');
    this.name = 'UpstreamShutdownError';
  }
}

/** The node refused the request itself as too large (HTTP 413): not retried, the node stays in. */
export class UpstreamRequestTooLargeError extends Error {
  constructor(readonly elapsedMs: number) {
    super('the node refused the request as too large (HTTP 413)');
    this.name = 'UpstreamRequestTooLargeError';
  }
}

type FailureKind =
  'transport' | 'timeout' | 'too_large' | 'batch' | 'memory' | 'gone' | 'request_too_large' | 'shutdown';

/** A failure of one attempt: 'transport' may succeed on the next node, the other kinds would not. */
class AttemptFailure extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind = 'transport',
  ) {
    super(message);
  }
}

/** JSON-RPC error codes that say the request itself is wrong: the same request fails on any node. */
const CLIENT_ERROR_CODES = new Set([3, -32600, -32601, -32602]);
/** Messages of errors the request causes (reverts, gas, transaction pool refusals, geth's --rpc.evmtimeout). */
const CLIENT_ERROR_MESSAGE =
  /revert|out ?of ?gas|gas required exceeds|invalid (argument|param)|execution aborted|nonce too (low|high)|insufficient funds|underpriced|already known|known transaction|intrinsic gas|exceeds block gas limit|max fee per gas less than/i;

interface Node {
  readonly name: string;
  readonly url: URL;
  /** Client calls: undici's pool of up to `maxSockets` long-lived keep-alive connections to this node. */
  readonly pool: Pool;
  /** One connection of its own for health checks: client calls queued on `pool` never delay them. */
  readonly healthClient: Client;
  /** Path and headers of every POST, worked out once from `url` (not on every call). */
  readonly path: string;
  readonly headers: Record<string, string>;
  healthy: boolean;
  /** null until eth_chainId was checked; re-checked whenever the node comes back. */
  chainOk: boolean | null;
  head: bigint | null;
  successes: number;
  inflight: number;
  lastError: string | null;
  lastCheckAt: number | null;
  latencyMs: number | null;
}

export interface UpstreamStatus {
  name: string;
  healthy: boolean;
  chainOk: boolean | null;
  head: string | null;
  lag: number | null;
  eligible: boolean;
  inflight: number;
  latencyMs: number | null;
  lastError: string | null;
  lastCheckAt: string | null;
}

const describe = (err: unknown): string => {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
};

export class UpstreamPool {
  private readonly nodes: Node[];
  private nextId = 1;
  private rotation = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Exchanges waiting for a node's answer (client calls and health checks): what `stop` drains, then aborts. */
  private readonly exchanges = new Set<Exchange>();
  private readonly opts: ProxyConfig['upstream'];
  private readonly responseBytes: number;

  constructor(
    private readonly config: ProxyConfig,
    private readonly metrics: ProxyMetrics,
    private readonly log: Logger,
  ) {
    this.opts = config.upstream;
    this.responseBytes = config.limits.responseBytes;
    this.nodes = config.upstreams.map((u, i) => {
      const url = new URL(u.url);
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      // Credentials in the URL (https://user:pass@node) become basic auth and never reach logs.
      if (url.username) {
        const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
        headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
      }
      return {
        name: upstreamName(u, i),
        url,
        // No pipelining: a POST is not idempotent, and one slow call must not hold up the calls behind it.
        pool: new Pool(url.origin, { connections: this.opts.maxSockets, pipelining: 1 }),
        healthClient: new Client(url.origin, { pipelining: 1 }),
        path: `${url.pathname}${url.search}`,
        headers,
        healthy: false,
        chainOk: null,
        head: null,
        successes: 0,
        inflight: 0,
        lastError: null,
        lastCheckAt: null,
        latencyMs: null,
      };
    });
  }

  /** Runs a first round of health checks (so the proxy starts with a known state), then keeps checking. */
  async start(): Promise<void> {
    await this.checkAll(true);
    this.schedule();
  }

  /**
   * An orderly stop: no new call and no health check starts; the calls in flight get up to `graceMs` to be
   * answered by their node, then are aborted (their callers get `UpstreamShutdownError`, told to the client as a
   * clean 503); only then are the connections closed. Nothing of this is logged as an error: it is a normal stop.
   */
  async stop({ graceMs = 0 }: { graceMs?: number } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const deadline = Date.now() + graceMs;
    while (this.exchanges.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const exchange of this.exchanges) exchange.fail(new AttemptFailure('the proxy is shutting down', 'shutdown'));
    // close() lets undici finish what the aborts above started; destroy() only if that does not end promptly.
    const connections = this.nodes.flatMap((n) => [n.pool, n.healthClient]);
    await Promise.all(
      connections.map(async (c) => {
        let timer: NodeJS.Timeout | undefined;
        const closed = c.close().then(() => true);
        const late = new Promise<boolean>((r) => (timer = setTimeout(r, 1_000, false)));
        if (!(await Promise.race([closed, late]))) await c.destroy().catch(() => undefined);
        clearTimeout(timer);
      }),
    );
  }

  private schedule(): void {
    if (this.stopped) return;
    // setTimeout after completion, not setInterval: a slow round never overlaps the next one.
    this.timer = setTimeout(() => {
      this.checkAll(false)
        .catch((err: unknown) => this.log.error({ err: describe(err) }, 'health check round failed'))
        .finally(() => this.schedule());
    }, this.opts.healthIntervalMs);
    this.timer.unref();
  }

  bestHead(): bigint | null {
    let best: bigint | null = null;
    for (const n of this.nodes) if (n.healthy && n.head !== null && (best === null || n.head > best)) best = n.head;
    return best;
  }

  private isFresh(n: Node, best: bigint | null): boolean {
    return best === null || n.head === null ? best === null : best - n.head <= BigInt(this.opts.maxBlockLag);
  }

  private eligible(n: Node, best: bigint | null): boolean {
    return n.healthy && n.chainOk === true && this.isFresh(n, best);
  }

  status(): UpstreamStatus[] {
    const best = this.bestHead();
    return this.nodes.map((n) => ({
      name: n.name,
      healthy: n.healthy,
      chainOk: n.chainOk,
      head: n.head === null ? null : n.head.toString(),
      lag: n.head === null || best === null ? null : Number(best - n.head),
      eligible: this.eligible(n, best),
      inflight: n.inflight,
      latencyMs: n.latencyMs,
      lastError: n.lastError,
      lastCheckAt: n.lastCheckAt === null ? null : new Date(n.lastCheckAt).toISOString(),
    }));
  }

  healthyCount(): number {
    return this.nodes.filter((n) => n.healthy && n.chainOk === true).length;
  }

  /**
   * Order in which nodes are tried for one call: eligible nodes first (least in-flight, round-robin among
   * equals, which spreads load and drifts away from slow nodes); then, only if no node is eligible, nodes
   * of the right chain that are marked down but not known to be stale, because health state can lag
   * behind a node's recovery and trying costs one fast connection refusal.
   */
  private plan(): Node[] {
    const best = this.bestHead();
    const n = this.nodes.length;
    const start = this.rotation++ % n;
    const rotated = this.nodes.map((_, i) => this.nodes[(start + i) % n]);
    const eligible = rotated.filter((x) => this.eligible(x, best)).sort((a, b) => a.inflight - b.inflight);
    if (eligible.length > 0) return eligible;
    return rotated.filter((x) => x.chainOk === true && this.isFresh(x, best));
  }

  /** Forwards one call with failover. Throws UpstreamUnavailableError when every attempt failed. */
  async call(method: string, params: unknown[], ledger?: AnswerLedger): Promise<UpstreamCallResult> {
    if (this.stopped) throw new UpstreamShutdownError();
    const plan = this.plan().slice(0, this.opts.maxAttempts);
    if (plan.length === 0) throw new UpstreamUnavailableError('no upstream node is available');
    let lastError = '';
    const started = performance.now();
    for (let i = 0; i < plan.length; i++) {
      const node = plan[i];
      if (i > 0) this.metrics.failover(method);
      try {
        const answer = await this.attempt(node, method, params, this.opts.timeoutMs, 'request', ledger);
        return { answer, upstream: node.name, attempts: i + 1, elapsedMs: performance.now() - started };
      } catch (err) {
        // A stop is not the node's fault: no warning, the node stays in, no other node is tried.
        if (err instanceof AttemptFailure && err.kind === 'shutdown')
          throw new UpstreamShutdownError(performance.now() - started);
        lastError = describe(err);
        this.log.warn({ upstream: node.name, method, attempt: i + 1, err: lastError }, 'upstream attempt failed');
        // A timeout may be a heavy query rather than a sick node: taking nodes out on timeouts would let one
        // client's expensive eth_call empty the pool, and retrying would burn the same time on every node.
        // Hung nodes are caught by the (short) health checks.
        if (err instanceof AttemptFailure && err.kind === 'timeout')
          throw new UpstreamTimeoutError(this.opts.timeoutMs, performance.now() - started);
        // Answers cut off by a size bound and requests the node finds too large are the client's doing.
        if (err instanceof AttemptFailure && err.kind === 'too_large')
          throw new UpstreamResponseTooLargeError(this.responseBytes, performance.now() - started, 'response');
        if (err instanceof AttemptFailure && (err.kind === 'batch' || err.kind === 'memory' || err.kind === 'gone'))
          throw new UpstreamResponseTooLargeError(0, performance.now() - started, err.kind);
        if (err instanceof AttemptFailure && err.kind === 'request_too_large')
          throw new UpstreamRequestTooLargeError(performance.now() - started);
        this.markDown(node, lastError);
      }
    }
    throw new UpstreamUnavailableError(
      `no upstream node answered (${plan.length} tried; last error: ${lastError})`,
      performance.now() - started,
    );
  }

  private markDown(node: Node, reason: string): void {
    node.successes = 0;
    node.lastError = reason;
    if (node.healthy) {
      node.healthy = false;
      this.metrics.upstreamState(node.name, false, node.head);
      this.log.warn({ upstream: node.name, reason }, 'upstream marked down');
    }
  }

  private async attempt(
    node: Node,
    method: string,
    params: unknown[],
    timeoutMs: number,
    kind: 'request' | 'health',
    ledger?: AnswerLedger,
  ): Promise<UpstreamAnswer> {
    const id = this.nextId++;
    const payload = JSON.stringify({ jsonrpc: '2.0', id, method, params });
    const started = performance.now();
    if (kind === 'request') node.inflight++;
    let outcome: 'ok' | 'error' | 'timeout' = 'error';
    try {
      const { status, body, charged } = await this.post(
        node,
        kind === 'health' ? node.healthClient : node.pool,
        payload,
        timeoutMs,
        ledger,
      );
      let answer: UpstreamAnswer;
      try {
        answer = parseUpstreamResponse(body, id, status);
      } catch (err) {
        ledger?.refund(charged);
        throw err;
      }
      outcome = 'ok';
      // Free head tracking: every eth_blockNumber answer is a fresher health signal than the last check.
      if (
        method === 'eth_blockNumber' &&
        answer.kind === 'result' &&
        typeof answer.value === 'string' &&
        /^0x[0-9a-f]{1,16}$/i.test(answer.value)
      ) {
        const h = BigInt(answer.value);
        if (node.head === null || h > node.head) node.head = h;
      }
      return answer;
    } catch (err) {
      if (err instanceof AttemptFailure && err.kind === 'timeout') outcome = 'timeout';
      throw err;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      if (kind === 'request') {
        node.inflight--;
        this.metrics.upstreamAttempt(node.name, outcome, seconds);
      } else {
        this.metrics.healthCheck(node.name, outcome);
      }
      if (outcome === 'ok')
        node.latencyMs = node.latencyMs === null ? seconds * 1000 : node.latencyMs * 0.8 + seconds * 200;
    }
  }

  /** One HTTP exchange: see `Exchange`. */
  private post(
    node: Node,
    dispatcher: Dispatcher,
    payload: string,
    timeoutMs: number,
    ledger?: AnswerLedger,
  ): Promise<{ status: number; body: Buffer; charged: number }> {
    if (this.stopped) return Promise.reject(new AttemptFailure('the proxy is shutting down', 'shutdown'));
    return new Promise((resolve, reject) => {
      const exchange = new Exchange(resolve, reject, this.responseBytes, timeoutMs, ledger, this.exchanges);
      dispatcher.dispatch({ path: node.path, method: 'POST', headers: node.headers, body: payload }, exchange);
    });
  }

  private async checkAll(initial: boolean): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.check(n, initial)));
    // The best head may have moved: refresh every gauge, including the stale flags it implies.
    for (const n of this.nodes) this.metrics.upstreamState(n.name, n.healthy, n.head);
  }

  private async check(node: Node, initial: boolean): Promise<void> {
    if (this.stopped) return;
    const t = this.opts.healthTimeoutMs;
    try {
      if (!node.healthy || node.chainOk !== true) {
        const answer = await this.attempt(node, 'eth_chainId', [], t, 'health');
        const chain = answer.kind === 'result' && typeof answer.value === 'string' ? Number(answer.value) : NaN;
        if (chain !== this.config.chainId) {
          if (node.chainOk !== false) {
            this.log.error(
              {
                upstream: node.name,
                chainId: answer.kind === 'result' ? answer.value : null,
                expected: this.config.chainId,
              },
              'upstream is on another chain: never used',
            );
          }
          node.chainOk = false;
          this.markDown(node, `wrong chain id (expected ${this.config.chainId})`);
          return;
        }
        node.chainOk = true;
      }
      const answer = await this.attempt(node, 'eth_blockNumber', [], t, 'health');
      if (answer.kind !== 'result' || typeof answer.value !== 'string' || !/^0x[0-9a-f]{1,16}$/i.test(answer.value)) {
        throw new AttemptFailure('eth_blockNumber returned no block number');
      }
      node.head = BigInt(answer.value);
      node.lastCheckAt = Date.now();
      node.successes++;
      // At start a single success is enough: there is no flapping history to protect against yet.
      if (!node.healthy && (initial || node.successes >= this.opts.healthyAfter)) {
        node.healthy = true;
        node.lastError = null;
        this.log.info({ upstream: node.name, head: node.head.toString() }, 'upstream healthy');
      }
    } catch (err) {
      // A check cut short by stop() says nothing about the node.
      if (this.stopped) return;
      node.lastCheckAt = Date.now();
      this.markDown(node, describe(err));
    }
  }
}

/**
 * One HTTP exchange with a node, as an undici dispatch handler (no stream objects, headers parsed once, no
 * closures per call). The answer is counted chunk by chunk as it arrives: past `responseBytes`, or when `ledger`
 * refuses the bytes, the request is aborted, which destroys its connection (the node may keep sending; we no
 * longer hold any of it). Bytes charged to `ledger` are refunded on any failure.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private settled = false;
  private charged = 0;
  private size = 0;
  private status = 0;
  private readonly chunks: Buffer[] = [];
  private controller: Dispatcher.DispatchController | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly resolve: (r: { status: number; body: Buffer; charged: number }) => void,
    private readonly reject: (err: Error) => void,
    private readonly responseBytes: number,
    private readonly timeoutMs: number,
    private readonly ledger: AnswerLedger | undefined,
    /** The pool's exchanges in flight: this one is in it until it settles (UpstreamPool.stop drains them). */
    private readonly inFlight: Set<Exchange>,
  ) {
    this.timer = setTimeout(onExchangeTimeout, timeoutMs, this);
    inFlight.add(this);
  }

  fail(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.inFlight.delete(this);
    clearTimeout(this.timer);
    if (this.charged > 0) this.ledger?.refund(this.charged);
    this.charged = 0;
    this.reject(err);
    // Settled first: the error undici reports for this abort is ignored. Before the request left the pool's
    // queue there is no controller yet; onRequestStart aborts it then.
    this.controller?.abort(err);
  }

  timeout(): void {
    this.fail(new AttemptFailure(`timeout after ${this.timeoutMs} ms`, 'timeout'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(new AttemptFailure('attempt already settled'));
  }

  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: Record<string, unknown>): void {
    if (statusCode < 200) return; // 1xx: the real answer follows
    this.status = statusCode;
    if (statusCode === 413) return this.fail(new AttemptFailure('HTTP 413', 'request_too_large'));
    const declared = Number(headers['content-length']);
    if (declared > this.responseBytes)
      this.fail(new AttemptFailure(`response of ${declared} bytes announced`, 'too_large'));
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.responseBytes)
      return this.fail(new AttemptFailure(`response larger than ${this.responseBytes} bytes`, 'too_large'));
    if (this.ledger) {
      const refused = this.ledger.charge(chunk.length);
      if (refused) return this.fail(new AttemptFailure(`answer bytes refused (${refused})`, refused));
      this.charged += chunk.length;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.settled = true;
    this.inFlight.delete(this);
    clearTimeout(this.timer);
    const chunks = this.chunks;
    this.resolve({
      status: this.status,
      body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
      charged: this.charged,
    });
  }

  /** Connection refused or reset, a body cut short (checked by undici against content-length and the
   * connection's end): a transport failure, retried on another node. */
  onResponseError(_c: Dispatcher.DispatchController, err: Error): void {
    this.fail(err);
  }
}

const onExchangeTimeout = (exchange: Exchange) => exchange.timeout();

/**
 * Validates an upstream body as the JSON-RPC response to our request `id`. 429 and 5xx mean the node is
 * overloaded or broken (another node may answer), unless the body is a JSON-RPC error saying the request
 * itself is wrong (some nodes answer reverts and invalid params with HTTP 400/500): that is an answer.
 */
function parseUpstreamResponse(body: Buffer, id: number, status = 200): UpstreamAnswer {
  const text = body.toString('utf8');
  if (status === 200) {
    const fast = compactResult(text, id);
    if (fast) return fast;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AttemptFailure(status === 429 || status >= 500 ? `HTTP ${status}` : 'upstream answered non-JSON');
  }
  if (status === 429 || status >= 500) {
    const e = (parsed as { id?: unknown; error?: { code?: unknown; message?: unknown } } | null) ?? {};
    const clientCaused =
      e.id === id &&
      typeof e.error?.code === 'number' &&
      typeof e.error.message === 'string' &&
      (CLIENT_ERROR_CODES.has(e.error.code) || CLIENT_ERROR_MESSAGE.test(e.error.message));
    if (!clientCaused) throw new AttemptFailure(`HTTP ${status}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new AttemptFailure('upstream answered a non-object');
  const r = parsed as Record<string, unknown>;
  if (r.id !== id) throw new AttemptFailure('upstream answered another request id');
  if ('error' in r && r.error !== undefined && r.error !== null) {
    const e = r.error as Record<string, unknown>;
    if (typeof e !== 'object' || typeof e.code !== 'number' || typeof e.message !== 'string')
      throw new AttemptFailure('upstream answered a malformed error');
    const error: JsonRpcErrorObject = { code: e.code, message: e.message };
    if (e.data !== undefined) error.data = e.data;
    return { kind: 'error', error };
  }
  if (!('result' in r)) throw new AttemptFailure('upstream answered neither result nor error');
  return { kind: 'result', value: r.result };
}

/**
 * The common case without a second serialisation: a compact success envelope, exactly
 * `{"jsonrpc":"2.0","id":<id>,"result":<value>}` (geth, Besu, anvil; trailing whitespace allowed). The text
 * between the prefix and the closing brace must parse as exactly one JSON value (JSON.parse refuses trailing
 * content, so `"a","id":2` or `"a","error":{}` are not taken for a result); anything else takes the full path.
 */
function compactResult(text: string, id: number): UpstreamAnswer | null {
  const prefix = `{"jsonrpc":"2.0","id":${id},"result":`;
  if (!text.startsWith(prefix)) return null;
  let end = text.length;
  while (end > prefix.length && isJsonSpace(text.charCodeAt(end - 1))) end--;
  if (text.charCodeAt(end - 1) !== 0x7d /* } */) return null;
  const raw = text.slice(prefix.length, end - 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  return { kind: 'result', value, raw };
}

const isJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
