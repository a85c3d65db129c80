/**
 * The comparison behind `npm run consortium:check` (issue 14 item 2): reads every chain the runtime configuration
 * lists and compares their governance state (lib/browser/reads/shard-state.ts) and the release each registry runs
 * (./implementations.ts: the ERC-1967 implementation's runtime code). Returns the report's lines and
 * whether the chains agree; main.ts prints them and sets the exit status.
 */
import { createPublicClient, http } from 'viem';
import type { RuntimeConfig } from '../../browser/config/runtime';
import { chainFromConfig } from '../../browser/chain/runtime';
import {
  compareShards,
  describeDivergence,
  readShardState,
  type Divergence,
  type ShardState,
} from '../../browser/reads/shard-state';
import {
  compareImplementations,
  describeCodeDivergence,
  readImplementations,
  type CodeDivergence,
  type Implementations,
} from './implementations';

export interface CheckResult {
  ok: boolean;
  states: (ShardState & { implementations: Implementations })[];
  divergences: Divergence[];
  /** Contracts whose implementation (runtime code, per-chain addresses zeroed) differs between chains. */
  codeDivergences: CodeDivergence[];
  lines: string[];
}

export async function checkConsortium(config: RuntimeConfig, wmis: readonly string[] = []): Promise<CheckResult> {
  const read = await Promise.allSettled(
    config.shards.map(async (shard) => {
      const client = createPublicClient({
        chain: chainFromConfig(shard),
        transport: http(shard.rpcUrl, { batch: true }),
      });
      let served: number;
      try {
        served = await client.getChainId();
      } catch (error) {
        throw new Error(`Chain ${shard.chainId} (${shard.rpcUrl}) could not be read: ${(error as Error).message}`, {
          cause: error,
        });
      }
      // The wallet writes to the chain id listed, the dApp reads through the RPC URL: they must be one chain.
      if (served !== shard.chainId) {
        throw new Error(
          `Chain ${shard.chainId} (${shard.rpcUrl}) serves chain ${served}, not the chain the configuration names.`,
        );
      }
      try {
        const [state, implementations] = await Promise.all([
          readShardState(client, shard, wmis),
          readImplementations(client, shard),
        ]);
        return { ...state, implementations };
      } catch (error) {
        throw new Error(`Chain ${shard.chainId} (${shard.rpcUrl}) could not be read: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }),
  );
  // Every chain is read at once; a failure is reported for the first chain in the configuration's order, not for
  // whichever answered first, so the same file always gives the same sentence.
  const failed = read.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const states = read.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const divergences = compareShards(states, config.shards.length);
  const codeDivergences = compareImplementations(states);
  const problems = [...divergences.map(describeDivergence), ...codeDivergences.map(describeCodeDivergence)];
  const [first] = states;
  const lines = [
    `The configuration lists ${states.length} chain${states.length === 1 ? '' : 's'}.`,
    ...states.map(
      (state) =>
        `Chain ${state.chainId}: books with id % ${state.shardCount} == ${state.shardIndex}, ${Object.keys(state.members).length} organisations, ${state.openProposals} proposal${state.openProposals === 1 ? '' : 's'} open.`,
    ),
    ...Object.entries(first.members).map(([id, member]) => `Organisation ${id}: ${member}; staff: ${first.staff[id]}.`),
    ...Object.entries(first.parameters).map(([name, value]) => `Parameter ${name}: ${value}.`),
    ...Object.entries(first.wmiHolders).map(([wmi, org]) => `WMI ${wmi}: held by organisation ${org}.`),
    ...Object.entries(first.implementations).map(
      ([name, code]) =>
        `Implementation of ${name}: runtime code ${code.codeHash}${code.implementation ? ` (at ${code.implementation} on chain ${first.chainId})` : ''}.`,
    ),
    'Not compared: the holders of WMIs outside the make table unless named with --wmi (Consortium keeps WMI holders as parameters keyed by a hash, with no list of WMIs and no index of their registrations; its ParameterSet events would need a log scan from genesis, which this check does not do).',
    ...(problems.length === 0
      ? [`All ${states.length} chains agree (as read on chain ${first.chainId} above).`]
      : [`${problems.length} divergence${problems.length === 1 ? '' : 's'}:`, ...problems.map((p) => `✖ ${p}`)]),
  ];
  return { ok: problems.length === 0, states, divergences, codeDivergences, lines };
}
