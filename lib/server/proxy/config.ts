/**
 * Proxy configuration: one valibot schema with a default for every limit, read from a JSON file and/or
 * environment variables, validated once at start so a typo fails loudly instead of silently opening the
 * proxy. Unknown keys are rejected for the same reason.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import * as v from 'valibot';

const address = v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address'));
const upstreamUrl = v.pipe(
  v.string(),
  v.url('must be an absolute URL'),
  v.regex(/^https?:\/\//, 'must be an http:// or https:// URL'),
);
const origin = v.pipe(
  v.string(),
  v.check(
    (s) => s === '*' || /^https?:\/\/[^/\s]+$/.test(s),
    'must be "*" or an origin like https://app.example.org (no path, no trailing slash)',
  ),
);
/** An IP address or a CIDR block (what proxy-addr, Fastify's trustProxy, accepts). */
const ipOrCidr = v.pipe(
  v.string(),
  v.check((s) => {
    const [ip, bits, extra] = s.split('/');
    if (extra !== undefined || !ip || isIP(ip) === 0) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128);
  }, 'must be an IP address or a CIDR block like 10.0.0.0/24'),
);
/** An allowed contract: its address, or {name, address} so that configurations say which contract it is. */
const allowedContract = v.union([
  address,
  v.pipe(
    v.strictObject({ name: v.pipe(v.string(), v.minLength(1)), address }),
    v.transform((c) => c.address),
  ),
]);
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const windowLimit = (max: number, windowMs: number) =>
  v.optional(v.strictObject({ max: v.optional(int(0), max), windowMs: v.optional(int(1), windowMs) }), {});

/** Environment variables as a plain map (Next's global types make NodeJS.ProcessEnv demand NODE_ENV). */
export type Environment = Record<string, string | undefined>;

export const ProxyConfigSchema = v.strictObject({
  /** The only chain id raw transactions may carry; upstreams answering another chain id are never used. */
  chainId: int(1),
  listen: v.optional(
    v.strictObject({
      host: v.optional(v.pipe(v.string(), v.minLength(1)), '127.0.0.1'),
      port: v.optional(int(0, 65535), 8545),
    }),
    {},
  ),
  /** A second listener for GET /health and GET /metrics only. When set, the public listener (`listen`) no
   * longer serves them: bind it to an interface only the monitoring network reaches. */
  monitoring: v.optional(
    v.strictObject({
      host: v.optional(v.pipe(v.string(), v.minLength(1)), '127.0.0.1'),
      port: v.optional(int(0, 65535), 9547),
    }),
  ),
  upstreams: v.pipe(
    v.array(
      v.strictObject({
        url: upstreamUrl,
        name: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ._- only'))),
      }),
    ),
    v.minLength(1, 'at least one upstream node is required'),
  ),
  /** Contracts transactions may target, and whose logs/storage may be read. */
  allowedContracts: v.pipe(
    v.array(allowedContract),
    v.minLength(1, 'at least one allowed contract address is required'),
  ),
  cors: v.optional(v.strictObject({ origins: v.optional(v.array(origin), []) }), {}),
  limits: v.optional(
    v.strictObject({
      /** Whole HTTP body. 1 MiB fits the largest raw transaction plus a generous batch of reads. */
      bodyBytes: v.optional(int(1024), 1024 * 1024),
      /** Requests per batch; set viem's `batch.batchSize` at or below this. */
      batchSize: v.optional(int(1, 10_000), 100),
      /** eth_sendRawTransaction entries per batch: each costs a signature recovery, and the per-IP limit
       * counts a batch once. Wallets send transactions one by one. */
      txPerBatch: v.optional(int(1, 10_000), 10),
      /** Nesting depth of params; real calls (eth_call with state overrides) stay under 8. */
      paramsDepth: v.optional(int(2, 64), 16),
      /** HTTP requests per client IP, checked before the body is read (cheap flood guard; a batch is one). */
      perIp: windowLimit(1200, 60_000),
      /** Weighted units per client IP: every entry of a body counts its method's weight (see `methodWeights`).
       * 12,000 a minute fits 10 full /verify loads of a 1,000-record book (~1,010 units each) plus polling;
       * see README "Per-IP limits". */
      perIpUnits: windowLimit(12_000, 60_000),
      /** Node time per client IP: the measured wall time of its upstream attempts, in ms per window. When
       * spent, new requests get HTTP 429 until the window ends. */
      perIpUpstreamMs: windowLimit(30_000, 60_000),
      /** Upstream calls of one client IP in flight at once; further entries of its batches wait their turn. */
      perIpConcurrency: v.optional(int(1, 1024), 4),
      /** Weight of one entry per method, over the built-in table (1 for most, eth_estimateGas 10). */
      methodWeights: v.optional(v.record(v.pipe(v.string(), v.regex(/^[a-z0-9]+_[A-Za-z0-9]+$/)), int(0, 100_000)), {}),
      /** eth_getLogs over a block range weighs one unit per started `logsBlocksPerUnit` blocks (min 1). */
      logsBlocksPerUnit: v.optional(int(1), 1000),
      /** Gas of eth_call and eth_estimateGas: forwarded with gas = this cap when the caller gives none,
       * refused above it. The dApp's heaviest read (a 1,000-entry index page, one storage slot per entry)
       * costs 2.19 M gas; a 100-reading telematics batch is ≤ 2.5 M at its gas target. */
      callGasCap: v.optional(int(21_000), 5_000_000),
      /** Per recovered transaction sender; max 0 disables it. */
      perSender: windowLimit(120, 60_000),
      /** Gas cap for raw transactions; the nodes' own caps still apply. */
      txGasCap: v.optional(int(21_000), 10_000_000),
      /** Raw transaction size in bytes; geth and Besu refuse above 128 KiB anyway. */
      rawTxBytes: v.optional(int(100), 128 * 1024),
      /** eth_getLogs block range, inclusive; 5000 like Besu's rpc-max-logs-range. */
      logsBlockRange: v.optional(int(1), 5000),
      /** One upstream answer: reading stops (and the socket is dropped) past this size, the client gets an
       * error in words. The product's largest read (a 1,000-entry index page) is ~64 kB of hex.
       */
      responseBytes: v.optional(int(1024), 4 * 1024 * 1024),
      /** The answers of one HTTP body (a batch) together; entries past it are refused and not forwarded. */
      batchResponseBytes: v.optional(int(1024), 16 * 1024 * 1024),
      /** Upstream answer bytes the whole proxy holds at once (read, not yet sent to their clients); past it
       * calls are refused with proxy_memory. Default: an eighth of the V8 heap limit (each byte read costs
       * about three on the heap while it is parsed and re-serialised). */
      inflightResponseBytes: v.optional(int(1024)),
      /** eth_feeHistory: most blocks per query (geth and Besu cap at 1024) and reward percentiles. */
      feeHistoryBlocks: v.optional(int(1, 1_000_000), 1024),
      feeHistoryPercentiles: v.optional(int(0, 10_000), 100),
    }),
    {},
  ),
  upstream: v.optional(
    v.strictObject({
      /** Timeout of one attempt on one node. */
      timeoutMs: v.optional(int(50), 8000),
      /** Distinct nodes tried for one call before giving up. */
      maxAttempts: v.optional(int(1, 16), 3),
      healthIntervalMs: v.optional(int(50), 2000),
      healthTimeoutMs: v.optional(int(50), 1500),
      /** A node whose head is more than this many blocks behind the best node serves no reads. */
      maxBlockLag: v.optional(int(0), 5),
      /** Consecutive successful health checks before a failed node is used again (avoids flapping). */
      healthyAfter: v.optional(int(1, 100), 2),
      /** Keep-alive sockets per node. */
      maxSockets: v.optional(int(1, 10_000), 128),
    }),
    {},
  ),
  server: v.optional(
    v.strictObject({
      /** Time to receive the full request (Node default: 300 s). */
      requestTimeoutMs: v.optional(int(100), 10_000),
      /** Time to receive the headers (Node default: 60 s). */
      headersTimeoutMs: v.optional(int(100), 5_000),
      /** Idle keep-alive connections are closed after this (browsers reconnect transparently). */
      keepAliveTimeoutMs: v.optional(int(100), 10_000),
      /** On stop (SIGTERM, close()): how long calls in flight may still be answered before they get a 503. */
      shutdownGraceMs: v.optional(int(0, 60_000), 5_000),
      /** Whose X-Forwarded-For to believe for the per-IP limits: false (nobody, the default), the load
       * balancer's addresses or CIDR blocks (what production should use), a hop count, or true (anyone:
       * only behind a proxy that overwrites the header and when nothing else can reach this port). */
      trustProxy: v.optional(v.union([v.boolean(), int(0, 10), v.pipe(v.array(ipOrCidr), v.minLength(1))]), false),
    }),
    {},
  ),
  log: v.optional(
    v.strictObject({
      level: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    }),
    {},
  ),
});

export type ProxyConfigInput = v.InferInput<typeof ProxyConfigSchema>;
export type ProxyConfig = v.InferOutput<typeof ProxyConfigSchema>;

export class ProxyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxyConfigError';
  }
}

/** Validates and fills defaults; throws one error listing every problem with its dotted path. */
export function parseProxyConfig(input: unknown, source = 'proxy configuration'): ProxyConfig {
  const result = v.safeParse(ProxyConfigSchema, input);
  if (!result.success) {
    const problems = result.issues.map((issue) => `  - ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
    throw new ProxyConfigError(`Invalid ${source}:\n${problems.join('\n')}`);
  }
  return result.output;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function envNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new ProxyConfigError(`Invalid environment: ${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

/**
 * Environment overrides, applied on top of the file. Lists are comma-separated. Upstream names are derived
 * from position (node0, node1...) because URLs may embed credentials and must not appear in metrics.
 */
function applyEnv(base: Record<string, unknown>, env: Environment): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  const sub = (key: string): Record<string, unknown> => {
    const current = out[key];
    const copy = typeof current === 'object' && current !== null ? { ...(current as Record<string, unknown>) } : {};
    out[key] = copy;
    return copy;
  };
  if (env.PROXY_CHAIN_ID) out.chainId = envNumber('PROXY_CHAIN_ID', env.PROXY_CHAIN_ID);
  if (env.PROXY_HOST) sub('listen').host = env.PROXY_HOST;
  if (env.PROXY_PORT) sub('listen').port = envNumber('PROXY_PORT', env.PROXY_PORT);
  if (env.PROXY_MONITORING_HOST) sub('monitoring').host = env.PROXY_MONITORING_HOST;
  if (env.PROXY_MONITORING_PORT) sub('monitoring').port = envNumber('PROXY_MONITORING_PORT', env.PROXY_MONITORING_PORT);
  if (env.PROXY_UPSTREAMS) out.upstreams = list(env.PROXY_UPSTREAMS).map((url, i) => ({ url, name: `node${i}` }));
  if (env.PROXY_ALLOWED_CONTRACTS) out.allowedContracts = list(env.PROXY_ALLOWED_CONTRACTS);
  if (env.PROXY_CORS_ORIGINS) sub('cors').origins = list(env.PROXY_CORS_ORIGINS);
  if (env.PROXY_LOG_LEVEL) sub('log').level = env.PROXY_LOG_LEVEL;
  if (env.PROXY_TRUST_PROXY) {
    const t = env.PROXY_TRUST_PROXY;
    sub('server').trustProxy =
      t === 'true'
        ? true
        : t === 'false'
          ? false
          : /^\d+$/.test(t.trim())
            ? envNumber('PROXY_TRUST_PROXY', t)
            : list(t);
  }
  return out;
}

/** Reads `file` (JSON) if given, applies environment overrides (PROXY_*), validates. */
export function loadProxyConfig(options: { file?: string; env?: Environment } = {}): ProxyConfig {
  let base: Record<string, unknown> = {};
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (err) {
      throw new ProxyConfigError(`Cannot read proxy configuration file ${options.file}: ${(err as Error).message}`);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('top level must be an object');
      base = parsed as Record<string, unknown>;
    } catch (err) {
      throw new ProxyConfigError(
        `Proxy configuration file ${options.file} is not valid JSON: ${(err as Error).message}`,
      );
    }
  }
  const merged = applyEnv(base, options.env ?? {});
  return parseProxyConfig(
    merged,
    options.file ? `proxy configuration (${options.file} + environment)` : 'proxy configuration (environment)',
  );
}

export interface DeploymentProxyOptions {
  chainId: number;
  upstreams: string[];
  allowedContracts: string[];
  corsOrigins?: string[];
  host?: string;
  port?: number;
  /** Any other setting (limits, upstream, server, log), merged over the defaults. */
  overrides?: Omit<ProxyConfigInput, 'chainId' | 'upstreams' | 'allowedContracts'>;
}

/** Builds a validated config from what a deployment knows (used by the local stack and tests). */
export function proxyConfigFromDeployment(options: DeploymentProxyOptions): ProxyConfig {
  const overrides = options.overrides ?? {};
  return parseProxyConfig({
    ...overrides,
    chainId: options.chainId,
    upstreams: options.upstreams.map((url, i) => ({ url, name: `node${i}` })),
    allowedContracts: options.allowedContracts,
    cors: { ...overrides.cors, origins: options.corsOrigins ?? overrides.cors?.origins ?? [] },
    listen: {
      ...overrides.listen,
      host: options.host ?? overrides.listen?.host,
      port: options.port ?? overrides.listen?.port,
    },
  });
}

/** Upstream label for logs and metrics: never the URL (it may carry credentials or API keys). */
export function upstreamName(upstream: ProxyConfig['upstreams'][number], index: number): string {
  return upstream.name ?? `node${index}`;
}
