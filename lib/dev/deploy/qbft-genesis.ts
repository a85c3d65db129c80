/**
 * Production network files for a consortium QBFT chain, generated from one description (deploy/network.json):
 * the Besu and GoQuorum genesis files with the QBFT extraData (the initial validators, one per member), Besu's
 * local permissioning file (nodes and accounts allowlists) and GoQuorum's permissioned-nodes.json.
 *
 * QBFT extraData (Besu docs, "Configure QBFT consensus" and `besu rlp encode --type=QBFT_EXTRA_DATA`):
 * RLP([32-byte vanity, [validator addresses], vote (empty list), round (0), seals (empty list)]).
 * Node-only (used by `npm run deploy:genesis` and the deploy tests).
 */
import { fromRlp, getAddress, keccak256, toHex, toRlp, type Address, type Hex } from 'viem';
import * as v from 'valibot';

const ENODE = /^enode:\/\/([0-9a-f]{128})@([^:/\s]+):(\d{1,5})(\?discport=\d+)?$/;
const enode = v.pipe(v.string(), v.regex(ENODE, 'must be enode://<128 hex digits of public key>@host:port'));
const address = v.pipe(
  v.string(),
  v.regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address'),
  v.transform((s) => getAddress(s)),
);
const positive = v.pipe(v.number(), v.integer(), v.minValue(1));

export const NetworkSchema = v.strictObject({
  $comment: v.optional(v.string()),
  chainId: positive,
  /** QBFT block period: the capacity figures in docs/CAPACITY.md assume 2 s. */
  blockPeriodSeconds: positive,
  /** Round timeout; Besu's guidance is at least twice the block period. */
  requestTimeoutSeconds: positive,
  epochLength: positive,
  gasLimit: v.pipe(v.number(), v.integer(), v.minValue(5_000_000)),
  members: v.pipe(
    v.array(
      v.strictObject({ name: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/)), validator: enode, rpcNode: enode }),
    ),
    v.minLength(1),
  ),
  /** Accounts allowed to send transactions (Besu local account permissioning). */
  accountsAllowlist: v.array(address),
});
export type Network = v.InferOutput<typeof NetworkSchema>;

export function parseNetwork(input: unknown): Network {
  const result = v.safeParse(NetworkSchema, input);
  if (!result.success) {
    const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
    throw new Error(`Invalid network description: ${problems.join('; ')}`);
  }
  const network = result.output;
  if (network.requestTimeoutSeconds < 2 * network.blockPeriodSeconds) {
    throw new Error('Invalid network description: requestTimeoutSeconds must be at least twice blockPeriodSeconds');
  }
  const names = new Set(network.members.map((m) => m.name));
  if (names.size !== network.members.length) throw new Error('Invalid network description: member names repeat');
  return network;
}

/** The account (validator) address of a node: the last 20 bytes of keccak256 of its 64-byte public key. */
export function enodeAddress(url: string): Address {
  const match = ENODE.exec(url);
  if (!match) throw new Error(`not an enode URL: ${url}`);
  return getAddress(`0x${keccak256(`0x${match[1]}`).slice(-40)}`);
}

/** Validators in the extraData, in the members' order (QBFT sorts them itself when it picks proposers). */
export function validatorsOf(network: Network): Address[] {
  return network.members.map((member) => enodeAddress(member.validator));
}

const VANITY: Hex = `0x${'00'.repeat(32)}`;

export function qbftExtraData(validators: readonly Address[]): Hex {
  if (validators.length === 0) throw new Error('a QBFT network needs at least one validator');
  return toRlp([VANITY, validators.map((a) => a.toLowerCase() as Hex), [], '0x', []]);
}

export type QbftExtraData = { vanity: Hex; validators: Address[]; vote: Hex[]; round: number; seals: Hex[] };

/** Decodes a QBFT genesis extraData; throws when it does not have QBFT's five fields. */
export function decodeQbftExtraData(extraData: Hex): QbftExtraData {
  const decoded = fromRlp(extraData, 'hex');
  if (!Array.isArray(decoded) || decoded.length !== 5) throw new Error('QBFT extraData is an RLP list of 5 items');
  const [vanity, validators, vote, round, seals] = decoded;
  if (typeof vanity !== 'string' || vanity.length !== 66) throw new Error('QBFT vanity must be 32 bytes');
  if (!Array.isArray(validators) || !validators.every((a) => typeof a === 'string' && a.length === 42)) {
    throw new Error('QBFT validators must be a list of 20-byte addresses');
  }
  if (!Array.isArray(vote) || typeof round !== 'string' || !Array.isArray(seals)) {
    throw new Error('QBFT vote and seals must be lists and the round a number');
  }
  return {
    vanity: vanity as Hex,
    validators: validators.map((a) => getAddress(a as string)),
    vote: vote as Hex[],
    round: round === '0x' ? 0 : Number(round),
    seals: seals as Hex[],
  };
}

/** QBFT's mixHash constant ("Istanbul digest", as in Besu's and GoQuorum's QBFT genesis examples). */
export const QBFT_MIX_HASH: Hex = '0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365';

const genesisBlock = (network: Network) => ({
  nonce: '0x0',
  timestamp: '0x0',
  gasLimit: toHex(network.gasLimit),
  difficulty: '0x1',
  mixHash: QBFT_MIX_HASH,
  coinbase: '0x0000000000000000000000000000000000000000',
  // Gas is free: nobody needs a balance, so nothing is allocated.
  alloc: {},
  extraData: qbftExtraData(validatorsOf(network)),
});

/** Besu: London rules with a zero base fee (`zeroBaseFee`), QBFT with the network's timings. */
export function besuGenesis(network: Network) {
  return {
    config: {
      chainId: network.chainId,
      berlinBlock: 0,
      londonBlock: 0,
      zeroBaseFee: true,
      qbft: {
        blockperiodseconds: network.blockPeriodSeconds,
        epochlength: network.epochLength,
        requesttimeoutseconds: network.requestTimeoutSeconds,
      },
    },
    ...genesisBlock(network),
  };
}

/** GoQuorum: `isQuorum` (gas price zero is its default), QBFT from block 0, the same validators. */
export function goQuorumGenesis(network: Network) {
  return {
    config: {
      chainId: network.chainId,
      homesteadBlock: 0,
      eip150Block: 0,
      eip155Block: 0,
      eip158Block: 0,
      byzantiumBlock: 0,
      constantinopleBlock: 0,
      petersburgBlock: 0,
      istanbulBlock: 0,
      berlinBlock: 0,
      isQuorum: true,
      qbft: {
        blockperiodseconds: network.blockPeriodSeconds,
        epochlength: network.epochLength,
        requesttimeoutseconds: network.requestTimeoutSeconds,
        policy: 0,
        ceil2Nby3Block: 0,
      },
    },
    ...genesisBlock(network),
  };
}

/** Every node of every member: validators and the RPC nodes behind the proxies. */
export function allEnodes(network: Network): string[] {
  return network.members.flatMap((member) => [member.validator, member.rpcNode]);
}

/** Besu's local permissioning file (permissions_config.toml), the same on every node. */
export function besuPermissionsToml(network: Network): string {
  const list = (items: string[]) => `[\n${items.map((item) => `  "${item}",`).join('\n')}\n]`;
  return [
    '# Generated by `npm run deploy:genesis` from deploy/network.json: do not edit by hand.',
    '# Besu local permissioning: only these nodes may connect, only these accounts may send transactions.',
    `nodes-allowlist = ${list(allEnodes(network))}`,
    `accounts-allowlist = ${list(network.accountsAllowlist)}`,
    '',
  ].join('\n');
}

/** GoQuorum's permissioned-nodes.json (with `--permissioned`): discovery off, so every URL says discport=0. */
export function goQuorumPermissionedNodes(network: Network): string[] {
  return allEnodes(network).map((url) => (url.includes('?') ? url : `${url}?discport=0`));
}
