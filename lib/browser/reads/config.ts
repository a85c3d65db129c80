/**
 * What every read takes besides the client: the consortium's addresses and where its history starts. The
 * dApp's runtime configuration fits as is; how a read finds its data (event scans from `deploymentBlock`
 * today, on-chain indexes later) stays inside the read.
 */
import {
  encodeEventTopics,
  parseEventLogs,
  type Abi,
  type Address,
  type ContractEventName,
  type Hex,
  type PublicClient,
} from 'viem';
import { getLogsInWindows } from '../history/read';

export type ReadConfig = {
  contracts: {
    consortium: Address;
    carBook: Address;
    insurance: Address;
    documentAnchor: Address;
    keyRegistry?: Address;
  };
  /** First block worth scanning for events (the registries' deployment). */
  deploymentBlock: number | bigint;
  /** eth_getLogs window; the proxy refuses wider ranges (default 5,000 blocks). */
  maxLogRange?: bigint;
};

/** Events of one of our contracts since the deployment, read in windows the RPC proxy accepts, decoded and typed. */
export async function readEvents<const abi extends Abi, eventName extends ContractEventName<abi>>(
  client: PublicClient,
  config: ReadConfig,
  address: Address,
  abi: abi,
  eventName: eventName,
  args: Record<string, unknown>,
) {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- viem cannot narrow a generic abi/eventName pair: tsc needs the widening
  const topics = encodeEventTopics({ abi: abi as Abi, eventName: eventName as string, args } as Parameters<
    typeof encodeEventTopics
  >[0]);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- encodeEventTopics types its result loosely for a generic abi
  const logs = await getLogsInWindows(client, address, topics as (Hex | Hex[] | null)[], fromBlockOf(config), {
    maxRange: config.maxLogRange,
  });
  return parseEventLogs({ abi, logs, eventName });
}

export function fromBlockOf(config: ReadConfig): bigint {
  return BigInt(config.deploymentBlock);
}

/** The key registry's address; reads of private-record state need it. */
export function keyRegistryOf(config: ReadConfig): Address {
  const registry = config.contracts.keyRegistry;
  if (!registry)
    throw new Error(
      'This consortium has no key registry configured (contracts.keyRegistry): private records are unavailable',
    );
  return registry;
}

export const unique = <T>(values: readonly T[]) => [...new Set(values)];
