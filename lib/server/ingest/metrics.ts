/** Prometheus metrics of the ingester (prom-client), served on a local port by `serveMetrics`. */
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export function createIngestMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ingest_process_' });
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  return {
    registry,
    received: counter('ingest_readings_received_total', 'Source messages (readings) received'),
    accepted: counter('ingest_readings_accepted_total', 'Readings that passed every off-chain check (journaled)'),
    dead: counter('ingest_dead_letters_total', 'Readings dead-lettered, by reason', ['reason']),
    mined: counter('ingest_readings_mined_total', 'Readings recorded on chain'),
    batchesSent: counter('ingest_batches_sent_total', 'Batch transactions broadcast'),
    batchesMined: counter('ingest_batches_mined_total', 'Batch transactions mined'),
    replaced: counter('ingest_tx_replaced_total', 'Stuck transactions replaced with a higher fee'),
    compactions: counter('ingest_journal_compactions_total', 'Journal compactions (snapshot + rewrite)'),
    gasUsed: counter('ingest_gas_used_total', 'Gas used by mined batches'),
    backlog: gauge('ingest_backlog_readings', 'Readings received and not yet mined'),
    inFlight: gauge('ingest_batches_in_flight', 'Batches broadcast and not yet mined'),
    lastMinedBlock: gauge('ingest_last_mined_block', 'Block of the last mined batch'),
    stageSeconds: counter(
      'ingest_stage_seconds_total',
      'Time spent in each pipeline stage (synchronous CPU stages; `rpc-*` are waits on the node)',
      ['stage'],
    ),
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;

/** GET /metrics on host:port (loopback by default: the maker's Prometheus scrapes it locally). */
export async function serveMetrics(metrics: IngestMetrics, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
