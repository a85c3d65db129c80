import * as v from 'valibot';
import type { Address } from 'viem';

/**
 * The runtime configuration the static dApp reads at startup from `/config.json`, written by the deploy
 * step. One build serves any consortium: everything that differs between networks lives here.
 *
 * A consortium runs K ≥ 1 chains (shards, issue 14): `shards` lists them in shard order (entry i is the chain whose
 * CarBook holds the books with `bookId % K == i`), each with its chain id, its RPC URL (through its proxy) and its
 * registries' addresses. One chain is the same shape with one entry. A file written before sharding (the chain's
 * fields at the top level, no `shards`) still parses, as that one shard.
 */
const address = v.pipe(
  v.string(),
  v.regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address'),
  v.transform((value) => value as Address),
);
/**
 * An http(s) URL to a plain host (a DNS name, IPv4 or [IPv6]), optional port and path. Its origin goes into the
 * dApp's Content-Security-Policy: WHATWG URLs also accept hosts with `*`, `;`, `,` or `'`, which would widen the
 * policy to a whole domain or add directives to it (lib/dev/stack/csp.ts checks each origin again).
 */
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$|^\[[0-9a-f:.]+\]$/i;
export const isPlainHttpUrl = (url: URL) =>
  (url.protocol === 'https:' || url.protocol === 'http:') && PLAIN_HOST.test(url.hostname);
const httpUrl = v.pipe(
  v.string(),
  v.url('must be an absolute URL'),
  // Runs after a failed `url` too (valibot goes on through the pipe): an unparsable value is that issue alone.
  v.check((value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return true;
    }
    return isPlainHttpUrl(url);
  }, 'must be an http(s) URL to a plain host name or address'),
);

/** One chain of the consortium: where it is and where its registries are. */
export const ShardConfigSchema = v.object({
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
});

const common = {
  ipfs: v.optional(v.object({ api: httpUrl, gateway: httpUrl })),
  walletConnectProjectId: v.optional(v.string()),
};

/** The file's shape: every chain in `shards` (one entry for a single chain). */
export const RuntimeConfigFileSchema = v.pipe(
  v.object({ shards: v.pipe(v.array(ShardConfigSchema), v.minLength(1, 'must list at least one chain')), ...common }),
  v.check(
    (file) => new Set(file.shards.map((shard) => shard.chainId)).size === file.shards.length,
    'shards: each chain must have its own chain id',
  ),
);
/** The shape from before sharding: one chain's fields at the top level. */
const SingleChainFileSchema = v.object({ ...ShardConfigSchema.entries, ...common });

export type ShardConfig = v.InferOutput<typeof ShardConfigSchema>;
export type RuntimeConfigFile = v.InferOutput<typeof RuntimeConfigFileSchema>;

/**
 * The parsed configuration: every shard, and at the top level the first shard's fields, so that code that is not
 * about one book (governance pages, a wallet's chain list) reads the first chain as before. Code about a book takes
 * its shard's view (`configForShard`, lib/browser/chain/shards.ts): a `RuntimeConfig` whose top level is that shard.
 */
export type RuntimeConfig = ShardConfig & RuntimeConfigFile;

function problems(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ');
}

export function parseRuntimeConfig(input: unknown): RuntimeConfig {
  const sharded = typeof input === 'object' && input !== null && 'shards' in input;
  if (sharded) {
    const result = v.safeParse(RuntimeConfigFileSchema, input);
    if (!result.success) throw new Error(`Invalid runtime configuration: ${problems(result.issues)}`);
    return { ...result.output.shards[0], ...result.output };
  }
  const result = v.safeParse(SingleChainFileSchema, input);
  if (!result.success) throw new Error(`Invalid runtime configuration: ${problems(result.issues)}`);
  const { ipfs, walletConnectProjectId, ...shard } = result.output;
  return parseRuntimeConfig(runtimeConfigFile({ ...shard, shards: [shard], ipfs, walletConnectProjectId }));
}

/** What a writer puts in config.json: the shards and the common settings, nothing twice. */
export function runtimeConfigFile(config: RuntimeConfig): RuntimeConfigFile {
  return {
    shards: config.shards,
    ...(config.ipfs ? { ipfs: config.ipfs } : {}),
    ...(config.walletConnectProjectId !== undefined ? { walletConnectProjectId: config.walletConnectProjectId } : {}),
  };
}
