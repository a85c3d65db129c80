/**
 * An upgraded deployment's readings on anvil: the book's first readings are written by CarBook as it was before the
 * reading-chain upgrade (contracts/test/upgrades/prechain/CarBookPreChain.sol, built by `forge build` into
 * contracts/out, behind the deployment's proxy:
 * `TelematicsReadingRecorded`, blocks in `readingBlocks`), the next ones by today's CarBook
 * (`TelematicsReadingAppended`, continuing the chain from the legacy head with masked steps). The readers must
 * return both, legacy first, check the whole chain and a window across the boundary, and see a withheld one on
 * either side. The implementation is swapped by writing the ERC-1967 slot (`anvil_setStorageAt`), not by a vote:
 * the vote is the contracts' tests' business.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPublicClient,
  createWalletClient,
  custom,
  http,
  pad,
  toEventSelector,
  type AbiEvent,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../contracts/generated';
import { demoAccounts } from '../../dev/stack/accounts';
import { deployLocalConsortium, type Deployment } from '../../dev/stack/deploy';
import { Anvil, rpc } from '../../dev/testing/proxy-anvil';
import { registerFleet, relayReadings, type FleetCar } from '../../dev/fleet/fleet';
import { signReading, type Reading } from '../../server/ingest/reading';
import { readBookHistory } from '../history/read';
import { exportHistory, verifyExportedHistory } from '../history/export';
import { readReadingChain } from './reading-chain';

const IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';
const HOUR = 3_600;
const accounts = demoAccounts();
/** The pre-chain registry's creation code (it deploys its own pre-chain extension). */
const before = JSON.parse(
  readFileSync(path.resolve('contracts/out/CarBookPreChain.sol/CarBookPreChain.json'), 'utf8'),
) as { bytecode: { object: Hex } };

let anvil: Anvil;
let deployment: Deployment;
let client: PublicClient;
let car: FleetCar;
let domain: Hex;
const sent: Reading[] = [];
/** Blocks of the legacy readings' batches, then of the Appended ones'. */
const legacyBlocks: bigint[] = [];
const appendedBlocks: bigint[] = [];
const base = Math.floor(Date.now() / 1000) - 200 * HOUR;

const topicOf = (name: string) =>
  toEventSelector(carBookAbi.find((item) => item.type === 'event' && item.name === name) as AbiEvent);
const RECORDED_TOPIC = topicOf('TelematicsReadingRecorded');
const APPENDED_TOPIC = topicOf('TelematicsReadingAppended');

async function setImplementation(implementation: Address): Promise<void> {
  await rpc(anvil.url, 'anvil_setStorageAt', [deployment.carBook, IMPLEMENTATION_SLOT, pad(implementation)]);
}

/** Sends batches of the car's next readings (one block each) and, if `replay`, its newest reading again (a skip). */
async function submit(sizes: readonly number[], blocks: bigint[], replay: boolean): Promise<void> {
  const send = (batch: Reading[]) => relayReadings(anvil.url, deployment.carBook, accounts.dealer.privateKey, batch);
  for (const size of sizes) {
    const batch = Array.from({ length: size }, () => {
      car.lastAt = car.lastAt === 0 ? base : car.lastAt + HOUR;
      car.mileage += 11;
      return signReading(domain, car.deviceKey, {
        tokenId: car.tokenId,
        mileage: BigInt(car.mileage),
        timestamp: BigInt(car.lastAt),
      });
    });
    blocks.push(await send(batch));
    sent.push(...batch);
  }
  if (replay) await send([sent.at(-1)!]);
}

beforeAll(async () => {
  // The frozen copy compiles against today's ICarBook (two more views): 24,590 bytes, over the 24,576-byte limit.
  anvil = await Anvil.start({ args: ['--disable-code-size-limit'] });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  client = createPublicClient({ transport: http(anvil.url) });
  const today: Address = `0x${(await client.getStorageAt({ address: deployment.carBook, slot: IMPLEMENTATION_SLOT }))!.slice(-40)}`;
  const deployer = createWalletClient({
    account: privateKeyToAccount(accounts.alice.privateKey),
    transport: http(anvil.url),
  });
  const hash = await deployer.deployContract({ chain: null, abi: [], bytecode: before.bytecode.object });
  const legacy = (await client.waitForTransactionReceipt({ hash })).contractAddress!;
  domain = await client.readContract({ address: deployment.carBook, abi: carBookAbi, functionName: 'domainSeparator' });

  await setImplementation(legacy);
  [car] = await registerFleet({
    rpcUrl: anvil.url,
    carBook: deployment.carBook,
    dealerKey: accounts.dealer.privateKey,
    owner: accounts.alice.address,
    count: 1,
    seed: 'upgrade',
    faulty: 0,
    tampered: 0,
  });
  // 30 legacy readings in 14 blocks, and a replay the registry skips (its block joins readingBlocks).
  await submit([1, 3, 2, 1, 4, 2, 1, 1, 5, 2, 1, 3, 2, 2], legacyBlocks, true);
  await setImplementation(today);
  // 30 more after the upgrade in 13 blocks, and a second replay.
  await submit([2, 1, 3, 1, 1, 4, 2, 1, 5, 3, 1, 1, 5], appendedBlocks, true);
}, 180_000);

afterAll(async () => {
  await anvil?.kill();
});

const pinned = () => client.getBlockNumber({ cacheTime: 0 });
const mileages = (readings: readonly { mileage: number | bigint }[]) => readings.map((r) => Number(r.mileage));

/** A client whose eth_getLogs answers go through `tamper`. */
function lying(tamper: (logs: { topics: Hex[] }[], block: bigint) => { topics: Hex[] }[]): PublicClient {
  const inner = http(anvil.url)({});
  return createPublicClient({
    transport: custom({
      request: async ({ method, params }) => {
        const answer = await inner.request({ method, params } as never);
        if (method !== 'eth_getLogs') return answer;
        return tamper(answer as { topics: Hex[] }[], BigInt((params as [{ fromBlock: Hex }])[0].fromBlock));
      },
    }),
  });
}

describe('an upgraded deployment: legacy readings, then Appended ones', () => {
  it('reads all 60 readings, the legacy ones first, and checks the whole chain against readingsHead', async () => {
    const chain = await readReadingChain(client, deployment.carBook, car.tokenId, await pinned());
    expect(chain.chain).toEqual({ ok: true });
    expect(chain.count).toBe(30);
    expect(mileages(chain.readings)).toEqual(mileages(sent));
    expect(chain.readings.map((r) => r.legacy)).toEqual([...Array(30).fill(true), ...Array(30).fill(false)]);
    expect(chain.skips.map((skip) => skip.reason)).toEqual(['NotNewer', 'NotNewer']);
    expect(BigInt(chain.head) & ((1n << 64n) - 1n)).toBe(0n);
  });

  it('checks a window of the newest 48 across the boundary as a suffix of the chain', async () => {
    const chain = await readReadingChain(client, deployment.carBook, car.tokenId, await pinned(), { newest: 48 });
    expect(chain.chain).toEqual({ ok: true });
    expect(chain.whole).toBe(false);
    expect(mileages(chain.readings)).toEqual(mileages(sent.slice(-48)));
    expect(chain.readings.filter((r) => r.legacy)).toHaveLength(18);
    const all = await readReadingChain(client, deployment.carBook, car.tokenId, await pinned(), { newest: 100 });
    expect(all.whole).toBe(true);
    expect(all.chain).toEqual({ ok: true });
    expect(all.readings).toHaveLength(60);
  });

  it('detects a withheld reading on either side of the boundary, whole and in a window', async () => {
    for (const [topic, block] of [
      [RECORDED_TOPIC, legacyBlocks[12]],
      [APPENDED_TOPIC, appendedBlocks[2]],
    ] as const) {
      let dropped = false;
      const liar = () =>
        lying((logs, at) => {
          if (at !== block) return logs;
          // The second reading of the block: the walk cannot tell, the chain can.
          const second = logs.filter((log) => log.topics[0] === topic)[1];
          dropped ||= second !== undefined;
          return logs.filter((log) => log !== second);
        });
      const whole = await readReadingChain(liar(), deployment.carBook, car.tokenId, await pinned());
      expect(dropped).toBe(true);
      expect(whole.readings).toHaveLength(59);
      expect(whole.chain).toMatchObject({ ok: false, problem: 'missing' });
      const window = await readReadingChain(liar(), deployment.carBook, car.tokenId, await pinned(), { newest: 48 });
      expect(window.chain).toMatchObject({ ok: false, problem: 'missing' });
    }
  });

  it("gives the buyer's history and its export both kinds of readings, and the export verifies", async () => {
    const history = await readBookHistory(client, deployment.carBook, car.tokenId);
    expect(history.chain).toEqual({ ok: true });
    expect(history.readings).toHaveLength(60);
    expect(history.legacyReadings).toBe(30);
    expect(history.skippedReadings).toHaveLength(2);
    const consortium = { shards: [{ chainId: 31337, contracts: { carBook: deployment.carBook } }] };
    const file = JSON.parse(
      JSON.stringify(exportHistory(history, { chainId: 31337, carBook: deployment.carBook, atBlock: history.atBlock })),
    );
    expect(file.legacyReadings).toBe(30);
    await expect(verifyExportedHistory(file, consortium, () => client)).resolves.toMatchObject({
      ok: true,
      readings: 60,
    });
    for (const legacyReadings of [undefined, 0, 29, 31]) {
      const relabelled = { ...file, legacyReadings };
      await expect(verifyExportedHistory(relabelled, consortium, () => client)).resolves.toMatchObject({
        ok: false,
        problem: 'altered',
      });
    }
  });
});
