/**
 * The privacy protocol against publishers acting in bad faith (issue 10, items 1, 7, 8, 9), each the proof
 * of concept on a real chain through the RPC proxy:
 * - epoch-key planting: a workshop starts the next epoch with a key it chose, wrapped for everyone but itself, just
 *   before its grant ends; it must read nothing written after its access ended;
 * - junk wraps: a one-hour grantee cannot publish thousands of wraps, nor multiply epochs;
 * - wrap squatting: a wrap that does not open (from the seller, or a workshop) is re-issued by the owner's side or
 *   the maker's network, and readers and writers prefer the trusted publishers' key;
 * - a low-order reader key registered before the registry refused them does not break the other readers' writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAbiParameters, keccak256, toHex as viemToHex, zeroAddress, type Hex } from 'viem';
import { carBookAbi, keyRegistryAbi } from '../contracts/generated';
import { RecordKind } from '../contracts/roles';
import { demoAccounts, type DemoRole } from '../../dev/stack/accounts';
import { newEpochKey, toHex, wrapEpochKey, type KeyPair } from '../crypto';
import { readBookHistory } from '../history/read';
import { bookContext } from './chain';
import {
  contractRefusal,
  decryptHistory,
  loadKeyring,
  publishHistoryFor,
  publishOrgKey,
  publishWraps,
  readPrivateHistory,
  readersOf,
  sendContract,
  unlockKeys,
  unlockOrgKey,
  writePrivateRecord,
  type DecryptedRecord,
} from './index';
import { startPrivacyStack, type PrivacyStack } from '../../dev/testing/privacy-stack';
import { DEMO_WMI_HEX } from '../../dev/stack/deploy';
import { bookIdFromParts } from '../vin';

const accounts = demoAccounts();
let stack: PrivacyStack;
const keys = {} as Record<DemoRole, KeyPair>;
let makerOrgKey: KeyPair;
let mileage = 10_000;

function label(record: DecryptedRecord): string {
  if (!record.private) return 'none';
  return record.private.locked ? 'locked' : record.private.payload.label;
}

async function view(tokenId: bigint, viewerKeys: KeyPair[]): Promise<string[]> {
  const { records, history } = await readPrivateHistory(stack.publicClient, stack.config, tokenId, viewerKeys);
  expect(history.chain).toEqual({ ok: true });
  return records.map(label);
}

async function write(tokenId: bigint, role: DemoRole, text: string, writerKeys: KeyPair[] = [keys[role]]) {
  mileage += 1_000;
  return writePrivateRecord(stack.wallet(role), stack.publicClient, stack.config, {
    tokenId,
    mileage,
    kind: RecordKind.Service,
    payload: { label: text, details: `${text}: details`, documents: [] },
    writerKeys,
  });
}

async function carBookCall(
  role: DemoRole,
  functionName: 'grantAccess' | 'transferFrom' | 'createCarBook',
  args: readonly unknown[],
) {
  await sendContract(stack.publicClient, stack.wallet(role), {
    address: stack.config.contracts.carBook,
    abi: carBookAbi,
    functionName,
    args: args as never,
  });
}

async function newBook(name: string, owner: DemoRole = 'alice'): Promise<bigint> {
  const commitment = keccak256(viemToHex(`adversary test book: ${name}`));
  await carBookCall('dealer', 'createCarBook', [
    DEMO_WMI_HEX,
    commitment,
    accounts[owner].address,
    zeroAddress,
    `adversary:${name}`,
  ]);
  return bookIdFromParts(DEMO_WMI_HEX, commitment);
}

async function grant(tokenId: bigint, role: DemoRole, seconds: number) {
  const now = (await stack.publicClient.getBlock({ blockTag: 'latest' })).timestamp;
  await carBookCall('alice', 'grantAccess', [tokenId, accounts[role].address, now + BigInt(seconds)]);
}

/** The refusal's error name of a transaction that must fail. */
async function refusalOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the transaction was accepted').toBeDefined();
  return contractRefusal(error)?.errorName;
}

async function anvilRpc(method: string, params: unknown[]) {
  const response = await fetch(stack.anvil.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

beforeAll(async () => {
  stack = await startPrivacyStack({ seed: false });
  for (const role of ['alice', 'bob', 'independentWorkshop', 'expert', 'makerAdmin', 'officialWorkshop'] as const) {
    keys[role] = (await unlockKeys(stack.wallet(role), stack.publicClient, stack.config)).keyPair;
  }
  await publishOrgKey(stack.wallet('makerAdmin'), stack.publicClient, stack.config, [
    accounts.officialWorkshop.address,
  ]);
  const unlocked = await unlockOrgKey(
    stack.publicClient,
    stack.config,
    accounts.officialWorkshop.address,
    keys.officialWorkshop,
  );
  if (!unlocked.ok) throw new Error(`the official workshop opens no organisation key: ${unlocked.reason}`);
  makerOrgKey = unlocked.orgKey.current;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('epoch-key planting (item 1)', () => {
  it('a workshop that planted the next epoch key before its grant ended reads nothing written after', async () => {
    const tokenId = await newBook('planting');
    await write(tokenId, 'alice', 'r0 before the grant');
    await grant(tokenId, 'independentWorkshop', 3_600);
    await publishHistoryFor(stack.wallet('alice'), stack.publicClient, stack.config, {
      tokenId,
      readerPublicKey: keys.independentWorkshop.publicKey,
      senderKeys: [keys.alice],
    });
    await write(tokenId, 'independentWorkshop', 'r1 by the workshop');
    // Just before the grant ends: epoch 1 starts with a key the workshop chose, wrapped for everyone but itself.
    const planted = newEpochKey();
    const others = (await readersOf(stack.publicClient, stack.config, tokenId)).readers.filter(
      (r) => r.kind !== 'workshop',
    );
    expect(others.map((r) => r.kind).sort()).toEqual(['maker', 'owner']);
    await publishWraps(stack.wallet('independentWorkshop'), stack.publicClient, stack.config, tokenId, [
      {
        epoch: 1,
        readerKeys: others.map((r) => r.publicKeyHex),
        wraps: others.map((r) =>
          toHex(wrapEpochKey(planted, r.publicKey, { ...bookContext(stack.config, tokenId), epoch: 1 })),
        ),
      },
    ]);
    await stack.increaseTime(2 * 3_600);

    const next = await write(tokenId, 'alice', 'r2 after the grant ended');
    await write(tokenId, 'officialWorkshop', 'r3 by the maker network', [keys.officialWorkshop, makerOrgKey]);

    // The planter with everything it ever held: its own wraps and the key it chose.
    const ring = await loadKeyring(stack.publicClient, stack.config, tokenId, [keys.independentWorkshop]);
    ring.set(1, [...(ring.get(1) ?? []), planted]);
    const history = await readBookHistory(stack.publicClient, stack.config.contracts.carBook, tokenId);
    expect(decryptHistory(history.records, ring).map(label)).toEqual([
      'r0 before the grant',
      'r1 by the workshop',
      'locked',
      'locked',
    ]);
    expect(await view(tokenId, [keys.alice])).toEqual([
      'r0 before the grant',
      'r1 by the workshop',
      'r2 after the grant ended',
      'r3 by the maker network',
    ]);
    expect(next).toMatchObject({ epoch: 2, rotated: true });
    expect(next.prepared.plan.reasons).toEqual(['publisher-left']);
  });
});

describe('junk wraps (item 7)', () => {
  it("a one-hour grantee's junk wraps and epochs are refused on chain", async () => {
    const tokenId = await newBook('junk');
    await write(tokenId, 'alice', 'r0');
    await grant(tokenId, 'independentWorkshop', 3_600);
    const context = bookContext(stack.config, tokenId);
    const junkFor = (epoch: number, reader: Uint8Array, count: number) => ({
      epoch,
      readerKeys: Array.from({ length: count }, () => toHex(reader)),
      wraps: Array.from({ length: count }, () => toHex(wrapEpochKey(newEpochKey(), reader, { ...context, epoch }))),
    });
    const spam = (batches: Parameters<typeof publishWraps>[4]) =>
      refusalOf(publishWraps(stack.wallet('independentWorkshop'), stack.publicClient, stack.config, tokenId, batches));
    // 450 wraps for the owner's key (each one the owner's browser would try to open): the owner already has one.
    expect(await spam([junkFor(0, keys.alice.publicKey, 450)])).toBe('KeyRegistryWrapLimit');
    // Wraps for keys that read nothing of this book.
    const stranger = (await unlockKeys(stack.wallet('recyclerAdmin'), stack.publicClient, stack.config)).keyPair;
    expect(await spam([junkFor(0, stranger.publicKey, 1)])).toBe('KeyRegistryNotBookReader');
    // Epochs multiplied in one transaction: the second start has no record in the first.
    expect(await spam([junkFor(1, keys.alice.publicKey, 1), junkFor(2, keys.alice.publicKey, 1)])).toBe(
      'KeyRegistryEpochUnused',
    );
    const wrapsForOwner = await stack.publicClient.readContract({
      address: stack.config.contracts.keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'wrapCount',
      args: [tokenId, 0, toHex(keys.alice.publicKey)],
    });
    expect(wrapsForOwner).toBe(1);
    expect(await view(tokenId, [keys.alice])).toEqual(['r0']);
  });
});

describe('wrap squatting (item 8)', () => {
  it("the seller's wrap for the buyer that does not open is re-issued by the maker's network after the sale", async () => {
    const tokenId = await newBook('squatting');
    await write(tokenId, 'alice', 'r0 by the seller');
    // The seller wraps a key that is not the epoch's for the buyer: honest writers used to skip the buyer.
    await publishWraps(stack.wallet('alice'), stack.publicClient, stack.config, tokenId, [
      {
        epoch: 0,
        readerKeys: [toHex(keys.bob.publicKey)],
        wraps: [
          toHex(wrapEpochKey(newEpochKey(), keys.bob.publicKey, { ...bookContext(stack.config, tokenId), epoch: 0 })),
        ],
      },
    ]);
    await carBookCall('alice', 'transferFrom', [accounts.alice.address, accounts.bob.address, tokenId]);
    const next = await write(tokenId, 'officialWorkshop', 'r1 by the maker network', [
      keys.officialWorkshop,
      makerOrgKey,
    ]);
    expect(next.prepared.wrapsToPublish?.find((b) => b.epoch === 0)?.readerKeys).toEqual([toHex(keys.bob.publicKey)]);
    expect(await view(tokenId, [keys.bob])).toEqual(['r0 by the seller', 'r1 by the maker network']);
  });

  it("a workshop's squatted wrap is re-issued by the owner, and the new reader writes with the owner's key", async () => {
    const tokenId = await newBook('squatting by a workshop');
    await write(tokenId, 'alice', 'r0 by the owner');
    await grant(tokenId, 'independentWorkshop', 86_400);
    await grant(tokenId, 'expert', 86_400);
    // The first workshop is first to wrap epoch 0 for the second: a key that is not the epoch's.
    await publishWraps(stack.wallet('independentWorkshop'), stack.publicClient, stack.config, tokenId, [
      {
        epoch: 0,
        readerKeys: [toHex(keys.expert.publicKey)],
        wraps: [
          toHex(
            wrapEpochKey(newEpochKey(), keys.expert.publicKey, { ...bookContext(stack.config, tokenId), epoch: 0 }),
          ),
        ],
      },
    ]);
    const wrapped = await publishHistoryFor(stack.wallet('alice'), stack.publicClient, stack.config, {
      tokenId,
      readerPublicKey: keys.expert.publicKey,
      senderKeys: [keys.alice],
    });
    expect(wrapped).toEqual([0]);
    // The second workshop holds two candidate keys for epoch 0; it writes with the owner's.
    const own = await write(tokenId, 'expert', 'r1 by the second workshop');
    expect(own).toMatchObject({ epoch: 0, rotated: false });
    expect(await view(tokenId, [keys.alice])).toEqual(['r0 by the owner', 'r1 by the second workshop']);
    expect(await view(tokenId, [makerOrgKey])).toEqual(['r0 by the owner', 'r1 by the second workshop']);
  });
});

describe('low-order reader keys (item 9)', () => {
  it('a low-order key registered before the registry refused them is skipped: the other readers still write', async () => {
    const tokenId = await newBook('low order', 'bob');
    // KeyRegistry's ERC-7201 storage: readingKeys is the third field; ReadingKey.publicKey is its first slot.
    const base = 0xb088f9b7ff6fae4c5ef7d5cd33f8e1fe16935f4a7be1fd17a785cb54a02dd700n;
    const slot = keccak256(
      encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [accounts.bob.address, base + 2n]),
    );
    const lowOrder: Hex = `0x01${'00'.repeat(31)}`;
    const registry = stack.config.contracts.keyRegistry;
    const original = (await anvilRpc('eth_getStorageAt', [registry, slot, 'latest'])) as Hex;
    await anvilRpc('anvil_setStorageAt', [registry, slot, lowOrder]);
    try {
      const readers = await readersOf(stack.publicClient, stack.config, tokenId);
      expect(readers.readers.map((r) => r.kind)).toEqual(['maker']);
      expect(readers.withoutKey).toEqual([{ kind: 'owner', account: accounts.bob.address }]);
      await write(tokenId, 'officialWorkshop', 'r0 by the maker network', [keys.officialWorkshop, makerOrgKey]);
      expect(await view(tokenId, [makerOrgKey])).toEqual(['r0 by the maker network']);
    } finally {
      await anvilRpc('anvil_setStorageAt', [registry, slot, original]);
    }
  });
});
