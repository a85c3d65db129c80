/**
 * Writes malformed.json, the malformed-input corpus of the proxy tests: `tsx lib/server/proxy/corpus/generate.ts`.
 * Signed transactions are produced with anvil's public dev key 0 (deterministic RFC 6979 signatures), so
 * the file is reproducible. The fuzz test runs the proxy with the limits noted in `limits` below.
 *
 * A case body is `body` (text), `bodyBase64` (raw bytes) or `parts` (concatenated text, `repeat` times),
 * sent with `contentType` (default application/json; null = no header). `expect` gives the HTTP status and
 * the JSON-RPC error code (`code` for a single answer, `codes` for a batch answer, in order).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGwei, serializeTransaction, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const CONTRACT = '0x8464135c8F25Da09e49BC8782676a84730C318bC';
const FOREIGN = '0x000000000000000000000000000000000000dEaD';
const CHAIN = 31337;
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');

type Part = { text: string } | { repeat: string; times: number };
type Case = {
  name: string;
  body?: string;
  bodyBase64?: string;
  parts?: Part[];
  contentType?: string | null;
  expect: { status: number; code?: number; codes?: number[] };
};

const req = (method: string, params?: unknown, id: unknown = 1) =>
  JSON.stringify(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
const err = (status: number, code: number) => ({ status, code });

const base = {
  chainId: CHAIN,
  nonce: 0,
  to: CONTRACT as Hex,
  gas: 100_000n,
  maxFeePerGas: parseGwei('10'),
  maxPriorityFeePerGas: parseGwei('1'),
};
const sign = (tx: Record<string, unknown>) => account.signTransaction({ type: 'eip1559', ...base, ...tx });

async function main() {
  const tx = {
    foreignChain: await sign({ chainId: 1 }),
    foreignTo: await sign({ to: FOREIGN }),
    creation: await sign({ to: undefined, data: '0x6017600c60003960176000f3' }),
    gasCap: await sign({ gas: 30_000_000n }),
    preEip155: await account.signTransaction({
      type: 'legacy',
      nonce: 0,
      to: CONTRACT,
      gas: 50_000n,
      gasPrice: parseGwei('10'),
    }),
    legacyForeignChain: await account.signTransaction({
      type: 'legacy',
      chainId: 5,
      nonce: 0,
      to: CONTRACT,
      gas: 50_000n,
      gasPrice: parseGwei('10'),
    }),
    eip2930ForeignTo: await account.signTransaction({
      type: 'eip2930',
      chainId: CHAIN,
      nonce: 0,
      to: FOREIGN,
      gas: 50_000n,
      gasPrice: parseGwei('10'),
      accessList: [],
    }),
    blob: await account.signTransaction({
      type: 'eip4844',
      ...base,
      maxFeePerBlobGas: 1n,
      blobVersionedHashes: ['0x01a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8'],
    }),
    unsigned: serializeTransaction({ type: 'eip1559', ...base }),
    oversized: await sign({ data: `0x${'ab'.repeat(1500)}` }),
  };
  const valid = await sign({});
  // Same transaction with its first payload byte changed: RLP no longer parses.
  const corrupted = `${valid.slice(0, 4)}ff${valid.slice(6)}`;
  const truncated = valid.slice(0, 60);

  const cases: Case[] = [
    // Transport
    { name: 'empty body', body: '', expect: err(200, -32700) },
    { name: 'text/plain content type', body: req('eth_chainId'), contentType: 'text/plain', expect: err(415, -32600) },
    { name: 'no content type', body: req('eth_chainId'), contentType: null, expect: err(415, -32600) },
    {
      name: 'form content type',
      body: 'method=eth_chainId',
      contentType: 'application/x-www-form-urlencoded',
      expect: err(415, -32600),
    },
    {
      name: 'multipart content type',
      body: req('eth_chainId'),
      contentType: 'multipart/form-data; boundary=x',
      expect: err(415, -32600),
    },
    { name: 'xml content type', body: '<methodCall/>', contentType: 'application/xml', expect: err(415, -32600) },
    {
      name: 'oversized body (whitespace padding)',
      parts: [{ repeat: ' ', times: 70_000 }, { text: req('eth_chainId') }],
      expect: err(413, -32005),
    },
    {
      name: 'oversized string param',
      parts: [
        { text: '{"jsonrpc":"2.0","id":1,"method":"eth_call","params":["' },
        { repeat: 'a', times: 70_000 },
        { text: '"]}' },
      ],
      expect: err(413, -32005),
    },
    // Parse errors
    ...[
      '{',
      '[',
      '}',
      ']',
      'nul',
      'tru',
      '{"jsonrpc":"2.0",}',
      '[1,2,]',
      "{'jsonrpc':'2.0'}",
      'NaN',
      'Infinity',
      '-',
      '0x10',
      '{"a":1}{"b":2}',
      '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"',
      '"unterminated',
      '/* comment */ {}',
      '\uFEFF{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}',
      '{"jsonrpc":"2.0","id":01,"method":"eth_chainId"}',
      '{"method":"eth_chainId",,}',
    ].map((body, i) => ({
      name: `invalid JSON #${i + 1}: ${JSON.stringify(body).slice(0, 40)}`,
      body,
      expect: err(200, -32700),
    })),
    {
      name: 'invalid UTF-8 bytes',
      bodyBase64: Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0xc3, 0x28, 0x7d]).toString('base64'),
      expect: err(200, -32700),
    },
    { name: 'NUL bytes', bodyBase64: Buffer.from([0, 0, 0, 0]).toString('base64'), expect: err(200, -32700) },
    // Invalid request objects
    ...[
      ['number', '1'],
      ['string', '"eth_chainId"'],
      ['null', 'null'],
      ['boolean', 'true'],
      ['empty object', '{}'],
      ['jsonrpc only', '{"jsonrpc":"2.0"}'],
      ['missing jsonrpc', '{"id":1,"method":"eth_chainId"}'],
      ['jsonrpc 1.0', '{"jsonrpc":"1.0","id":1,"method":"eth_chainId"}'],
      ['jsonrpc as number', '{"jsonrpc":2.0,"id":1,"method":"eth_chainId"}'],
      ['method number', '{"jsonrpc":"2.0","id":1,"method":42}'],
      ['method null', '{"jsonrpc":"2.0","id":1,"method":null}'],
      ['method empty', '{"jsonrpc":"2.0","id":1,"method":""}'],
      ['method with spaces', '{"jsonrpc":"2.0","id":1,"method":"eth chainId"}'],
      ['method unicode', '{"jsonrpc":"2.0","id":1,"method":"eth_chainİd"}'],
      ['method lone surrogate', '{"jsonrpc":"2.0","id":1,"method":"eth_\\ud800"}'],
      ['method array', '{"jsonrpc":"2.0","id":1,"method":["eth_chainId"]}'],
      ['params string', '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":"x"}'],
      ['params number', '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":1}'],
      ['params null', '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":null}'],
      ['id object', '{"jsonrpc":"2.0","id":{"a":1},"method":"eth_chainId"}'],
      ['id array', '{"jsonrpc":"2.0","id":[1],"method":"eth_chainId"}'],
      ['id boolean', '{"jsonrpc":"2.0","id":true,"method":"eth_chainId"}'],
      ['huge id 1e400', '{"jsonrpc":"2.0","id":1e400,"method":"eth_chainId"}'],
      ['huge negative id', '{"jsonrpc":"2.0","id":-1e400,"method":"eth_chainId"}'],
      ['array as request', '[[{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}]]'],
    ].map(([name, body]) => ({
      name: `invalid request: ${name}`,
      body,
      expect: name === 'array as request' ? { status: 200, codes: [-32600] } : err(200, -32600),
    })),
    { name: 'invalid request: method of 10k characters', body: req('a'.repeat(10_000)), expect: err(200, -32600) },
    {
      name: 'invalid request: string id of 10k characters',
      body: req('eth_chainId', [], 'i'.repeat(10_000)),
      expect: err(200, -32600),
    },
    // Batches
    { name: 'empty batch', body: '[]', expect: err(200, -32600) },
    {
      name: 'batch of garbage',
      body: '[1,"x",null,{}]',
      expect: { status: 200, codes: [-32600, -32600, -32600, -32600] },
    },
    {
      name: 'batch above the limit (21)',
      body: `[${Array.from({ length: 21 }, (_, i) => req('eth_chainId', [], i)).join(',')}]`,
      expect: err(200, -32005),
    },
    {
      name: 'batch of 1000 entries',
      parts: [{ text: '[' }, { repeat: '1,', times: 999 }, { text: '1]' }],
      expect: err(200, -32005),
    },
    {
      name: 'batch of 30000 entries (oversized)',
      parts: [{ text: '[' }, { repeat: '{},', times: 29_999 }, { text: '{}]' }],
      expect: err(413, -32005),
    },
    {
      name: 'batch mixing refused calls',
      body: `[${req('admin_peers')},${req('eth_sign', [FOREIGN, '0x00'], 2)},${req('eth_getLogs', [{}], 3)}]`,
      expect: { status: 200, codes: [-32601, -32601, -32602] },
    },
    {
      name: 'batch with 11 raw transactions (limit 10)',
      body: `[${Array.from({ length: 11 }, (_, i) => req('eth_sendRawTransaction', ['0x00'], i)).join(',')}]`,
      expect: err(200, -32005),
    },
    // Deep nesting
    {
      name: 'deep nesting 20k in params',
      parts: [
        { text: '{"jsonrpc":"2.0","id":1,"method":"eth_call","params":' },
        { repeat: '[', times: 20_000 },
        { repeat: ']', times: 20_000 },
        { text: '}' },
      ],
      expect: err(200, -32602),
    },
    {
      name: 'deep nesting 30k as body',
      parts: [
        { repeat: '[', times: 30_000 },
        { repeat: ']', times: 30_000 },
      ],
      expect: { status: 200, codes: [-32600] },
    },
    {
      name: 'deep objects in eth_call',
      parts: [
        { text: '{"jsonrpc":"2.0","id":1,"method":"eth_call","params":[' },
        { repeat: '{"a":', times: 5_000 },
        { text: '1' },
        { repeat: '}', times: 5_000 },
        { text: ']}' },
      ],
      expect: err(200, -32602),
    },
    // Refused methods
    ...[
      'admin_addPeer',
      'admin_nodeInfo',
      'debug_traceCall',
      'debug_setHead',
      'personal_unlockAccount',
      'personal_sign',
      'eth_sendTransaction',
      'eth_sign',
      'eth_signTransaction',
      'eth_accounts',
      'eth_coinbase',
      'eth_mining',
      'eth_newBlockFilter',
      'eth_newFilter',
      'eth_uninstallFilter',
      'eth_subscribe',
      'eth_getProof',
      'eth_createAccessList',
      'anvil_impersonateAccount',
      'anvil_setCode',
      'evm_setNextBlockTimestamp',
      'evm_revert',
      'hardhat_reset',
      'txpool_inspect',
      'miner_setEtherbase',
      'clique_propose',
      'qbft_proposeValidatorVote',
      'ibft_proposeValidatorVote',
      'perm_addNodesToAllowlist',
      'plugins_reloadPluginConfig',
      'trace_block',
      'rpc_modules',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'ETH_CHAINID',
      'eth_chainid',
    ].map((m) => ({ name: `refused method ${m}`, body: req(m, []), expect: err(200, -32601) })),
    // Invalid params
    { name: 'by-name params', body: req('eth_call', { to: CONTRACT }), expect: err(200, -32602) },
    { name: 'params on a no-param method', body: req('eth_blockNumber', ['latest']), expect: err(200, -32602) },
    {
      name: 'too many params for eth_getBalance',
      body: req('eth_getBalance', [CONTRACT, 'latest', 1, 2]),
      expect: err(200, -32602),
    },
    { name: 'eth_getLogs without address', body: req('eth_getLogs', [{ fromBlock: '0x0' }]), expect: err(200, -32602) },
    { name: 'eth_getLogs empty address list', body: req('eth_getLogs', [{ address: [] }]), expect: err(200, -32602) },
    { name: 'eth_getLogs address not a string', body: req('eth_getLogs', [{ address: 12 }]), expect: err(200, -32602) },
    { name: 'eth_getLogs foreign address', body: req('eth_getLogs', [{ address: FOREIGN }]), expect: err(200, -32000) },
    {
      name: 'eth_getLogs one foreign address among allowed',
      body: req('eth_getLogs', [{ address: [CONTRACT, FOREIGN] }]),
      expect: err(200, -32000),
    },
    {
      name: 'eth_getLogs two filters',
      body: req('eth_getLogs', [{ address: CONTRACT }, { address: CONTRACT }]),
      expect: err(200, -32602),
    },
    { name: 'eth_getLogs filter is a string', body: req('eth_getLogs', ['latest']), expect: err(200, -32602) },
    {
      name: 'eth_getLogs bad blockHash',
      body: req('eth_getLogs', [{ address: CONTRACT, blockHash: '0x1234' }]),
      expect: err(200, -32602),
    },
    {
      name: 'eth_getLogs blockHash with range',
      body: req('eth_getLogs', [{ address: CONTRACT, blockHash: `0x${'11'.repeat(32)}`, fromBlock: '0x0' }]),
      expect: err(200, -32602),
    },
    {
      name: 'eth_getLogs non-hex fromBlock',
      body: req('eth_getLogs', [{ address: CONTRACT, fromBlock: '0xZZ' }]),
      expect: err(200, -32602),
    },
    {
      name: 'eth_getLogs numeric fromBlock',
      body: req('eth_getLogs', [{ address: CONTRACT, fromBlock: 5 }]),
      expect: err(200, -32602),
    },
    {
      name: 'eth_getLogs unknown tag',
      body: req('eth_getLogs', [{ address: CONTRACT, toBlock: 'banana' }]),
      expect: err(200, -32602),
    },
    {
      name: 'eth_getLogs 5 topics',
      body: req('eth_getLogs', [{ address: CONTRACT, topics: [null, null, null, null, null] }]),
      expect: err(200, -32602),
    },
    {
      name: 'eth_getLogs range above the limit',
      body: req('eth_getLogs', [{ address: CONTRACT, fromBlock: '0x0', toBlock: '0x1388' }]),
      expect: err(200, -32005),
    },
    {
      name: 'eth_getLogs range with 2^64-1',
      body: req('eth_getLogs', [{ address: CONTRACT, fromBlock: '0x0', toBlock: '0xffffffffffffffff' }]),
      expect: err(200, -32005),
    },
    {
      name: 'eth_getStorageAt foreign contract',
      body: req('eth_getStorageAt', [FOREIGN, '0x0', 'latest']),
      expect: err(200, -32000),
    },
    {
      name: 'eth_getStorageAt not an address',
      body: req('eth_getStorageAt', ['0x12', '0x0', 'latest']),
      expect: err(200, -32602),
    },
    // Raw transactions
    { name: 'sendRawTransaction without params', body: req('eth_sendRawTransaction', []), expect: err(200, -32602) },
    {
      name: 'sendRawTransaction two params',
      body: req('eth_sendRawTransaction', [valid, valid]),
      expect: err(200, -32602),
    },
    { name: 'sendRawTransaction number', body: req('eth_sendRawTransaction', [12]), expect: err(200, -32602) },
    {
      name: 'sendRawTransaction object',
      body: req('eth_sendRawTransaction', [{ raw: valid }]),
      expect: err(200, -32602),
    },
    { name: 'sendRawTransaction 0x', body: req('eth_sendRawTransaction', ['0x']), expect: err(200, -32602) },
    { name: 'sendRawTransaction non-hex', body: req('eth_sendRawTransaction', ['0xzz']), expect: err(200, -32602) },
    { name: 'sendRawTransaction odd length', body: req('eth_sendRawTransaction', ['0x02f']), expect: err(200, -32602) },
    {
      name: 'sendRawTransaction no 0x',
      body: req('eth_sendRawTransaction', [valid.slice(2)]),
      expect: err(200, -32602),
    },
    {
      name: 'sendRawTransaction random bytes',
      body: req('eth_sendRawTransaction', ['0xdeadbeefcafebabe']),
      expect: err(200, -32602),
    },
    {
      name: 'sendRawTransaction unknown type 0x7f',
      body: req('eth_sendRawTransaction', ['0x7f01020304']),
      expect: err(200, -32602),
    },
    {
      name: 'sendRawTransaction corrupted RLP',
      body: req('eth_sendRawTransaction', [corrupted]),
      expect: err(200, -32602),
    },
    {
      name: 'sendRawTransaction truncated',
      body: req('eth_sendRawTransaction', [truncated]),
      expect: err(200, -32602),
    },
    {
      name: 'sendRawTransaction unsigned',
      body: req('eth_sendRawTransaction', [tx.unsigned]),
      expect: err(200, -32602),
    },
    {
      name: 'sendRawTransaction oversized (limit 1 KiB in the test)',
      body: req('eth_sendRawTransaction', [tx.oversized]),
      expect: err(200, -32005),
    },
    {
      name: 'sendRawTransaction foreign chain id',
      body: req('eth_sendRawTransaction', [tx.foreignChain]),
      expect: err(200, -32003),
    },
    {
      name: 'sendRawTransaction legacy foreign chain id',
      body: req('eth_sendRawTransaction', [tx.legacyForeignChain]),
      expect: err(200, -32003),
    },
    {
      name: 'sendRawTransaction pre-EIP-155 (no chain id)',
      body: req('eth_sendRawTransaction', [tx.preEip155]),
      expect: err(200, -32003),
    },
    {
      name: 'sendRawTransaction foreign destination',
      body: req('eth_sendRawTransaction', [tx.foreignTo]),
      expect: err(200, -32003),
    },
    {
      name: 'sendRawTransaction EIP-2930 foreign destination',
      body: req('eth_sendRawTransaction', [tx.eip2930ForeignTo]),
      expect: err(200, -32003),
    },
    {
      name: 'sendRawTransaction contract creation',
      body: req('eth_sendRawTransaction', [tx.creation]),
      expect: err(200, -32003),
    },
    {
      name: 'sendRawTransaction gas above cap',
      body: req('eth_sendRawTransaction', [tx.gasCap]),
      expect: err(200, -32003),
    },
    {
      name: 'sendRawTransaction blob (EIP-4844)',
      body: req('eth_sendRawTransaction', [tx.blob]),
      expect: err(200, -32003),
    },
  ];

  const out = {
    description:
      'Malformed and hostile inputs for the RPC whitelist proxy; generated by generate.ts, run by fuzz.test.ts',
    limits: {
      bodyBytes: 65_536,
      batchSize: 20,
      rawTxBytes: 1024,
      logsBlockRange: 5000,
      allowedContracts: [CONTRACT],
      chainId: CHAIN,
    },
    cases,
  };
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'malformed.json');
  writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
  process.stdout.write(`${cases.length} cases written to ${file}\n`);
}

void main();
