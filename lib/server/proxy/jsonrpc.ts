/**
 * JSON-RPC 2.0 envelope handling: the error codes, the error objects and the validation of one request
 * object. Nothing here knows about Ethereum methods or upstream nodes.
 *
 * Error codes follow the JSON-RPC 2.0 spec (-32700..-32600) and EIP-1474 (-32000..-32099), which is what
 * viem, ethers, cast and the execution clients (geth, Besu) agree on, so clients map our refusals to their
 * own typed errors (viem: MethodNotFoundRpcError, LimitExceededRpcError, TransactionRejectedRpcError...).
 */

export const RpcErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** EIP-1474: the request is well formed but refused by a server-side rule. */
  invalidInput: -32000,
  /** EIP-1474: transaction creation/submission refused. */
  transactionRejected: -32003,
  /** EIP-1474: request exceeds a defined limit (rate, size, range). */
  limitExceeded: -32005,
} as const;

export type JsonRpcId = string | number | null;

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export interface JsonRpcFailure {
  jsonrpc: '2.0';
  id: JsonRpcId;
  error: JsonRpcErrorObject;
}

// Success answers are written as text by server.ts (answerText), the node's result text spliced in.

/** A request that passed envelope validation. `id === undefined` means a notification. */
export interface JsonRpcRequest {
  id: JsonRpcId | undefined;
  method: string;
  params: unknown[];
}

/**
 * A refusal carries a machine-readable `reason` (used as a metrics label and in `error.data`) next to the
 * human message, so dashboards can count refusals without parsing messages.
 */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string,
    /** HTTP status to use when this error is the whole answer (not an entry of a batch). */
    readonly httpStatus = 200,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toObject(): JsonRpcErrorObject {
    return { code: this.code, message: this.message, data: { reason: this.reason } };
  }
}

export function errorResponse(id: JsonRpcId, error: JsonRpcErrorObject): JsonRpcFailure {
  return { jsonrpc: '2.0', id, error };
}

/** Method names are short ASCII identifiers; anything else is garbage or an attempt to flood logs. */
const METHOD_NAME = /^[A-Za-z0-9_]{1,64}$/;
/** Ids are echoed back; cap strings so a client cannot make us reflect large payloads. */
const MAX_ID_STRING_LENGTH = 256;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validId(value: unknown): value is JsonRpcId {
  if (value === null) return true;
  if (typeof value === 'string') return value.length <= MAX_ID_STRING_LENGTH;
  // JSON.parse turns 1e400 into Infinity, which cannot be echoed back as JSON.
  return typeof value === 'number' && Number.isFinite(value);
}

/** The id to use in an error answer for a request we could not validate: echo it only if it is valid. */
export function salvageId(value: unknown): JsonRpcId {
  if (isPlainObject(value) && validId(value.id)) return value.id;
  return null;
}

/**
 * Validates one request object of a body (single or batch entry). Throws `RpcError` -32600 for invalid
 * envelopes. By-name params (an object) are valid JSON-RPC but no Ethereum method takes them, so they are
 * reported as invalid params like the execution clients do.
 */
export function parseRequestObject(value: unknown): JsonRpcRequest {
  if (!isPlainObject(value)) {
    throw new RpcError(
      RpcErrorCode.invalidRequest,
      'Invalid request: expected a JSON-RPC request object',
      'invalid_request',
    );
  }
  if (value.jsonrpc !== '2.0') {
    throw new RpcError(
      RpcErrorCode.invalidRequest,
      'Invalid request: "jsonrpc" must be exactly "2.0"',
      'invalid_request',
    );
  }
  if ('id' in value && !validId(value.id)) {
    throw new RpcError(
      RpcErrorCode.invalidRequest,
      `Invalid request: "id" must be a string (at most ${MAX_ID_STRING_LENGTH} characters), a finite number or null`,
      'invalid_request',
    );
  }
  if (typeof value.method !== 'string' || !METHOD_NAME.test(value.method)) {
    throw new RpcError(
      RpcErrorCode.invalidRequest,
      'Invalid request: "method" must be a method name (letters, digits, underscore; at most 64)',
      'invalid_request',
    );
  }
  let params: unknown[];
  if (!('params' in value) || value.params === undefined) {
    params = [];
  } else if (Array.isArray(value.params)) {
    params = value.params;
  } else if (isPlainObject(value.params)) {
    throw new RpcError(
      RpcErrorCode.invalidParams,
      'Invalid params: Ethereum methods take positional (array) params',
      'invalid_params',
    );
  } else {
    throw new RpcError(RpcErrorCode.invalidRequest, 'Invalid request: "params" must be an array', 'invalid_request');
  }
  return { id: 'id' in value ? (value.id as JsonRpcId) : undefined, method: value.method, params };
}

/**
 * Depth of a JSON value, computed iteratively so a hostile body nested 500k levels deep cannot blow the
 * stack (JSON.parse itself is iterative in V8; our own walks must be too). Stops early past `limit`.
 */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
