/**
 * What lib/browser/privacy needs from the chain: the addresses, one transaction helper (simulate first, so a refusal
 * comes back as the contract's custom error before anything is signed; then send and wait), and the key
 * registry's events read in proxy-sized eth_getLogs windows.
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  numberToHex,
  parseEventLogs,
  toEventSelector,
  type Abi,
  type Account,
  type AbiEvent,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type PublicClient,
  type WalletClient,
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

/** A contract refused a call: `errorName` and `args` of its custom error (e.g. KeyRegistryNotBookKeyPublisher). */
export class ContractRefusal extends Error {
  override readonly name = 'ContractRefusal';
  constructor(
    readonly errorName: string,
    readonly args: readonly unknown[],
    options: { cause: unknown },
  ) {
    super(`${errorName}(${args.map(String).join(', ')})`, options);
  }
}

/** The custom error inside a viem error, if any. */
export function contractRefusal(error: unknown): ContractRefusal | undefined {
  if (error instanceof ContractRefusal) return error;
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
    return new ContractRefusal(reverted.data.errorName, reverted.data.args ?? [], { cause: error });
  }
  return undefined;
}

/**
 * Simulates, sends and waits for one contract call. A revert in simulation throws `ContractRefusal` (nothing
 * was signed or sent); a mined transaction that reverted throws too.
 */
export async function sendContract<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
>(
  publicClient: PublicClient,
  walletClient: WalletClient,
  call: { address: Address; abi: abi; functionName: functionName; args: args },
): Promise<{ hash: Hex; blockNumber: bigint }> {
  const account: Account | undefined = walletClient.account;
  if (!account) throw new Error('The wallet client has no account');
  let request;
  try {
    ({ request } = await publicClient.simulateContract({ ...(call as object), account } as never));
  } catch (error) {
    throw contractRefusal(error) ?? error;
  }
  const hash = await walletClient.writeContract({
    ...(request as object),
    account,
    chain: walletClient.chain,
  } as never);
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== 'success') throw new Error(`Transaction ${hash} (${call.functionName}) reverted`);
  return { hash, blockNumber: receipt.blockNumber };
}

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
