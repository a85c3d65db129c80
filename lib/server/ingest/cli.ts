/**
 * The ingester's command line (run through main.ts): `--rpc <url> --carbook <address> --source <file | - |
 * mqtt://host:port> [options]`, see README.md. The operator key comes from a file or the environment
 * (`INGEST_OPERATOR_KEY_FILE`, `INGEST_OPERATOR_KEY`), never from the command line.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { getAddress, type Hex } from 'viem';
import { createIngestMetrics, serveMetrics } from './metrics';
import { Ingester } from './pipeline';
import { ingestMqtt, ingestNdjson } from './sources';
import { VerifyPool } from './verify-pool';

const { values } = parseArgs({
  options: {
    rpc: { type: 'string', default: process.env.INGEST_RPC_URL },
    carbook: { type: 'string', default: process.env.INGEST_CARBOOK },
    source: { type: 'string', default: '-' },
    topic: { type: 'string', default: 'carbook/readings' },
    'client-id': { type: 'string', default: 'carbook-ingest' },
    journal: { type: 'string', default: 'ingest-journal.ndjson' },
    'dead-letters': { type: 'string', default: 'ingest-dead-letters.ndjson' },
    'metrics-port': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'max-batch-gas': { type: 'string' },
    'max-batch-readings': { type: 'string' },
    'max-in-flight': { type: 'string' },
    'max-wait-ms': { type: 'string' },
    'stuck-after-ms': { type: 'string' },
    'max-age-days': { type: 'string' },
    'compact-bytes': { type: 'string' },
    'exit-when-done': { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
    'verify-workers': { type: 'string', default: String(Math.min(2, availableParallelism())) },
  },
});

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};
const num = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number, got "${value}".`);
  return n;
};

const tty = process.stderr.isTTY === true;
// Synchronous: a few lines a second, and the last ones before a crash are the ones that matter.
const logger = pino({ level: tty ? 'warn' : values['log-level'] }, pino.destination({ fd: 2, sync: true }));
const metrics = createIngestMetrics();
if (!values.rpc) fail('Give the node to send to with --rpc <url> (or INGEST_RPC_URL).');
if (!values.carbook) fail('Give the CarBook registry address with --carbook <address> (or INGEST_CARBOOK).');
// The key from a file (systemd LoadCredential=, a container secret) or the environment, never the command line.
const keyFile = process.env.INGEST_OPERATOR_KEY_FILE;
const operatorKey = (keyFile ? readFileSync(keyFile, 'utf8').trim() : process.env.INGEST_OPERATOR_KEY) as
  Hex | undefined;
if (!values['dry-run'] && !/^0x[0-9a-fA-F]{64}$/.test(operatorKey ?? '')) {
  fail(
    'Set INGEST_OPERATOR_KEY_FILE (a file holding the key) or INGEST_OPERATOR_KEY to the telematics operator key (0x + 64 hex digits), or validate with --dry-run.',
  );
}

const ingester = new Ingester({
  rpcUrl: values.rpc!,
  carBook: getAddress(values.carbook!),
  operatorKey,
  journalFile: values.journal,
  deadLetterFile: values['dead-letters'],
  dryRun: values['dry-run'],
  maxBatchGas: num('max-batch-gas', values['max-batch-gas']),
  maxBatchReadings: num('max-batch-readings', values['max-batch-readings']),
  maxInFlight: num('max-in-flight', values['max-in-flight']),
  maxWaitMs: num('max-wait-ms', values['max-wait-ms']),
  stuckAfterMs: num('stuck-after-ms', values['stuck-after-ms']),
  compactBytes: num('compact-bytes', values['compact-bytes']),
  maxAgeSeconds: values['max-age-days'] ? num('max-age-days', values['max-age-days'])! * 86_400 : undefined,
  logger,
  metrics,
  fault: process.env.INGEST_FAULT,
  // Worker threads run this process's entry file (main.ts, or the one-file build) in worker mode.
  verifier:
    Number(values['verify-workers']) > 0
      ? new VerifyPool(Number(values['verify-workers']), process.argv[1])
      : undefined,
});

// INGEST_CPU_PROFILE=<file>: a V8 CPU profile of this process, written on SIGUSR2 (the bench sends it as its
// window closes; `node --cpu-prof` would write only on a clean exit, and the bench ends the run with SIGKILL).
if (process.env.INGEST_CPU_PROFILE) {
  const file = process.env.INGEST_CPU_PROFILE;
  const { Session } = await import('node:inspector');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  process.once('SIGUSR2', () => {
    void post('Profiler.stop').then((result) => {
      writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile));
      logger.info({ file }, 'CPU profile written');
    });
  });
}

await ingester.start();
if (values['metrics-port']) {
  const port = num('metrics-port', values['metrics-port'])!;
  await serveMetrics(metrics, port);
  logger.info({ url: `http://127.0.0.1:${port}/metrics` }, 'metrics served');
}

// A progress line on a terminal: readings/s, backlog, last mined block, dead letters.
let lastMined = 0;
const progress = tty
  ? setInterval(() => {
      const c = ingester.counts;
      process.stderr.write(
        `\r${c.mined - lastMined} readings/s | mined ${c.mined} | backlog ${ingester.backlog} | last mined block ${ingester.lastMinedBlock} | dead letters ${c.dead}   `,
      );
      lastMined = c.mined;
    }, 1000)
  : undefined;

const shutdown = async (code: number) => {
  if (progress) clearInterval(progress);
  await ingester.stop();
  const c = ingester.counts;
  logger.info({ ...c }, 'ingester stopped');
  if (values['dry-run'])
    process.stdout.write(`${JSON.stringify({ received: c.received, valid: c.accepted, dead: c.dead })}\n`);
  logger.flush();
  process.exit(code);
};
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

if (values.source.startsWith('mqtt://') || values.source.startsWith('mqtts://')) {
  await ingestMqtt(ingester, {
    url: values.source,
    topic: values.topic,
    clientId: values['client-id'],
    username: process.env.INGEST_MQTT_USERNAME,
    password: process.env.INGEST_MQTT_PASSWORD,
  });
  logger.info({ topic: values.topic }, 'subscribed');
} else {
  await ingestNdjson(ingester, values.source);
  if (values['exit-when-done'] || values['dry-run']) {
    await ingester.drain();
    await shutdown(0);
  }
}
