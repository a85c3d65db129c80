/** The local stack's TCP ports. Kept apart from stack.ts so `npm start` reads them without loading the services. */
export interface StackPorts {
  anvil: number;
  proxy: number;
  ipfs: number;
  app: number;
}

export const DEFAULT_PORTS: StackPorts = { anvil: 8545, proxy: 8547, ipfs: 5001, app: 3000 };
