import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPublicClient,
  createWalletClient,
  custom,
  encodeFunctionData,
  http,
  zeroHash,
  type AbiParameter,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { demoAccounts } from '../../dev/stack/accounts';
import { deployLocalConsortium, localChain, type Deployment } from '../../dev/stack/deploy';
import { seedDemoVehicles } from '../../dev/stack/seed';
import { TEST_VIN_PARAMS } from '../../dev/testing/privacy-stack';
import { carBookAbi, consortiumAbi, documentAnchorAbi, insuranceAbi, keyRegistryAbi } from '../contracts/generated';
import { RecordKind } from '../contracts/roles';
import { formatKm } from '../format';
import { ConfigError } from './config-error';
import { errorKind, humanizeError, sentenceFor, TRANSPORT_SENTENCES } from './humanize';
import { loadPublicMessages } from '../i18n/catalogue';

// French arrives in its own chunk (the page's LocaleProvider loads it before French is in force): load it first.
beforeAll(() => loadPublicMessages('fr'));

const ABIS = { carBookAbi, consortiumAbi, insuranceAbi, documentAnchorAbi, keyRegistryAbi };

/** What must never reach a person: a library's URLs, versions, request dumps and docs links, or raw hex. */
const LIBRARY_TEXT = /https?:\/\/|viem@|Request body|Docs:|Details:|Version:|URL:|0x[0-9a-fA-F]{16,}/;

/** One sentence: one line, no placeholder left unfilled, a full stop at the end. */
function expectOneSentence(text: string) {
  expect(text).not.toMatch(LIBRARY_TEXT);
  expect(text).not.toMatch(/\n|undefined|NaN|\[object|null/);
  expect(text).toMatch(/^[A-Z0-9"'].*[.!]$/);
}

/** A plausible value for an ABI parameter, as viem decodes it. */
function sample(parameter: AbiParameter, index: number): unknown {
  const type = parameter.type;
  if (type === 'address') return `0x${'ab'.repeat(19)}${(index + 16).toString(16)}`;
  if (type === 'bool') return true;
  if (type === 'string') return 'text';
  if (/^bytes\d+$/.test(type)) return `0x${'11'.repeat(Number(type.slice(5)))}`;
  if (type === 'bytes') return '0x1234';
  if (/^u?int(8|16|24|32|40|48)$/.test(type)) return index + 1; // viem decodes small integers as numbers
  if (/^u?int\d*$/.test(type)) return BigInt(1_234 + index);
  throw new Error(`no sample for ${type}`);
}

describe('custom errors', () => {
  for (const [abiName, abi] of Object.entries(ABIS)) {
    const errors = abi.filter((item) => item.type === 'error');
    it(`${abiName}: every one of its ${errors.length} errors has a sentence`, () => {
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        const args = error.inputs.map((input, i) => sample(input, i));
        const sentence = sentenceFor(error.name, args);
        expect(sentence, error.name).toBeTypeOf('string');
        expectOneSentence(sentence!);
      }
    });
  }

  for (const [abiName, abi] of Object.entries(ABIS)) {
    it(`${abiName}: every error has a French sentence too, with its arguments filled in`, () => {
      for (const error of abi.filter((item) => item.type === 'error')) {
        const args = error.inputs.map((input, i) => sample(input, i));
        const english = sentenceFor(error.name, args)!;
        const french = sentenceFor(error.name, args, 'fr')!;
        expect(french, error.name).toBeTypeOf('string');
        expect(french, error.name).not.toBe(english);
        expect(french).not.toMatch(LIBRARY_TEXT);
        expect(french).not.toMatch(/\n|undefined|NaN|\[object|null|\{|\}/);
        expect(french).toMatch(/^[A-ZÀ-Ý0-9«].*[.!]$/);
      }
    });
  }

  it('formats numbers and dates in the language asked for', () => {
    expect(sentenceFor('CarBookMileageDecreased', [52_500n, 1_000n], 'en')).toBe(
      "Mileage can't go down: last recorded 52,500 km, you entered 1,000 km.",
    );
    expect(sentenceFor('CarBookMileageDecreased', [52_500n, 1_000n], 'fr')).toBe(
      `Le kilométrage ne peut pas baisser\u202f: dernier relevé ${formatKm(52_500n, 'fr')}, vous avez saisi ${formatKm(1_000n, 'fr')}.`,
    );
  });

  it('knows no sentence for a name no ABI has', () => {
    expect(sentenceFor('NotAnErrorOfOurs')).toBeUndefined();
    expect(sentenceFor('toString')).toBeUndefined();
  });
});

describe('a revert from a real transaction on anvil', () => {
  let anvil: AnvilHandle;
  let deployment: Deployment;
  let publicClient: PublicClient;
  let tokenId: bigint;
  let mileage: bigint;
  const alice = privateKeyToAccount(demoAccounts().alice.privateKey);

  beforeAll(async () => {
    anvil = await startAnvil({ port: 0 });
    deployment = await deployLocalConsortium(anvil.url, 31337);
    const seeded = await seedDemoVehicles(anvil.url, deployment, TEST_VIN_PARAMS);
    publicClient = createPublicClient({ chain: localChain(31337, anvil.url), transport: http(anvil.url) });
    for (const car of seeded) {
      const owner = await publicClient.readContract({
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'ownerOf',
        args: [car.tokenId],
      });
      if (owner === alice.address) tokenId = car.tokenId;
    }
    const book = await publicClient.readContract({
      address: deployment.carBook,
      abi: carBookAbi,
      functionName: 'book',
      args: [tokenId],
    });
    mileage = BigInt(book.mileage);
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  const wallet = () =>
    createWalletClient({ chain: localChain(31337, anvil.url), transport: http(anvil.url), account: alice });
  const lower = () => [tokenId, mileage - 1_000n, RecordKind.Service, zeroHash, '0x'] as const;
  const expected = () =>
    `Mileage can't go down: last recorded ${formatKm(mileage)}, you entered ${formatKm(mileage - 1_000n)}.`;

  it('writeContract (no simulation, the node estimates gas): the decoded custom error, not hex', async () => {
    const error = await wallet()
      .writeContract({ address: deployment.carBook, abi: carBookAbi, functionName: 'appendRecord', args: lower() })
      .then(
        () => expect.unreachable('a lower mileage must revert'),
        (e: unknown) => e,
      );
    expect(String((error as Error).message)).toMatch(/0x|revert/); // the raw error carries the data…
    expect(humanizeError(error)).toBe(expected()); // …the person reads the sentence
  });

  it('a raw sendTransaction of the same call (the wallet path: only revert data, no ABI)', async () => {
    const data = encodeFunctionData({ abi: carBookAbi, functionName: 'appendRecord', args: lower() });
    const error = await wallet()
      .sendTransaction({ to: deployment.carBook, data })
      .then(
        () => expect.unreachable('a lower mileage must revert'),
        (e: unknown) => e,
      );
    expect(humanizeError(error)).toBe(expected());
    expectOneSentence(humanizeError(error));
  });

  it('a simulated call (eth_call, the pre-flight of the app) decodes to the sentence that names the account', async () => {
    const stranger = privateKeyToAccount(demoAccounts().expert.privateKey);
    const error = await publicClient
      .simulateContract({
        account: stranger,
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'appendRecord',
        args: [tokenId, mileage + 1n, RecordKind.Service, zeroHash, '0x'],
      })
      .then(
        () => expect.unreachable('a stranger must be refused'),
        (e: unknown) => e,
      );
    expect(humanizeError(error)).toMatch(/^0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4} may not write to this car book/);
  });
});

describe('transport errors: one sentence with what to do, never library text', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  /** A local HTTP server answering every request with `answer` (or never, when it is undefined). */
  async function serve(answer?: { status: number; body: string }): Promise<string> {
    const server = createServer((request, response) => {
      request.resume();
      if (!answer) return; // hang: the client's timeout fires
      response.writeHead(answer.status, { 'content-type': 'text/html' }).end(answer.body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const failureOf = (url: string, options: { timeout?: number } = {}) =>
    createPublicClient({ transport: http(url, { retryCount: 0, ...options }) })
      .getBlockNumber({ cacheTime: 0 })
      .then(
        () => expect.unreachable('the request must fail'),
        (e: unknown) => e,
      );

  it('fetch failed (nothing listens)', async () => {
    const url = await serve({ status: 200, body: '' });
    await new Promise((resolve) => servers.pop()!.close(resolve)); // the port is now closed
    const error = await failureOf(url);
    expect(String(error)).toMatch(/fetch failed|URL:/); // viem's text carries the URL and the request body
    expect(humanizeError(error)).toBe(TRANSPORT_SENTENCES.offline);
  });

  it('HTTP 502 from a gateway', async () => {
    const error = await failureOf(await serve({ status: 502, body: '<html>502 Bad Gateway</html>' }));
    expect(String(error)).toMatch(/Request body/);
    expect(humanizeError(error)).toBe(TRANSPORT_SENTENCES.unavailable);
  });

  it('HTTP 429 rate limit', async () => {
    const error = await failureOf(await serve({ status: 429, body: 'Too Many Requests' }));
    expect(humanizeError(error)).toBe(TRANSPORT_SENTENCES.busy);
  });

  it('timeout', async () => {
    const error = await failureOf(await serve(), { timeout: 150 });
    expect(humanizeError(error)).toBe(TRANSPORT_SENTENCES.timeout);
  });

  it('user rejected in the wallet', async () => {
    const rejecting = createWalletClient({
      chain: localChain(31337, 'http://127.0.0.1:1'),
      account: privateKeyToAccount(demoAccounts().alice.privateKey).address,
      transport: custom({
        request: async () => {
          throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
        },
      }),
    });
    const error = await rejecting.sendTransaction({ to: zeroHash.slice(0, 42) as `0x${string}` }).then(
      () => expect.unreachable('the wallet rejects'),
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/viem@/);
    expect(humanizeError(error)).toBe(TRANSPORT_SENTENCES.rejected);
  });

  it('a bare fetch failure outside viem (the IPFS client) and an unknown error', () => {
    expect(humanizeError(new TypeError('fetch failed'))).toBe(TRANSPORT_SENTENCES.offline);
    expect(humanizeError(new TypeError('Failed to fetch'))).toBe(TRANSPORT_SENTENCES.offline);
    expect(humanizeError(new Error('see https://example.com/docs\nDocs: https://viem.sh'))).toBe(
      TRANSPORT_SENTENCES.unknown,
    );
    expect(humanizeError(new Error('The consortium has not set its VIN-commitment parameters on chain yet'))).toBe(
      'The consortium has not set its VIN-commitment parameters on chain yet',
    );
  });

  it('every transport sentence is one sentence saying what to do', () => {
    for (const sentence of Object.values(TRANSPORT_SENTENCES)) expectOneSentence(sentence);
  });

  it('speaks the page’s language: the same failures in French', async () => {
    const url = await serve({ status: 429, body: 'Too Many Requests' });
    const error = await failureOf(url);
    expect(humanizeError(error, 'fr')).toBe(
      'Le nœud du registre reçoit trop de demandes\u202f: patientez une minute, puis réessayez.',
    );
    expect(humanizeError(new TypeError('Failed to fetch'), 'fr')).toMatch(/^Le nœud du registre est injoignable/);
  });

  it('a configuration that does not load is its own failure, not a schema dump', () => {
    const broken = new ConfigError(new Error('Invalid runtime configuration: chainId: Invalid type: Expected number'));
    expect(humanizeError(broken)).toBe(TRANSPORT_SENTENCES.config);
    expect(humanizeError(broken)).not.toMatch(/chainId|Invalid type/);
    expect(errorKind(broken)).toBe('config');
    expect(humanizeError(broken, 'fr')).toMatch(/^La configuration de ce site/);
  });
});
