/**
 * `npm run ingest -- --rpc <url> --carbook <address> --source <file | - | mqtt://host:port> [options]`
 * The maker's telematics ingestion service (see README.md and cli.ts). The same file is the entry of its
 * signature-verification worker threads (verify-pool.ts), so that the one-file build runs both.
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('./cli');
else (await import('./verify-pool')).serveVerifyRequests();
