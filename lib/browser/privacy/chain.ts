/**
 * What lib/browser/privacy needs from the chain: the addresses, the transaction helper (lib/browser/chain/send:
 * simulate first, then send and wait), and the key registry's events read in proxy-sized eth_getLogs windows.
 */
import {
  numberToHex,
  parseEventLogs,
  toEventSelector,
  type AbiEvent,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { keyRegistryAbi } from '../contracts/generated';
import { getLogsInWindows } from '../history/read';
import type { RuntimeConfig } from '../config/runtime';
import type { BookContext } from '../crypto';

export type PrivacyConfig = {
  chainId: number;
  contracts: { consortium: Address; carBook: Address; insurance: Address; keyRegistry: Address };
  /** First block worth scanning for events (the registries' deployment). */
  deploymentBlock: bigint;
  /** eth_getLogs window; the proxy refuses wider ranges (default 5,000 blocks). */
  maxLogRange?: bigint;
};

/** The privacy configuration from the dApp's runtime configuration (which must name the key registry). */
export function privacyConfigFrom(runtime: RuntimeConfig): PrivacyConfig {
  const { keyRegistry, consortium, carBook, insurance } = runtime.contracts;
  if (!keyRegistry)
    throw new Error(
      'This consortium has no key registry configured (contracts.keyRegistry): private records are unavailable',
    );
  return {
    chainId: runtime.chainId,
    contracts: { consortium, carBook, insurance, keyRegistry },
    deploymentBlock: BigInt(runtime.deploymentBlock),
  };
}

export function bookContext(config: PrivacyConfig, tokenId: bigint): BookContext {
  return { chainId: config.chainId, carBook: config.contracts.carBook, tokenId };
}

export { contractRefusal, sendContract } from '../chain/send';

type KeyRegistryEventName = Extract<(typeof keyRegistryAbi)[number], { type: 'event' }>['name'];

export function keyRegistryTopic(name: KeyRegistryEventName): Hex {
  const item = keyRegistryAbi.find((entry) => entry.type === 'event' && entry.name === name);
  return toEventSelector(item as AbiEvent);
}

export const topicOf = {
  uint: (value: bigint | number) => numberToHex(BigInt(value), { size: 32 }),
  address: (value: Address): Hex => `0x${value.slice(2).toLowerCase().padStart(64, '0')}`,
};

/** Key registry events of one name, filtered by indexed topics, decoded, in chain order. */
export async function keyRegistryLogs<const N extends KeyRegistryEventName>(
  publicClient: PublicClient,
  config: PrivacyConfig,
  eventName: N,
  topics: (Hex | null)[] = [],
  toBlock?: bigint,
) {
  const logs = await getLogsInWindows(
    publicClient,
    config.contracts.keyRegistry,
    [keyRegistryTopic(eventName), ...topics],
    config.deploymentBlock,
    { maxRange: config.maxLogRange, toBlock },
  );
  return parseEventLogs({ abi: keyRegistryAbi, logs, eventName }).sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
}
