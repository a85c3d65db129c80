/**
 * Prometheus metrics. Each proxy owns its registry (not prom-client's global one) so several proxies can
 * live in one process (tests, the local stack) without "metric already registered" clashes.
 *
 * Label values are bounded: the method label is the method name only for allowlisted methods and "other"
 * otherwise, because method names come from clients and unbounded labels would exhaust Prometheus.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isAllowedMethod } from './policy';

export type Outcome = 'ok' | 'rpc_error' | 'refused' | 'invalid' | 'upstream_error';

export class ProxyMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'outcome'>;
  private readonly refusals: Counter<'reason'>;
  private readonly upstreamLatency: Histogram<'upstream' | 'outcome'>;
  private readonly upstreamHealthy: Gauge<'upstream'>;
  private readonly upstreamHead: Gauge<'upstream'>;
  private readonly failovers: Counter<'method'>;
  private readonly healthChecks: Counter<'upstream' | 'outcome'>;
  /**
   * The labelled children of the per-call metrics, looked up once per label set: prom-client hashes the label
   * object on every inc/observe otherwise, a measurable share of a forwarded call. Label values are bounded
   * (allowlisted methods, outcomes, configured upstreams), so these maps are too.
   */
  private readonly callChildren = new Map<string, Counter.Internal>();
  private readonly attemptChildren = new Map<string, Histogram.Internal<'upstream' | 'outcome'>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'rpc_proxy_process_' });
    this.requests = new Counter({
      name: 'rpc_proxy_requests_total',
      help: 'JSON-RPC calls answered, by method and outcome',
      labelNames: ['method', 'outcome'],
      registers: [this.registry],
    });
    this.refusals = new Counter({
      name: 'rpc_proxy_refusals_total',
      help: 'Calls or HTTP requests refused by the proxy, by reason',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.upstreamLatency = new Histogram({
      name: 'rpc_proxy_upstream_request_duration_seconds',
      help: 'Latency of one attempt on one upstream node',
      labelNames: ['upstream', 'outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.upstreamHealthy = new Gauge({
      name: 'rpc_proxy_upstream_healthy',
      help: '1 if the upstream node passes health checks',
      labelNames: ['upstream'],
      registers: [this.registry],
    });
    this.upstreamHead = new Gauge({
      name: 'rpc_proxy_upstream_head_block',
      help: 'Latest block number reported by the upstream node',
      labelNames: ['upstream'],
      registers: [this.registry],
    });
    this.healthChecks = new Counter({
      name: 'rpc_proxy_upstream_health_checks_total',
      help: 'Health-check calls (eth_chainId, eth_blockNumber) per upstream and outcome',
      labelNames: ['upstream', 'outcome'],
      registers: [this.registry],
    });
    this.failovers = new Counter({
      name: 'rpc_proxy_failovers_total',
      help: 'Calls retried on another upstream after an error or timeout',
      labelNames: ['method'],
      registers: [this.registry],
    });
  }

  methodLabel(method: string): string {
    return isAllowedMethod(method) ? method : 'other';
  }

  call(method: string, outcome: Outcome): void {
    const label = this.methodLabel(method);
    const key = `${label} ${outcome}`;
    let child = this.callChildren.get(key);
    if (!child) this.callChildren.set(key, (child = this.requests.labels({ method: label, outcome })));
    child.inc();
  }

  refusal(reason: string): void {
    this.refusals.inc({ reason });
  }

  upstreamAttempt(upstream: string, outcome: 'ok' | 'error' | 'timeout', seconds: number): void {
    const key = `${upstream} ${outcome}`;
    let child = this.attemptChildren.get(key);
    if (!child) this.attemptChildren.set(key, (child = this.upstreamLatency.labels({ upstream, outcome })));
    child.observe(seconds);
  }

  healthCheck(upstream: string, outcome: 'ok' | 'error' | 'timeout'): void {
    this.healthChecks.inc({ upstream, outcome });
  }

  failover(method: string): void {
    this.failovers.inc({ method: this.methodLabel(method) });
  }

  upstreamState(upstream: string, healthy: boolean, head: bigint | null): void {
    this.upstreamHealthy.set({ upstream }, healthy ? 1 : 0);
    if (head !== null) this.upstreamHead.set({ upstream }, Number(head));
  }
}
