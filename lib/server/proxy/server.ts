/**
 * The HTTP server: Fastify routes (POST / for JSON-RPC, GET /health, GET /metrics), CORS, the per-IP rate
 * limit, body/batch handling, and the dispatch of each call through policy to the upstream pool.
 *
 * Every answer to POST / is a JSON-RPC 2.0 body, including HTTP-level refusals (413, 415, 429), so any
 * client (and a browser reading a CORS response) sees a code and a reason rather than an HTML page.
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { getHeapStatistics } from 'node:v8';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { ProxyConfig } from './config';
import {
  RpcError,
  RpcErrorCode,
  errorResponse,
  parseRequestObject,
  salvageId,
  type JsonRpcErrorObject,
  type JsonRpcId,
  type JsonRpcRequest,
} from './jsonrpc';
import { ProxyMetrics } from './metrics';
import { AnswerMemory, type BodyLedger } from './answer-budget';
import { IpBudget, type Refusal } from './ip-budget';
import {
  DEFAULT_METHOD_WEIGHTS,
  checkCall,
  checkFeeHistory,
  checkGetLogs,
  checkGetStorageAt,
  checkMethodAndShape,
  checkRawTransaction,
  checkReadParams,
  entryWeight,
  type PolicyLimits,
  type WeightTable,
} from './policy';
import { SenderLimiter } from './sender-limit';
import {
  UpstreamPool,
  UpstreamRequestTooLargeError,
  UpstreamResponseTooLargeError,
  UpstreamShutdownError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  type UpstreamCallResult,
} from './upstream';

export interface Proxy {
  /** The Fastify instance, ready but not listening: call `app.listen(...)` (or use `startProxy`). */
  app: FastifyInstance;
  /** With `config.monitoring`: the instance serving only GET /health and GET /metrics (not listening). */
  monitor: FastifyInstance | null;
  /**
   * An orderly stop: the listener stops accepting (a new request on a kept-alive connection gets a 503), calls in
   * flight get `server.shutdownGraceMs` to be answered, then those still waiting are answered with a clean 503
   * (`shutting_down`), and only then are the upstream connections closed. A normal stop logs no error.
   */
  close: () => Promise<void>;
}

/** Content types geth accepts for JSON-RPC. text/plain is refused on purpose: it would let any web page
 * send CORS "simple" requests without a preflight. */
const JSON_CONTENT_TYPES = new Set(['application/json', 'application/json-rpc', 'application/jsonrequest']);
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0].trim().toLowerCase();

/** Messages the execution clients use when a transaction is already in their pool (geth, Besu, Nethermind). */
const ALREADY_KNOWN = /already known|known transaction|already imported|alreadyknown/i;
const NONCE_TOO_LOW = /nonce too low/i;

/** `raw`: the node's own JSON text of `result` (validated, see upstream.ts), forwarded as it is. */
type CallOutcome = { result: unknown; raw?: string } | { error: JsonRpcErrorObject };

const send = (reply: FastifyReply, status: number, text: string) =>
  reply.code(status).header('content-type', 'application/json; charset=utf-8').send(text);
const json = (reply: FastifyReply, status: number, body: unknown) => send(reply, status, JSON.stringify(body));

/** The JSON text of one answer; a node's result text is spliced in unchanged rather than parsed and re-serialised. */
function answerText(id: JsonRpcId, outcome: CallOutcome): string {
  if ('error' in outcome) return JSON.stringify(errorResponse(id, outcome.error));
  const result = outcome.raw ?? JSON.stringify(outcome.result) ?? 'null';
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${result}}`;
}

function rpcHttpError(code: number, message: string, reason: string) {
  return { jsonrpc: '2.0' as const, id: null, error: { code, message, data: { reason } } };
}

/** Where the proxy's log lines go: stdout unless a test passes a stream to read them. */
export interface ProxyOptions {
  logDestination?: DestinationStream;
}

export async function createProxy(config: ProxyConfig, options: ProxyOptions = {}): Promise<Proxy> {
  // Never log bodies: raw transactions and calldata are user data. Only method names and reasons.
  const log: Logger = pino(
    {
      level: config.log.level,
      base: { service: 'rpc-proxy' },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'body', 'params'], censor: '[redacted]' },
    },
    options.logDestination,
  );
  const metrics = new ProxyMetrics();
  const pool = new UpstreamPool(config, metrics, log);
  const senders = new SenderLimiter(config.limits.perSender.max, config.limits.perSender.windowMs);
  const chainIdHex = `0x${config.chainId.toString(16)}`;
  const limits: PolicyLimits = {
    chainId: config.chainId,
    allowedContracts: new Set(config.allowedContracts.map((a) => a.toLowerCase())),
    txGasCap: BigInt(config.limits.txGasCap),
    callGasCap: BigInt(config.limits.callGasCap),
    rawTxBytes: config.limits.rawTxBytes,
    logsBlockRange: config.limits.logsBlockRange,
    paramsDepth: config.limits.paramsDepth,
    feeHistoryBlocks: config.limits.feeHistoryBlocks,
    feeHistoryPercentiles: config.limits.feeHistoryPercentiles,
  };
  const answerMemory = new AnswerMemory(
    config.limits.inflightResponseBytes ?? Math.floor(getHeapStatistics().heap_size_limit / 8),
  );
  const budget = new IpBudget(config.limits.perIpUnits, config.limits.perIpUpstreamMs, config.limits.perIpConcurrency);
  const weights: WeightTable = {
    byMethod: new Map(Object.entries({ ...DEFAULT_METHOD_WEIGHTS, ...config.limits.methodWeights })),
    fallback: 1,
    logsBlocksPerUnit: config.limits.logsBlocksPerUnit,
    logsBlockRange: config.limits.logsBlockRange,
  };
  const nodeTimeError = (r: Refusal) =>
    new RpcError(
      RpcErrorCode.limitExceeded,
      `Limit exceeded: calls from this address used ${r.used} ms of node time in ${r.windowMs / 1000} s (limit ${r.max} ms); retry in ${r.retryAfterS} s`,
      'ip_node_time',
    );

  /**
   * Every client call that reaches a node goes through here: one of the IP's concurrency slots, its node-time
   * budget checked before and charged after (with the measured time, also when the call failed).
   */
  async function forward(
    ip: string,
    method: string,
    params: unknown[],
    ledger?: BodyLedger,
  ): Promise<UpstreamCallResult> {
    // A free slot is taken without awaiting (the common case); only a full IP waits.
    const release = budget.tryAcquire(ip) ?? (await budget.acquire(ip));
    try {
      const spent = budget.timeExhausted(ip);
      if (spent) throw nodeTimeError(spent);
      // The body's answers already fill its share: do not make a node compute one more.
      const blocked = ledger?.blocked();
      if (blocked) throw new UpstreamResponseTooLargeError(0, 0, blocked);
      try {
        const r = await pool.call(method, params, ledger);
        budget.chargeTime(ip, r.elapsedMs);
        return r;
      } catch (err) {
        if (
          err instanceof UpstreamTimeoutError ||
          err instanceof UpstreamResponseTooLargeError ||
          err instanceof UpstreamRequestTooLargeError ||
          err instanceof UpstreamUnavailableError
        )
          budget.chargeTime(ip, err.elapsedMs);
        throw err;
      }
    } finally {
      release();
    }
  }

  // The socket may stay silent while upstream attempts run; the idle timeout must outlast them all.
  const trust = config.server.trustProxy;
  const upstreamBudget = config.upstream.timeoutMs * config.upstream.maxAttempts;
  // Typed as Fastify's base logger so the instance is a plain FastifyInstance, not one generic over pino's Logger.
  const logger: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request (pino's child() on every call): the proxy logs no request ids.
    childLoggerFactory: (parent) => parent,
    bodyLimit: config.limits.bodyBytes,
    requestTimeout: config.server.requestTimeoutMs,
    keepAliveTimeout: config.server.keepAliveTimeoutMs,
    connectionTimeout: upstreamBudget + config.server.requestTimeoutMs,
    // A hop count means: trust that many proxies in front of us (X-Forwarded-For entries from the right).
    // A list means: only these addresses (the load balancer) may set X-Forwarded-For.
    trustProxy: typeof trust === 'number' ? (_addr: string, hop: number) => hop < trust : trust,
    // On close: idle keep-alive connections at once; connections with a call in flight once it is answered.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    exposeHeadRoutes: false,
  });
  app.server.headersTimeout = config.server.headersTimeoutMs;
  let closing = false;
  // While closing, every answer ends its connection: a kept-alive connection must not outlive the server.
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // CORS first so that refusals (413/429) still carry the headers a browser needs to read them.
  const origins = config.cors.origins;
  await app.register(cors, {
    origin: origins.includes('*') ? '*' : origins.length > 0 ? origins : false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => req.ip,
    // x-ratelimit-* only on the 429 itself (with retry-after), not on every answer: three headers less to write
    // per call, and the count left to an IP is nobody else's business.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`Limit exceeded: more than ${ctx.max} requests in ${ctx.after} from this address`), {
        statusCode: ctx.statusCode,
        rpcReason: 'ip_rate',
      }),
  });

  // One parser for every content type: the body is JSON-parsed by us, so that a wrong content type, an
  // empty body and invalid JSON all get JSON-RPC answers instead of Fastify's default error pages.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; rpcReason?: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    let reason: string;
    let body: ReturnType<typeof rpcHttpError>;
    if (status === 429) {
      reason = err.rpcReason ?? 'ip_rate';
      body = rpcHttpError(RpcErrorCode.limitExceeded, err.message, reason);
    } else if (status === 413) {
      reason = 'body_too_large';
      body = rpcHttpError(
        RpcErrorCode.limitExceeded,
        `Limit exceeded: request body larger than ${config.limits.bodyBytes} bytes`,
        reason,
      );
    } else if (status >= 400 && status < 500) {
      reason = 'bad_http_request';
      body = rpcHttpError(RpcErrorCode.invalidRequest, `Invalid request: ${err.message}`, reason);
    } else {
      reason = 'internal';
      req.log.error({ err: { message: err.message, code: err.code } }, 'unhandled error');
      body = rpcHttpError(RpcErrorCode.internalError, 'Internal error', reason);
    }
    metrics.refusal(reason);
    return json(reply, status, body);
  });

  app.setNotFoundHandler((_req, reply) =>
    json(
      reply,
      404,
      rpcHttpError(
        RpcErrorCode.invalidRequest,
        config.monitoring
          ? 'Not found: JSON-RPC is served by POST /'
          : 'Not found: JSON-RPC is served by POST /, see also GET /health and GET /metrics',
        'not_found',
      ),
    ),
  );

  async function resolveTag(tag: string): Promise<bigint> {
    if (tag === 'latest' || tag === 'pending') {
      // The best head seen by health checks (at most one health interval old) or by eth_blockNumber traffic.
      const best = pool.bestHead();
      if (best !== null) return best;
    }
    const method = tag === 'latest' || tag === 'pending' ? 'eth_blockNumber' : 'eth_getBlockByNumber';
    const r = await pool.call(method, method === 'eth_blockNumber' ? [] : [tag, false]);
    const value = r.answer.kind === 'result' ? r.answer.value : null;
    const hex =
      typeof value === 'string'
        ? value
        : value && typeof value === 'object'
          ? (value as { number?: unknown }).number
          : null;
    if (typeof hex === 'string' && /^0x[0-9a-f]{1,16}$/i.test(hex)) return BigInt(hex);
    return pool.bestHead() ?? 0n;
  }

  async function sendRawTransaction(params: unknown[], ip: string, ledger?: BodyLedger): Promise<CallOutcome> {
    const tx = await checkRawTransaction(params, limits);
    if (!senders.take(tx.from)) {
      throw new RpcError(
        RpcErrorCode.limitExceeded,
        `Limit exceeded: sender ${tx.from} sent more than ${config.limits.perSender.max} transactions in ${config.limits.perSender.windowMs / 1000} s; retry in ${senders.retryAfterSeconds(tx.from)} s`,
        'sender_rate',
      );
    }
    const r = await forward(ip, 'eth_sendRawTransaction', [params[0]], ledger);
    log.info(
      {
        method: 'eth_sendRawTransaction',
        hash: tx.hash,
        from: tx.from,
        upstream: r.upstream,
        attempts: r.attempts,
        ip,
      },
      'transaction forwarded',
    );
    if (r.answer.kind === 'result') return { result: r.answer.value };
    // After a failover the first node may have received the transaction before failing: the second node
    // then knows it already. The transaction is in the network, so answer its hash as success.
    if (r.attempts > 1) {
      if (ALREADY_KNOWN.test(r.answer.error.message)) return { result: tx.hash };
      if (NONCE_TOO_LOW.test(r.answer.error.message)) {
        // Possibly mined meanwhile: success only if this very transaction is known to the chain.
        const seen = await pool.call('eth_getTransactionByHash', [tx.hash]).catch(() => null);
        if (seen && seen.answer.kind === 'result' && seen.answer.value !== null) return { result: tx.hash };
      }
    }
    return { error: r.answer.error };
  }

  async function dispatch(req: JsonRpcRequest, ip: string, ledger?: BodyLedger): Promise<CallOutcome> {
    try {
      checkMethodAndShape(req.method, req.params, limits);
      let outcome: CallOutcome;
      if (req.method === 'eth_chainId') {
        // Answered locally: every node is checked to answer exactly this chain id before it is used (and
        // again whenever it comes back), so the node's answer could not differ. Wallets and viem ask it
        // before every transaction; it need not cost a round trip to a node.
        outcome = { result: chainIdHex };
      } else if (req.method === 'eth_sendRawTransaction') {
        outcome = await sendRawTransaction(req.params, ip, ledger);
      } else {
        // Every method whose params the proxy checks forwards the params it rebuilt from the checked
        // values, never the client's objects (Go nodes read JSON keys case-insensitively).
        let params: unknown[];
        if (req.method === 'eth_getLogs') params = await checkGetLogs(req.params, limits, resolveTag);
        else if (req.method === 'eth_getStorageAt') params = checkGetStorageAt(req.params, limits);
        else if (req.method === 'eth_feeHistory') params = checkFeeHistory(req.params, limits);
        else if (req.method === 'eth_call' || req.method === 'eth_estimateGas')
          params = checkCall(req.method, req.params, limits);
        else params = checkReadParams(req.method, req.params);
        const r = await forward(ip, req.method, params, ledger);
        outcome =
          r.answer.kind === 'result' ? { result: r.answer.value, raw: r.answer.raw } : { error: r.answer.error };
      }
      metrics.call(req.method, 'result' in outcome ? 'ok' : 'rpc_error');
      return outcome;
    } catch (err) {
      if (err instanceof RpcError) {
        metrics.call(req.method, 'refused');
        metrics.refusal(err.reason);
        log.info({ method: metrics.methodLabel(req.method), reason: err.reason, ip }, 'call refused');
        return { error: err.toObject() };
      }
      if (err instanceof UpstreamTimeoutError) {
        metrics.call(req.method, 'upstream_error');
        metrics.refusal('upstream_timeout');
        log.warn({ method: req.method, ip }, 'upstream timeout (not retried)');
        // -32000 like geth's own "execution aborted (timeout)": a client must not blindly retry it.
        return {
          error: {
            code: RpcErrorCode.invalidInput,
            message: `Execution aborted: the node did not answer within ${err.timeoutMs / 1000} s, and the call was not retried on another node; ask for less (gas, block range) or retry later`,
            data: { reason: 'upstream_timeout' },
          },
        };
      }
      if (err instanceof UpstreamResponseTooLargeError) {
        metrics.call(req.method, 'refused');
        if (err.scope === 'batch') {
          metrics.refusal('batch_response_too_large');
          return {
            error: {
              code: RpcErrorCode.limitExceeded,
              message: `Limit exceeded: the answers to this batch add up to more than ${config.limits.batchResponseBytes} bytes, the limit of this endpoint; split the batch`,
              data: { reason: 'batch_response_too_large' },
            },
          };
        }
        if (err.scope === 'gone') {
          // The client closed its connection: this answer will never be read; nothing to log.
          metrics.refusal('client_gone');
          return {
            error: {
              code: RpcErrorCode.limitExceeded,
              message: 'The client closed the connection before the answer was ready',
              data: { reason: 'client_gone' },
            },
          };
        }
        if (err.scope === 'memory') {
          metrics.refusal('proxy_memory');
          log.warn({ method: req.method, ip, heldBytes: answerMemory.used }, 'answer refused: proxy memory bound');
          return {
            error: {
              code: RpcErrorCode.limitExceeded,
              message: 'Limit exceeded: the proxy is holding as many large answers as it can right now; retry shortly',
              data: { reason: 'proxy_memory' },
            },
          };
        }
        metrics.refusal('response_too_large');
        return {
          error: {
            code: RpcErrorCode.invalidInput,
            message: `The node's answer is larger than ${err.limitBytes} bytes, the limit of this endpoint; ask for less`,
            data: { reason: 'response_too_large' },
          },
        };
      }
      if (err instanceof UpstreamRequestTooLargeError) {
        metrics.call(req.method, 'refused');
        metrics.refusal('request_too_large');
        return {
          error: {
            code: RpcErrorCode.limitExceeded,
            message: 'Limit exceeded: the node refused this request as too large; send less',
            data: { reason: 'request_too_large' },
          },
        };
      }
      if (err instanceof UpstreamShutdownError) {
        // A normal stop (close()): not an error of anybody's; the whole body is answered 503 (see the route).
        metrics.call(req.method, 'refused');
        metrics.refusal('shutting_down');
        ledger?.cutByShutdown();
        return {
          error: {
            code: RpcErrorCode.internalError,
            message: 'Service unavailable: this proxy is shutting down; retry shortly',
            data: { reason: 'shutting_down' },
          },
        };
      }
      if (err instanceof UpstreamUnavailableError) {
        metrics.call(req.method, 'upstream_error');
        log.error({ method: req.method, err: err.message }, 'no upstream answered');
        // -32603 rather than -32002: viem and ethers retry internal errors, which is right for an outage.
        return {
          error: {
            code: RpcErrorCode.internalError,
            message: 'Internal error: no upstream node answered, retry later',
            data: { reason: 'upstream_unavailable' },
          },
        };
      }
      metrics.call(req.method, 'upstream_error');
      log.error(
        { method: metrics.methodLabel(req.method), err: (err as Error)?.message },
        'unexpected error in dispatch',
      );
      return { error: { code: RpcErrorCode.internalError, message: 'Internal error', data: { reason: 'internal' } } };
    }
  }

  /** One entry of a body, as JSON text. Resolves to undefined for notifications (JSON-RPC: no answer at all). */
  async function handleEntry(entry: unknown, ip: string, ledger: BodyLedger): Promise<string | undefined> {
    let req: JsonRpcRequest;
    try {
      req = parseRequestObject(entry);
    } catch (err) {
      const e =
        err instanceof RpcError ? err : new RpcError(RpcErrorCode.invalidRequest, 'Invalid request', 'invalid_request');
      metrics.call('invalid', 'invalid');
      metrics.refusal(e.reason);
      return JSON.stringify(errorResponse(salvageId(entry), e.toObject()));
    }
    const outcome = await dispatch(req, ip, ledger);
    if (req.id === undefined) return undefined;
    return answerText(req.id, outcome);
  }

  function refuseBody(reply: FastifyReply, status: number, code: number, message: string, reason: string) {
    metrics.refusal(reason);
    return json(reply, status, rpcHttpError(code, message, reason));
  }

  /** A call cut by close(): HTTP 503 with Retry-After, what clients retry (on another proxy behind the balancer). */
  function shuttingDown(reply: FastifyReply) {
    reply.header('retry-after', '1');
    return refuseBody(
      reply,
      503,
      RpcErrorCode.internalError,
      'Service unavailable: this proxy is shutting down; retry shortly',
      'shutting_down',
    );
  }

  /** HTTP 429 with Retry-After: what viem, ethers and browsers understand as "slow down". */
  function tooMany(reply: FastifyReply, retryAfterS: number, err: RpcError) {
    log.info({ reason: err.reason, ip: reply.request.ip }, 'request refused');
    reply.header('retry-after', String(retryAfterS));
    return refuseBody(reply, 429, err.code, err.message, err.reason);
  }

  app.post(
    '/',
    { config: { rateLimit: { max: config.limits.perIp.max, timeWindow: config.limits.perIp.windowMs } } },
    async (request, reply) => {
      const contentType = request.headers['content-type'];
      if (contentType !== 'application/json' && !JSON_CONTENT_TYPES.has(mediaType(contentType))) {
        return refuseBody(
          reply,
          415,
          RpcErrorCode.invalidRequest,
          'Invalid request: content-type must be application/json',
          'content_type',
        );
      }
      const body = request.body;
      let parsed: unknown;
      try {
        if (!Buffer.isBuffer(body) || body.length === 0) throw new Error('empty body');
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        metrics.call('invalid', 'invalid');
        return refuseBody(
          reply,
          200,
          RpcErrorCode.parseError,
          'Parse error: the body is not valid JSON',
          'parse_error',
        );
      }
      const ip = request.ip;
      // The answers' bytes count against the process until this HTTP answer is sent or the client is gone.
      const ledger = answerMemory.ledger(config.limits.batchResponseBytes);
      reply.raw.once('close', () => ledger.release());
      const spent = budget.timeExhausted(ip);
      if (spent) return tooMany(reply, spent.retryAfterS, nodeTimeError(spent));
      // Every entry counts its method's weight, before anything is forwarded (a batch of 100 is 100 calls).
      // Oversized batches are refused below at no node cost; charge them one unit.
      const entries: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
      const head = pool.bestHead();
      const weight =
        entries.length > config.limits.batchSize
          ? 1
          : entries.reduce<number>((sum, e) => sum + entryWeight(e, weights, head), 0);
      const over = budget.takeUnits(ip, weight);
      if (over) {
        if (over.retryAfterS < 0) {
          return refuseBody(
            reply,
            200,
            RpcErrorCode.limitExceeded,
            `Limit exceeded: this request weighs ${weight} units, more than the ${over.max} units one address may use in ${over.windowMs / 1000} s; split it`,
            'request_too_heavy',
          );
        }
        return tooMany(
          reply,
          over.retryAfterS,
          new RpcError(
            RpcErrorCode.limitExceeded,
            `Limit exceeded: this request weighs ${weight} units and this address used ${over.used} of its ${over.max} units in ${over.windowMs / 1000} s; retry in ${over.retryAfterS} s`,
            'ip_units',
          ),
        );
      }
      if (Array.isArray(parsed)) {
        if (parsed.length === 0)
          return refuseBody(reply, 200, RpcErrorCode.invalidRequest, 'Invalid request: empty batch', 'empty_batch');
        if (parsed.length > config.limits.batchSize) {
          return refuseBody(
            reply,
            200,
            RpcErrorCode.limitExceeded,
            `Limit exceeded: batch of ${parsed.length} requests, the limit is ${config.limits.batchSize}`,
            'batch_too_large',
          );
        }
        const txs = parsed.filter(
          (e) => typeof e === 'object' && e !== null && (e as { method?: unknown }).method === 'eth_sendRawTransaction',
        ).length;
        if (txs > config.limits.txPerBatch) {
          return refuseBody(
            reply,
            200,
            RpcErrorCode.limitExceeded,
            `Limit exceeded: ${txs} eth_sendRawTransaction in one batch, the limit is ${config.limits.txPerBatch}`,
            'batch_too_many_tx',
          );
        }
        const answers = (await Promise.all(parsed.map((entry) => handleEntry(entry, ip, ledger)))).filter(
          (a) => a !== undefined,
        );
        if (ledger.shutdown) return shuttingDown(reply);
        if (answers.length === 0) return reply.code(204).send();
        return send(reply, 200, `[${answers.join(',')}]`);
      }
      const answer = await handleEntry(parsed, ip, ledger);
      if (ledger.shutdown) return shuttingDown(reply);
      if (answer === undefined) return reply.code(204).send();
      return send(reply, 200, answer);
    },
  );

  // /health and /metrics: on the public listener, or only on their own (config.monitoring).
  const monitor = config.monitoring
    ? Fastify({
        loggerInstance: logger,
        logController: new LogController({ disableRequestLogging: true }),
        forceCloseConnections: true,
        exposeHeadRoutes: false,
      })
    : null;
  const ops = monitor ?? app;
  if (monitor) {
    monitor.setNotFoundHandler((_req, reply) =>
      json(
        reply,
        404,
        rpcHttpError(
          RpcErrorCode.invalidRequest,
          'Not found: this port serves GET /health and GET /metrics only',
          'not_found',
        ),
      ),
    );
  }
  ops.get('/health', async (_req, reply) => {
    const upstreams = pool.status();
    const ok = pool.healthyCount() > 0;
    const best = pool.bestHead();
    return json(reply, ok ? 200 : 503, {
      status: ok ? 'ok' : 'unavailable',
      chainId: config.chainId,
      bestHead: best === null ? null : best.toString(),
      upstreams,
    });
  });

  ops.get('/metrics', async (_req, reply) => {
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).send(text);
  });

  await pool.start();
  for (const u of pool.status()) {
    if (!u.healthy)
      log.warn({ upstream: u.name, reason: u.lastError }, 'upstream not usable at start (health checks keep trying)');
  }
  await app.ready();
  await monitor?.ready();
  log.info(
    { upstreams: pool.status().map((u) => ({ name: u.name, healthy: u.healthy })), chainId: config.chainId },
    'rpc proxy ready',
  );

  return {
    app,
    monitor,
    close: async () => {
      closing = true;
      // Stop accepting first; the calls in flight keep their connections until answered (forceCloseConnections).
      const listenerClosed = app.close();
      // Then drain (or cut) the calls waiting for a node, and only then close the upstream connections.
      await pool.stop({ graceMs: config.server.shutdownGraceMs });
      await listenerClosed;
      await monitor?.close();
    },
  };
}

/** createProxy + listen on `config.listen`; returns the base URL (useful with port 0). */
export async function startProxy(
  config: ProxyConfig,
  options: ProxyOptions = {},
): Promise<Proxy & { url: string; monitorUrl: string | null }> {
  const proxy = await createProxy(config, options);
  const slash = (a: string) => (a.endsWith('/') ? a : `${a}/`);
  const address = await proxy.app.listen({ host: config.listen.host, port: config.listen.port });
  let monitorUrl: string | null = null;
  if (proxy.monitor && config.monitoring) {
    try {
      monitorUrl = slash(await proxy.monitor.listen({ host: config.monitoring.host, port: config.monitoring.port }));
    } catch (err) {
      await proxy.close();
      throw err;
    }
  }
  return { ...proxy, url: slash(address), monitorUrl };
}
