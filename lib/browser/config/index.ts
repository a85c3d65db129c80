/** Public entry of the runtime configuration (`/config.json`): its schema and parser. */
export type { RuntimeConfig, ShardConfig } from './runtime';
