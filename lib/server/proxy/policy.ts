/**
 * What the proxy lets through: the method allowlist and the per-method rules (raw transactions, log
 * queries, storage reads). Pure decisions: no I/O except the block-tag resolver passed in by the caller.
 */
import { keccak256, parseTransaction, recoverTransactionAddress, type Hex } from 'viem';
import { RpcError, RpcErrorCode, exceedsDepth } from './jsonrpc';

/**
 * Reads the dApp, wallets (MetaMask, Frame), viem, ethers and cast need, plus eth_sendRawTransaction.
 * Deliberately absent:
 * - signing/account methods (eth_sendTransaction, eth_sign*, eth_accounts, personal_*): keys live in wallets;
 * - node control and introspection (admin_, debug_, miner_, txpool_, clique_/qbft_/ibft_, anvil_, evm_, hardhat_);
 * - filters (eth_newFilter, eth_getFilterChanges...): they are state on one node and break when calls are
 *   spread over several nodes; viem falls back to eth_getLogs polling when eth_newFilter is refused;
 * - eth_getProof, eth_createAccessList, trace_*: expensive and not needed by the product.
 * eth_getStorageAt is allowed only on the consortium's contracts (EIP-1967 slots for upgrade checks).
 */
const ALLOWED_METHODS = new Set([
  'web3_clientVersion',
  'net_version',
  'eth_chainId',
  'eth_syncing',
  'eth_blockNumber',
  'eth_gasPrice',
  'eth_maxPriorityFeePerGas',
  'eth_feeHistory',
  'eth_call',
  'eth_estimateGas',
  'eth_getBalance',
  'eth_getCode',
  'eth_getTransactionCount',
  'eth_getStorageAt',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
  'eth_getLogs',
  'eth_sendRawTransaction',
]);

export function isAllowedMethod(method: string): boolean {
  return ALLOWED_METHODS.has(method);
}

export function allowedMethods(): string[] {
  return [...ALLOWED_METHODS];
}

/** Maximum number of positional params per method; more is a malformed (or smuggling) request. */
const MAX_PARAMS: Record<string, number> = {
  web3_clientVersion: 0,
  net_version: 0,
  eth_chainId: 0,
  eth_syncing: 0,
  eth_blockNumber: 0,
  eth_gasPrice: 0,
  eth_maxPriorityFeePerGas: 0,
  eth_feeHistory: 3,
  // tx, block, state overrides, block overrides: the overrides are counted here so that they are refused
  // in words by checkCall rather than as "too many parameters".
  eth_call: 4,
  eth_estimateGas: 3,
  eth_getBalance: 2,
  eth_getCode: 2,
  eth_getTransactionCount: 2,
  eth_getStorageAt: 3,
  eth_getBlockByNumber: 2,
  eth_getBlockByHash: 2,
  eth_getTransactionByHash: 1,
  eth_getTransactionReceipt: 1,
  eth_getLogs: 1,
  eth_sendRawTransaction: 1,
};

export interface PolicyLimits {
  chainId: number;
  allowedContracts: ReadonlySet<string>; // lower-case
  txGasCap: bigint;
  /** Gas of eth_call / eth_estimateGas (set when absent, refused above). */
  callGasCap: bigint;
  rawTxBytes: number;
  logsBlockRange: number;
  paramsDepth: number;
  /** eth_feeHistory: most blocks and most reward percentiles per query. */
  feeHistoryBlocks: number;
  feeHistoryPercentiles: number;
}

export interface AcceptedTransaction {
  /** keccak256 of the raw transaction: what eth_sendRawTransaction returns. */
  hash: Hex;
  from: Hex;
}

/** Resolves a block tag ('latest', 'safe'...) to a number, as seen by the upstream pool. */
export type BlockTagResolver = (tag: string) => Promise<bigint>;

const refuse = (code: number, message: string, reason: string) => new RpcError(code, message, reason);
const invalidParams = (message: string, reason = 'invalid_params') =>
  refuse(RpcErrorCode.invalidParams, `Invalid params: ${message}`, reason);
const txRejected = (message: string, reason: string) =>
  refuse(RpcErrorCode.transactionRejected, `Transaction rejected by RPC proxy: ${message}`, reason);

const HEX_DATA = /^0x(?:[0-9a-fA-F]{2})*$/;
const QUANTITY = /^0x(?:0|[1-9a-fA-F][0-9a-fA-F]{0,15})$/;
const HASH32 = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BLOCK_TAGS = new Set(['latest', 'pending', 'earliest', 'safe', 'finalized']);

/** Envelope-independent checks shared by every method: allowlist, param count, nesting depth. */
export function checkMethodAndShape(
  method: string,
  params: unknown[],
  limits: Pick<PolicyLimits, 'paramsDepth'>,
): void {
  if (!ALLOWED_METHODS.has(method)) {
    throw new RpcError(
      RpcErrorCode.methodNotFound,
      `the method ${method} does not exist/is not available (not allowed by the RPC whitelist proxy)`,
      'method_not_allowed',
    );
  }
  const max = MAX_PARAMS[method] ?? 0;
  if (params.length > max) throw invalidParams(`${method} takes at most ${max} parameter(s), got ${params.length}`);
  if (exceedsDepth(params, limits.paramsDepth))
    throw invalidParams(`params nested deeper than ${limits.paramsDepth} levels`, 'params_too_deep');
}

/** Decodes and vets a raw transaction. Signature recovery proves the sender for the per-sender limit. */
export async function checkRawTransaction(params: unknown[], limits: PolicyLimits): Promise<AcceptedTransaction> {
  if (params.length !== 1 || typeof params[0] !== 'string')
    throw invalidParams('eth_sendRawTransaction takes one hex string');
  const raw = params[0];
  // Size check before any decoding work, on the string length so a huge body costs nothing more.
  if (raw.length > 2 + limits.rawTxBytes * 2) {
    throw refuse(
      RpcErrorCode.limitExceeded,
      `Limit exceeded: raw transaction larger than ${limits.rawTxBytes} bytes`,
      'tx_too_large',
    );
  }
  if (!HEX_DATA.test(raw) || raw.length < 4)
    throw invalidParams('raw transaction must be 0x-prefixed, even-length hex', 'tx_undecodable');
  const hex = raw.toLowerCase() as Hex;

  let tx: ReturnType<typeof parseTransaction>;
  try {
    tx = parseTransaction(hex);
  } catch {
    throw invalidParams(
      'raw transaction cannot be decoded (not a valid RLP-encoded signed transaction)',
      'tx_undecodable',
    );
  }
  // Blob (EIP-4844) and set-code (EIP-7702) transactions do not exist on the consortium's EVM (Paris).
  if (tx.type !== 'legacy' && tx.type !== 'eip2930' && tx.type !== 'eip1559') {
    throw txRejected(`transaction type ${tx.type} is not accepted (legacy, EIP-2930 and EIP-1559 only)`, 'tx_type');
  }
  if (tx.chainId === undefined) {
    throw txRejected(
      `transaction has no chain id (pre-EIP-155 legacy transactions are replayable across chains); sign it for chain ${limits.chainId}`,
      'chain_id_missing',
    );
  }
  if (tx.chainId !== limits.chainId) {
    throw txRejected(
      `transaction is signed for chain id ${tx.chainId}, this network is chain id ${limits.chainId}`,
      'chain_id_mismatch',
    );
  }
  if (tx.to === undefined || tx.to === null) {
    throw txRejected('contract creation is not allowed through this endpoint', 'contract_creation');
  }
  if (!limits.allowedContracts.has(tx.to.toLowerCase())) {
    throw txRejected(`destination ${tx.to} is not one of the consortium's contracts`, 'destination_not_allowed');
  }
  if (tx.gas === undefined || tx.gas > limits.txGasCap) {
    throw txRejected(`gas limit ${tx.gas ?? 0n} exceeds the cap of ${limits.txGasCap}`, 'gas_cap');
  }
  if (tx.r === undefined || tx.s === undefined || BigInt(tx.r) === 0n || BigInt(tx.s) === 0n) {
    throw invalidParams('transaction is not signed', 'tx_unsigned');
  }
  let from: Hex;
  try {
    from = await recoverTransactionAddress({
      serializedTransaction: hex as Parameters<typeof recoverTransactionAddress>[0]['serializedTransaction'],
    });
  } catch {
    throw invalidParams('transaction signature is invalid', 'tx_bad_signature');
  }
  return { hash: keccak256(hex), from };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Refuses any key of `value` outside `known`. Go-based nodes (geth, GoQuorum) decode JSON keys
 * case-insensitively, so a "FromBlock" next to a checked "fromBlock" would reach them unchecked; only exact
 * keys are accepted, and what is forwarded is rebuilt from the checked values (never the client's object).
 */
function onlyKnownKeys(value: Record<string, unknown>, known: ReadonlySet<string>, what: string, reason: string) {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      throw invalidParams(
        `${what}: unknown field "${key}" (accepted: ${[...known].join(', ')}); send only these exact keys`,
        reason,
      );
    }
  }
}

const present = (value: unknown) => value !== undefined && value !== null;

function checkAddressList(value: unknown, allowed: ReadonlySet<string>, what: string): string | string[] {
  if (!present(value)) throw invalidParams(`${what}: an "address" filter is required`, 'logs_address_required');
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0)
    throw invalidParams(`${what}: the "address" filter must not be empty`, 'logs_address_required');
  for (const a of list) {
    if (typeof a !== 'string' || !ADDRESS.test(a))
      throw invalidParams(`${what}: "address" must be 20-byte hex addresses`);
    if (!allowed.has(a.toLowerCase())) {
      throw refuse(
        RpcErrorCode.invalidInput,
        `${what}: address ${a} is not one of the consortium's contracts`,
        'logs_address_not_allowed',
      );
    }
  }
  return Array.isArray(value) ? [...(value as string[])] : (value as string);
}

/** Topics: at most 4 positions, each null, a 32-byte hash, or a list (OR) of hashes/null. Rebuilt. */
function checkTopics(value: unknown): Array<string | null | Array<string | null>> {
  if (!Array.isArray(value) || value.length > 4)
    throw invalidParams('eth_getLogs: "topics" must be an array of at most 4 entries');
  const topic = (t: unknown): string | null => {
    if (t === null) return null;
    if (typeof t === 'string' && HASH32.test(t)) return t;
    throw invalidParams('eth_getLogs: each topic must be null, a 32-byte hex hash or a list of them');
  };
  return value.map((t: unknown) => {
    if (!Array.isArray(t)) return topic(t);
    if (t.length > 64) throw invalidParams('eth_getLogs: at most 64 alternatives per topic position');
    return t.map(topic);
  });
}

async function blockNumberOf(value: unknown, field: string, resolve: BlockTagResolver): Promise<bigint> {
  if (value === undefined || value === null) return resolve('latest');
  if (typeof value !== 'string')
    throw invalidParams(`eth_getLogs: "${field}" must be a hex block number or a block tag`);
  if (QUANTITY.test(value)) return BigInt(value);
  if (value === 'earliest') return 0n;
  if (BLOCK_TAGS.has(value)) return resolve(value);
  throw invalidParams(
    `eth_getLogs: "${field}" must be a hex block number or one of latest, pending, earliest, safe, finalized`,
  );
}

const LOGS_KEYS = new Set(['address', 'fromBlock', 'toBlock', 'topics', 'blockHash']);

/**
 * eth_getLogs: the address filter is mandatory and limited to the consortium's contracts (the proxy is not
 * a general-purpose indexer), and the block range is capped like Besu's rpc-max-logs-range. Queries by
 * blockHash (EIP-234) cover one block and need no range check. Only the exact filter keys are accepted;
 * returns the params to forward, rebuilt from the checked values.
 */
export async function checkGetLogs(
  params: unknown[],
  limits: PolicyLimits,
  resolve: BlockTagResolver,
): Promise<unknown[]> {
  const f = params[0];
  if (params.length !== 1 || !isObject(f)) throw invalidParams('eth_getLogs takes one filter object');
  onlyKnownKeys(f, LOGS_KEYS, 'eth_getLogs filter', 'logs_unknown_field');
  const filter: Record<string, unknown> = {
    address: checkAddressList(f.address, limits.allowedContracts, 'eth_getLogs'),
  };
  const topics = present(f.topics) ? checkTopics(f.topics) : undefined;
  if (present(f.blockHash)) {
    if (typeof f.blockHash !== 'string' || !HASH32.test(f.blockHash))
      throw invalidParams('eth_getLogs: "blockHash" must be a 32-byte hex hash');
    if (f.fromBlock !== undefined || f.toBlock !== undefined) {
      throw invalidParams('eth_getLogs: "blockHash" cannot be combined with "fromBlock"/"toBlock" (EIP-234)');
    }
    filter.blockHash = f.blockHash;
    if (topics) filter.topics = topics;
    return [filter];
  }
  const from = await blockNumberOf(f.fromBlock, 'fromBlock', resolve);
  const to = await blockNumberOf(f.toBlock, 'toBlock', resolve);
  // from > to is left to the node, which answers with its own error or an empty list.
  if (to >= from && to - from + 1n > BigInt(limits.logsBlockRange)) {
    throw refuse(
      RpcErrorCode.limitExceeded,
      `Limit exceeded: eth_getLogs block range ${from}..${to} spans ${to - from + 1n} blocks, the limit is ${limits.logsBlockRange}`,
      'logs_range',
    );
  }
  // The client's own tags/numbers (checked above) are forwarded, so `latest` stays the node's latest.
  if (present(f.fromBlock)) filter.fromBlock = f.fromBlock;
  if (present(f.toBlock)) filter.toBlock = f.toBlock;
  if (topics) filter.topics = topics;
  return [filter];
}

const BLOCK_OBJECT_KEYS = new Set(['blockNumber', 'blockHash', 'requireCanonical']);

/**
 * A block parameter: a tag, a hex number, a block hash, or an EIP-1898 object ({blockNumber} or
 * {blockHash, requireCanonical?}), rebuilt from its exact keys.
 */
function checkBlockParam(value: unknown, method: string): unknown {
  if (typeof value === 'string') {
    if (BLOCK_TAGS.has(value) || QUANTITY.test(value) || HASH32.test(value)) return value;
    throw invalidParams(`${method}: the block must be a hex number, a block hash or a block tag`);
  }
  if (isObject(value)) {
    onlyKnownKeys(value, BLOCK_OBJECT_KEYS, `${method} block`, 'block_unknown_field');
    const { blockNumber, blockHash, requireCanonical } = value;
    if (present(blockHash) && !present(blockNumber)) {
      if (typeof blockHash !== 'string' || !HASH32.test(blockHash))
        throw invalidParams(`${method}: "blockHash" must be a 32-byte hex hash`);
      if (requireCanonical === undefined) return { blockHash };
      if (typeof requireCanonical !== 'boolean')
        throw invalidParams(`${method}: "requireCanonical" must be true or false`);
      return { blockHash, requireCanonical };
    }
    if (present(blockNumber) && !present(blockHash) && requireCanonical === undefined) {
      if (typeof blockNumber !== 'string' || !(QUANTITY.test(blockNumber) || BLOCK_TAGS.has(blockNumber)))
        throw invalidParams(`${method}: "blockNumber" must be a hex number or a block tag`);
      return { blockNumber };
    }
    throw invalidParams(`${method}: a block object has either "blockNumber" or "blockHash" (EIP-1898)`);
  }
  throw invalidParams(`${method}: the block must be a hex number, a block hash, a block tag or an EIP-1898 object`);
}

/** eth_getStorageAt: only the consortium's contracts (see ALLOWED_METHODS). Returns the params to forward. */
export function checkGetStorageAt(params: unknown[], limits: PolicyLimits): unknown[] {
  const [a, slot, block] = params;
  if (typeof a !== 'string' || !ADDRESS.test(a))
    throw invalidParams('eth_getStorageAt: first param must be an address');
  if (!limits.allowedContracts.has(a.toLowerCase())) {
    throw refuse(
      RpcErrorCode.invalidInput,
      `eth_getStorageAt: address ${a} is not one of the consortium's contracts`,
      'storage_address_not_allowed',
    );
  }
  if (typeof slot !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(slot))
    throw invalidParams('eth_getStorageAt: the slot must be a hex number of at most 32 bytes');
  return block === undefined ? [a, slot] : [a, slot, checkBlockParam(block, 'eth_getStorageAt')];
}

/**
 * eth_feeHistory: what one query makes the node compute and send grows with blockCount × percentiles
 * (20,000 percentiles made a node answer > 32 MiB), so both are bounded. Returns the params to forward,
 * with blockCount as a hex quantity.
 */
export function checkFeeHistory(params: unknown[], limits: PolicyLimits): unknown[] {
  const [count, newest, percentiles] = params;
  let blocks: number;
  if (typeof count === 'number' && Number.isSafeInteger(count)) blocks = count;
  else if (typeof count === 'string' && QUANTITY.test(count)) blocks = Number(BigInt(count));
  else if (typeof count === 'string' && /^\d{1,16}$/.test(count)) blocks = Number(count);
  else throw invalidParams('eth_feeHistory: blockCount must be a number or a hex quantity');
  if (blocks < 1 || blocks > limits.feeHistoryBlocks) {
    throw invalidParams(
      `eth_feeHistory: blockCount must be between 1 and ${limits.feeHistoryBlocks}, got ${blocks}`,
      'fee_history_blocks',
    );
  }
  if (typeof newest !== 'string' || !(BLOCK_TAGS.has(newest) || QUANTITY.test(newest)))
    throw invalidParams('eth_feeHistory: the newest block must be a hex number or a block tag');
  const out: unknown[] = [`0x${blocks.toString(16)}`, newest];
  if (percentiles === undefined || percentiles === null) return out;
  if (!Array.isArray(percentiles)) throw invalidParams('eth_feeHistory: reward percentiles must be a list');
  if (percentiles.length > limits.feeHistoryPercentiles) {
    throw invalidParams(
      `eth_feeHistory: at most ${limits.feeHistoryPercentiles} reward percentiles, got ${percentiles.length}`,
      'fee_history_percentiles',
    );
  }
  let last = 0;
  for (const p of percentiles) {
    if (typeof p !== 'number' || !Number.isFinite(p) || p < last || p > 100)
      throw invalidParams('eth_feeHistory: reward percentiles must be increasing numbers between 0 and 100');
    last = p;
  }
  out.push([...(percentiles as number[])]);
  return out;
}

/** Keys of a call object (eth_call, eth_estimateGas) that clients send; anything else is refused. */
const CALL_KEYS = new Set([
  'from',
  'to',
  'gas',
  'gasPrice',
  'maxFeePerGas',
  'maxPriorityFeePerGas',
  'value',
  'data',
  'input',
  'nonce',
  'type',
  'accessList',
  'chainId',
]);

/**
 * eth_call and eth_estimateGas: the nodes are the validators, so what one call may cost them is bounded here.
 * - State overrides (3rd param) and block overrides (4th param of eth_call) are refused: they let a caller
 *   run arbitrary code and read any storage (what eth_getStorageAt refuses), and no product read needs them.
 * - The gas is capped: a call without gas is forwarded with gas = callGasCap (the nodes' default is the
 *   block gas limit, or 50 M on geth), a call with more is refused in words.
 * - The call object is rebuilt from the exact keys above (Go-based nodes decode JSON keys case-insensitively,
 *   so a "Gas" key next to "gas" could otherwise smuggle another value past the check).
 * Returns the params to forward.
 */
export function checkCall(method: string, params: unknown[], limits: Pick<PolicyLimits, 'callGasCap'>): unknown[] {
  const [call, block, stateOverride, blockOverride] = params;
  if (stateOverride !== undefined && stateOverride !== null) {
    throw invalidParams(
      `${method} state overrides (third parameter) are not accepted by this endpoint; call without them`,
      'state_override',
    );
  }
  if (blockOverride !== undefined && blockOverride !== null) {
    throw invalidParams(
      `${method} block overrides (fourth parameter) are not accepted by this endpoint; call without them`,
      'block_override',
    );
  }
  if (typeof call !== 'object' || call === null || Array.isArray(call))
    throw invalidParams(`${method} takes a call object as first parameter`);
  const rebuilt: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(call)) {
    if (!CALL_KEYS.has(key))
      throw invalidParams(`${method}: unknown field "${key}" in the call object`, 'call_unknown_field');
    if (value !== undefined && value !== null) rebuilt[key] = checkCallField(method, key, value);
  }
  const cap = limits.callGasCap;
  if (rebuilt.gas === undefined) {
    rebuilt.gas = `0x${cap.toString(16)}`;
  } else {
    if (typeof rebuilt.gas !== 'string' || !QUANTITY.test(rebuilt.gas))
      throw invalidParams(`${method}: "gas" must be a hex quantity`);
    const gas = BigInt(rebuilt.gas);
    if (gas > cap) {
      throw invalidParams(
        `${method} asks for ${gas} gas, this endpoint allows at most ${cap} per call; ask for less or leave gas out`,
        'call_gas_cap',
      );
    }
  }
  const out: unknown[] = [rebuilt];
  if (block !== undefined) out.push(block === null ? block : checkBlockParam(block, method));
  return out;
}

const WIDE_QUANTITY = /^0x[0-9a-fA-F]{1,64}$/;
const ACCESS_LIST_KEYS = new Set(['address', 'storageKeys']);

/** One value of a call object, checked by type and rebuilt (access lists included). */
function checkCallField(method: string, key: string, value: unknown): unknown {
  const bad = (what: string) => invalidParams(`${method}: "${key}" must be ${what}`);
  switch (key) {
    case 'from':
    case 'to':
      if (typeof value !== 'string' || !ADDRESS.test(value)) throw bad('a 20-byte hex address');
      return value;
    case 'data':
    case 'input':
      if (typeof value !== 'string' || !HEX_DATA.test(value)) throw bad('0x-prefixed even-length hex');
      return value;
    case 'accessList': {
      if (!Array.isArray(value) || value.length > 1000) throw bad('a list of at most 1000 entries');
      return value.map((item: unknown) => {
        if (!isObject(item)) throw bad('a list of {address, storageKeys}');
        onlyKnownKeys(item, ACCESS_LIST_KEYS, `${method} accessList entry`, 'call_unknown_field');
        const { address, storageKeys } = item;
        if (typeof address !== 'string' || !ADDRESS.test(address)) throw bad('entries with a 20-byte hex address');
        const keys = storageKeys ?? [];
        if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string' || !HASH32.test(k)))
          throw bad('entries whose storageKeys are 32-byte hex words');
        return { address, storageKeys: [...(keys as string[])] };
      });
    }
    default:
      // gas is range-checked by the caller; the other fields are numbers (value, fees, nonce, type, chainId).
      if (typeof value !== 'string' || !WIDE_QUANTITY.test(value)) throw bad('a hex quantity');
      return value;
  }
}

export interface WeightTable {
  /** Weight per method; methods not listed weigh `fallback`. */
  byMethod: ReadonlyMap<string, number>;
  fallback: number;
  logsBlocksPerUnit: number;
  logsBlockRange: number;
}

/** Built-in weights: a unit is about one light read (one node round trip answered from an index or a slot). */
export const DEFAULT_METHOD_WEIGHTS: Readonly<Record<string, number>> = {
  // A binary search over executions of the call (geth/Besu run it 10-30 times): measured ~8x to 30x the
  // same eth_call on anvil and geth.
  eth_estimateGas: 10,
  // Answered by the proxy itself from its configuration.
  eth_chainId: 0,
};

function quantity(value: unknown, head: bigint | null): bigint | null {
  if (
    value === undefined ||
    value === null ||
    value === 'latest' ||
    value === 'pending' ||
    value === 'safe' ||
    value === 'finalized'
  )
    return head;
  if (value === 'earliest') return 0n;
  if (typeof value === 'string' && QUANTITY.test(value)) return BigInt(value);
  return null;
}

/**
 * Weight of one body entry for the per-IP unit budget. eth_getLogs weighs by its block range (one unit per
 * started `logsBlocksPerUnit` blocks, one for a blockHash query); a malformed entry weighs 1 (it will be
 * refused, which still costs parsing). `head` resolves latest/pending (the best head the pool knows).
 */
export function entryWeight(entry: unknown, table: WeightTable, head: bigint | null): number {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 1;
  const { method, params } = entry as { method?: unknown; params?: unknown };
  if (typeof method !== 'string') return 1;
  if (method === 'eth_getLogs') {
    const filter = Array.isArray(params) ? (params[0] as Record<string, unknown> | undefined) : undefined;
    if (typeof filter !== 'object' || filter === null || filter.blockHash !== undefined) return 1;
    const from = quantity(filter.fromBlock, head);
    const to = quantity(filter.toBlock, head);
    const span = from === null || to === null ? BigInt(table.logsBlockRange) : to >= from ? to - from + 1n : 1n;
    const capped = Number(span > BigInt(table.logsBlockRange) ? BigInt(table.logsBlockRange) : span);
    return Math.max(1, Math.ceil(capped / table.logsBlocksPerUnit));
  }
  return table.byMethod.get(method) ?? table.fallback;
}

/**
 * The other allowed reads: no policy of their own, but their params are still checked by type and rebuilt,
 * so that nothing of the client's objects (an EIP-1898 block object with extra keys) reaches a node. Methods
 * without params forward none. Returns the params to forward.
 */
export function checkReadParams(method: string, params: unknown[]): unknown[] {
  switch (method) {
    case 'eth_getBalance':
    case 'eth_getCode':
    case 'eth_getTransactionCount': {
      const [address, block] = params;
      if (typeof address !== 'string' || !ADDRESS.test(address))
        throw invalidParams(`${method}: first param must be a 20-byte hex address`);
      return block === undefined ? [address] : [address, checkBlockParam(block, method)];
    }
    case 'eth_getBlockByNumber':
    case 'eth_getBlockByHash': {
      const [block, full] = params;
      const ok =
        typeof block === 'string' &&
        (method === 'eth_getBlockByHash' ? HASH32.test(block) : BLOCK_TAGS.has(block) || QUANTITY.test(block));
      if (!ok)
        throw invalidParams(
          method === 'eth_getBlockByHash'
            ? `${method}: first param must be a 32-byte hex block hash`
            : `${method}: first param must be a hex block number or a block tag`,
        );
      if (full !== undefined && typeof full !== 'boolean')
        throw invalidParams(`${method}: second param must be true or false`);
      return full === undefined ? [block] : [block, full];
    }
    case 'eth_getTransactionByHash':
    case 'eth_getTransactionReceipt': {
      const [hash] = params;
      if (typeof hash !== 'string' || !HASH32.test(hash))
        throw invalidParams(`${method}: the param must be a 32-byte hex transaction hash`);
      return [hash];
    }
    default:
      // Methods without params (MAX_PARAMS 0): nothing to forward.
      return [];
  }
}
