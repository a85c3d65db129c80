/** Public entry of the chain connection: the runtime configuration as a viem chain and client, chain parameters. */
export { loadRuntimeConfig, chainFromConfig, publicClientFromConfig } from './runtime';
export { readVinCommitmentParams } from './vin-params';
export { sendAndWait, sendContract, simulateContract } from './send';
export type { ContractCall, SentTransaction, TxStep } from './send';
