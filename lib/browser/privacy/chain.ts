/**
 * What lib/browser/privacy needs from the chain: the addresses, the transaction helper (lib/browser/chain/send:
 * simulate first, then send and wait), and the key registry's events read from its block indexes.
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
import { byChainOrder, checkedBlocks, firstEmptyBlock, logsAtBlocks, pinBlock, readIndex } from '../history/indexed';
import type { RuntimeConfig } from '../config/runtime';
import type { BookContext, ReadingKeyDomain } from '../crypto';

export type PrivacyConfig = {
  chainId: number;
  contracts: { consortium: Address; carBook: Address; insurance: Address; keyRegistry: Address };
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
  };
}

/** The consortium a reading key is bound to (the EIP-712 domain of the reading-key signature). */
export function readingKeyDomain(config: PrivacyConfig): ReadingKeyDomain {
  return {
    chainId: config.chainId,
    keyRegistry: config.contracts.keyRegistry,
    consortium: config.contracts.consortium,
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

const BOOK_KEY_EVENTS = ['EpochStarted', 'EpochKeyWrapped', 'ShareKeyAdded', 'ShareKeyRevoked'] as const;
const ORG_KEY_EVENTS = ['OrgKeyPublished', 'OrgKeyWrapped'] as const;

/**
 * Key registry events of one name about one book (`topics[0]` = the token id) or one organisation (`topics[0]` =
 * the org id), further filtered by the other indexed topics, decoded, in chain order. Read from the registry's
 * block index at one pinned block (`toBlock`, or the current one): one eth_call, then one single-block
 * eth_getLogs per listed block. A listed block whose events the node withheld is an error, not a silent gap.
 */
export async function keyRegistryLogs<const N extends KeyRegistryEventName>(
  publicClient: PublicClient,
  config: { contracts: { keyRegistry: Address } },
  eventName: N,
  topics: (Hex | null)[] = [],
  toBlock?: bigint,
) {
  const [subject, ...rest] = topics;
  if (!subject) throw new Error(`keyRegistryLogs(${eventName}) needs the book or organisation topic`);
  const isBook = (BOOK_KEY_EVENTS as readonly string[]).includes(eventName);
  if (!isBook && !(ORG_KEY_EVENTS as readonly string[]).includes(eventName))
    throw new Error(`keyRegistryLogs: ${eventName} is in no index of the key registry`);
  const registry = config.contracts.keyRegistry;
  const blockNumber = toBlock ?? (await pinBlock(publicClient));
  const id = BigInt(subject);
  const blocks = await readIndex((start, count) =>
    isBook
      ? publicClient.readContract({
          address: registry,
          abi: keyRegistryAbi,
          functionName: 'bookEventBlocks',
          args: [id, start, count],
          blockNumber,
        })
      : publicClient.readContract({
          address: registry,
          abi: keyRegistryAbi,
          functionName: 'orgKeyEventBlocks',
          args: [Number(id), start, count],
          blockNumber,
        }),
  );
  const checked = checkedBlocks(blocks, blockNumber);
  if (checked.problem) throw new Error(`The RPC node answered an inconsistent key index: ${checked.problem}.`);
  const signatures = (isBook ? BOOK_KEY_EVENTS : ORG_KEY_EVENTS).map(keyRegistryTopic);
  const perBlock = await logsAtBlocks(publicClient, registry, [signatures, subject], checked.blocks);
  const empty = firstEmptyBlock(checked.blocks, perBlock);
  if (empty !== undefined)
    throw new Error(
      `The RPC node withheld key registry events: block ${empty} is listed in the ${isBook ? "book's" : "organisation's"} key index but none of its events were returned.`,
    );
  const wanted = keyRegistryTopic(eventName);
  const logs = perBlock
    .flat()
    .filter(
      (log) =>
        log.topics[0] === wanted &&
        rest.every((topic, i) => topic === null || log.topics[i + 2]?.toLowerCase() === topic.toLowerCase()),
    );
  return parseEventLogs({ abi: keyRegistryAbi, logs, eventName }).sort(byChainOrder);
}
