import * as v from 'valibot';
import type { Address } from 'viem';

/**
 * The runtime configuration the static dApp reads at startup from `/config.json`, written by the deploy
 * step. One build serves any consortium: everything that differs between networks lives here.
 */
const address = v.pipe(
  v.string(),
  v.regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address'),
  v.transform((value) => value as Address),
);
const httpUrl = v.pipe(v.string(), v.url('must be an absolute URL'));

export const RuntimeConfigSchema = v.object({
  chainId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  chainName: v.pipe(v.string(), v.minLength(1)),
  rpcUrl: httpUrl,
  contracts: v.object({
    consortium: address,
    carBook: address,
    insurance: address,
    documentAnchor: address,
    /** Privacy protocol key registry (reading keys, organisation keys, epoch-key wraps). */
    keyRegistry: v.optional(address),
  }),
  deploymentBlock: v.pipe(v.number(), v.integer(), v.minValue(0)),
  ipfs: v.optional(v.object({ api: httpUrl, gateway: httpUrl })),
  walletConnectProjectId: v.optional(v.string()),
});

export type RuntimeConfig = v.InferOutput<typeof RuntimeConfigSchema>;

export function parseRuntimeConfig(input: unknown): RuntimeConfig {
  const result = v.safeParse(RuntimeConfigSchema, input);
  if (!result.success) {
    const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
    throw new Error(`Invalid runtime configuration: ${problems.join('; ')}`);
  }
  return result.output;
}
