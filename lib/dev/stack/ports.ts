/** The local stack's TCP ports. Kept apart from stack.ts so `npm start` reads them without loading the services. */
export interface StackPorts {
  anvil: number;
  proxy: number;
  ipfs: number;
  app: number;
  /** The dev IPFS node's web gateway (for `npm run publish:ipfs`); none when absent (the e2e stack). */
  ipfsGateway?: number;
}

export const DEFAULT_PORTS: StackPorts = { anvil: 8545, proxy: 8547, ipfs: 5001, app: 3000 };
/** `npm start`'s web gateway port, Kubo's gateway port. */
export const DEFAULT_IPFS_GATEWAY_PORT = 8080;

/** How far apart two shards' anvil and proxy ports are (CARBOOK_SHARDS: shard i uses shard 0's ports + 50 × i). */
export const SHARD_PORT_STRIDE = 50;
