/**
 * The privacy protocol end to end on a real chain, every call through the real RPC whitelist proxy: one car
 * book's life (first write, a workshop granted then revoked, another whose grant expires, a buyer's share link
 * revoked, a sale), checking after each step who can and cannot open which record. Then documents over a
 * development IPFS node: a round trip, a tampered document refused, an upload failure that writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keccak256, toHex as viemToHex, zeroAddress, type Hex } from 'viem';
import { carBookAbi, insuranceAbi, keyRegistryAbi } from '../contracts/generated';
import { RecordKind } from '../contracts/roles';
import { demoAccounts, type DemoRole } from '../../dev/stack/accounts';
import { DEMO_WMI_HEX } from '../../dev/stack/deploy';
import { bookIdFromParts } from '../vin';
import type { KeyPair } from '../crypto';
import type { TxStep } from '../chain/send';
import {
  contractRefusal,
  createBuyerShare,
  openDocument,
  publishHistoryFor,
  publishOrgKey,
  publishWraps,
  readPrivateHistory,
  readWithShareLink,
  readersOf,
  revokeBuyerShare,
  sendContract,
  unlockKeys,
  unlockOrgKey,
  writePrivateRecord,
  writeRecordWithDocuments,
  type DecryptedRecord,
} from './index';
import { startPrivacyStack, type PrivacyStack } from '../../dev/testing/privacy-stack';

const accounts = demoAccounts();
let stack: PrivacyStack;
let tokenId: bigint;
const keys = {} as Record<DemoRole, KeyPair>;
let makerOrgKey: KeyPair;
let mileage = 10_000;

/** Labels of the records `viewer` can open, and `locked` for the others, in history order. */
async function view(viewerKeys: KeyPair[]): Promise<string[]> {
  const { records, history } = await readPrivateHistory(stack.publicClient, stack.config, tokenId, viewerKeys);
  expect(history.chain).toEqual({ ok: true });
  return records.map(label);
}

function label(record: DecryptedRecord): string {
  if (!record.private) return 'none';
  return record.private.locked ? 'locked' : record.private.payload.label;
}

/** The transactions the last `write` announced (`onStep`), in order. */
let lastSteps: TxStep[] = [];

async function write(role: DemoRole, text: string, writerKeys: KeyPair[] = [keys[role]]) {
  mileage += 1_000;
  lastSteps = [];
  return writePrivateRecord(stack.wallet(role), stack.publicClient, stack.config, {
    tokenId,
    mileage,
    kind: RecordKind.Service,
    payload: { label: text, details: `${text}: details only readers see`, documents: [] },
    writerKeys,
    onStep: (step) => lastSteps.push(step),
  });
}

/** The organisation key `role` opens (the test fails if it opens none). */
async function orgKeyOf(role: DemoRole) {
  const unlocked = await unlockOrgKey(stack.publicClient, stack.config, accounts[role].address, keys[role]);
  if (!unlocked.ok) throw new Error(`${role} opens no organisation key: ${unlocked.reason}`);
  return unlocked.orgKey;
}

async function carBookCall(
  role: DemoRole,
  functionName: 'grantAccess' | 'revokeAccess' | 'transferFrom',
  args: readonly unknown[],
) {
  await sendContract(stack.publicClient, stack.wallet(role), {
    address: stack.config.contracts.carBook,
    abi: carBookAbi,
    functionName,
    args: args as never,
  });
}

async function chainTime(): Promise<bigint> {
  return (await stack.publicClient.getBlock({ blockTag: 'latest' })).timestamp;
}

beforeAll(async () => {
  stack = await startPrivacyStack({ seed: true, ipfs: true });
  for (const role of [
    'alice',
    'bob',
    'independentWorkshop',
    'expert',
    'makerAdmin',
    'officialWorkshop',
    'archiveAdmin',
  ] as const) {
    const unlocked = await unlockKeys(stack.wallet(role), stack.publicClient, stack.config);
    expect(unlocked.registered).toBe(true);
    keys[role] = unlocked.keyPair;
  }
  await publishOrgKey(stack.wallet('makerAdmin'), stack.publicClient, stack.config, [
    accounts.officialWorkshop.address,
  ]);
  makerOrgKey = (await orgKeyOf('officialWorkshop')).current;

  const commitment = keccak256(viemToHex('privacy protocol test book'));
  tokenId = bookIdFromParts(DEMO_WMI_HEX, commitment);
  await sendContract(stack.publicClient, stack.wallet('dealer'), {
    address: stack.config.contracts.carBook,
    abi: carBookAbi,
    functionName: 'createCarBook',
    args: [DEMO_WMI_HEX, commitment, accounts.alice.address, zeroAddress, 'privacy:test'],
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('reading keys', () => {
  it('unlocks again with the registered key, without a transaction', async () => {
    const again = await unlockKeys(stack.wallet('alice'), stack.publicClient, stack.config);
    expect(again.registered).toBe(false);
    expect(again.keyPair.publicKey).toEqual(keys.alice.publicKey);
  });

  it('refuses a derived key that is not the registered one', async () => {
    // An account registers someone else's public key: its own signature no longer matches it.
    await sendContract(stack.publicClient, stack.wallet('recyclerAdmin'), {
      address: stack.config.contracts.keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'registerReadingKey',
      args: [viemToHex(keys.alice.publicKey)],
    });
    await expect(unlockKeys(stack.wallet('recyclerAdmin'), stack.publicClient, stack.config)).rejects.toMatchObject({
      code: 'key-mismatch',
    });
  });

  it('opens the maker organisation key for its staff, not for others', async () => {
    const admin = await orgKeyOf('makerAdmin');
    expect(admin.current.publicKey).toEqual(makerOrgKey.publicKey);
    expect(
      await unlockOrgKey(stack.publicClient, stack.config, accounts.archiveAdmin.address, keys.archiveAdmin),
    ).toEqual({ ok: false, reason: 'no-org-key', orgId: 3 });
    expect(await unlockOrgKey(stack.publicClient, stack.config, accounts.alice.address, keys.alice)).toEqual({
      ok: false,
      reason: 'not-staff',
    });
  });
});

describe('a car book life, through the proxy', () => {
  it('first write starts epoch 0 for the owner and the maker network; another member reads nothing', async () => {
    const readers = await readersOf(stack.publicClient, stack.config, tokenId);
    expect(readers.readers.map((r) => r.kind).sort()).toEqual(['maker', 'owner']);
    const first = await write('alice', 'r0 oil change');
    expect(first).toMatchObject({ epoch: 0, rotated: true });
    expect(lastSteps).toEqual([
      { index: 1, total: 2, label: 'rotate-key' },
      { index: 2, total: 2, label: 'record' },
    ]);
    expect(await view([keys.alice])).toEqual(['r0 oil change']);
    expect(await view([makerOrgKey])).toEqual(['r0 oil change']);
    expect(await view([keys.archiveAdmin])).toEqual(['locked']);
    // An official workshop writes with the organisation key, in the same epoch.
    expect(await write('officialWorkshop', 'r1 official service', [keys.officialWorkshop, makerOrgKey])).toMatchObject({
      epoch: 0,
      rotated: false,
    });
  });

  it("refuses an unauthorised account's publishEpochWraps with KeyRegistryNotBookKeyPublisher", async () => {
    const wrap = `0x01${'ab'.repeat(136)}` as Hex;
    const attempt = publishWraps(stack.wallet('archiveAdmin'), stack.publicClient, stack.config, tokenId, [
      { epoch: 1, readerKeys: [viemToHex(keys.archiveAdmin.publicKey)], wraps: [wrap] },
    ]);
    const refusal = contractRefusal(await attempt.catch((e: unknown) => e));
    expect(refusal?.errorName).toBe('KeyRegistryNotBookKeyPublisher');
    expect(refusal?.args).toEqual([tokenId, accounts.archiveAdmin.address]);
    const [started, epoch] = await stack.publicClient.readContract({
      address: stack.config.contracts.keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'currentEpoch',
      args: [tokenId],
    });
    expect([started, epoch]).toEqual([true, 0]);
  });

  it('a granted workshop reads the past epochs; once revoked it reads nothing written after', async () => {
    await carBookCall('alice', 'grantAccess', [
      tokenId,
      accounts.independentWorkshop.address,
      (await chainTime()) + 7n * 86_400n,
    ]);
    expect(await view([keys.independentWorkshop])).toEqual(['locked', 'locked']);
    // The owner's next write wraps the key, and the history, for the new reader.
    expect(await write('alice', 'r2 tyres')).toMatchObject({ epoch: 0, rotated: false });
    expect(lastSteps.map((step) => step.label)).toEqual(['share-key', 'record']);
    expect(await view([keys.independentWorkshop])).toEqual(['r0 oil change', 'r1 official service', 'r2 tyres']);
    await write('independentWorkshop', 'r3 brakes by the workshop');
    await carBookCall('alice', 'revokeAccess', [tokenId, accounts.independentWorkshop.address]);
    const next = await write('alice', 'r4 after revocation');
    expect(next).toMatchObject({ epoch: 1, rotated: true });
    expect(next.prepared.plan.reasons).toEqual(['reader-removed']);
    expect(await view([keys.independentWorkshop])).toEqual([
      'r0 oil change',
      'r1 official service',
      'r2 tyres',
      'r3 brakes by the workshop',
      'locked',
    ]);
    expect(await view([keys.alice])).toContain('r4 after revocation');
    expect(await view([makerOrgKey])).toContain('r4 after revocation');
  });

  it('a grant that expires (chain time) ends the reading at the first write after it', async () => {
    await carBookCall('alice', 'grantAccess', [tokenId, accounts.expert.address, (await chainTime()) + 3_600n]);
    await publishHistoryFor(stack.wallet('alice'), stack.publicClient, stack.config, {
      tokenId,
      readerPublicKey: keys.expert.publicKey,
      senderKeys: [keys.alice],
    });
    await write('expert', 'r5 by the second workshop');
    await stack.increaseTime(2 * 3_600);
    const next = await write('alice', 'r6 after expiry');
    expect(next).toMatchObject({ epoch: 2, rotated: true });
    const seen = await view([keys.expert]);
    expect(seen.slice(0, 6)).toEqual([
      'r0 oil change',
      'r1 official service',
      'r2 tyres',
      'r3 brakes by the workshop',
      'r4 after revocation',
      'r5 by the second workshop',
    ]);
    expect(seen[6]).toBe('locked');
  });

  it("a buyer's share link reads the history, and after revocation not the next record", async () => {
    const share = await createBuyerShare(stack.wallet('alice'), stack.publicClient, stack.config, {
      tokenId,
      baseUrl: 'https://carbook.example/verify',
      ownerKeys: [keys.alice],
    });
    expect(share.epochs).toEqual([0, 1, 2]);
    const url = new URL(share.url);
    expect(url.search).toContain('book=');
    expect(url.hash).toMatch(/^#k=[A-Za-z0-9_-]{43}$/);
    const before = await readWithShareLink(share.url, stack.publicClient, stack.config);
    expect(before.records.map(label)).toEqual([
      'r0 oil change',
      'r1 official service',
      'r2 tyres',
      'r3 brakes by the workshop',
      'r4 after revocation',
      'r5 by the second workshop',
      'r6 after expiry',
    ]);
    await revokeBuyerShare(stack.wallet('alice'), stack.publicClient, stack.config, {
      tokenId,
      shareKey: share.shareKey,
    });
    expect(await write('alice', 'r7 after the link was revoked')).toMatchObject({ epoch: 3, rotated: true });
    const after = await readWithShareLink({ search: url.search, hash: url.hash }, stack.publicClient, stack.config);
    expect(after.records.map(label).slice(0, 7)).toEqual(before.records.map(label));
    expect(label(after.records[7])).toBe('locked');
  });

  it('after a sale the new owner reads the whole history, the former owner nothing written after', async () => {
    // The seller gives the buyer's registered key the history before the transfer.
    const wrapped = await publishHistoryFor(stack.wallet('alice'), stack.publicClient, stack.config, {
      tokenId,
      readerPublicKey: keys.bob.publicKey,
      senderKeys: [keys.alice],
    });
    expect(wrapped).toEqual([0, 1, 2, 3]);
    await carBookCall('alice', 'transferFrom', [accounts.alice.address, accounts.bob.address, tokenId]);
    const next = await write('bob', 'r8 first record of the new owner');
    expect(next).toMatchObject({ epoch: 4, rotated: true });
    expect(next.prepared.plan.reasons).toEqual(['reader-removed', 'sale']);
    const bob = await view([keys.bob]);
    expect(bob).not.toContain('locked');
    expect(bob).toHaveLength(9);
    const alice = await view([keys.alice]);
    expect(alice.slice(0, 8)).not.toContain('locked');
    expect(alice[8]).toBe('locked');
    expect((await view([makerOrgKey]))[8]).toBe('r8 first record of the new owner');
    // The former owner can no longer publish wraps for the book either.
    const refusal = contractRefusal(
      await publishHistoryFor(stack.wallet('alice'), stack.publicClient, stack.config, {
        tokenId,
        readerPublicKey: keys.archiveAdmin.publicKey,
        senderKeys: [keys.alice],
      }).catch((e: unknown) => e),
    );
    expect(refusal?.errorName).toBe('KeyRegistryNotBookKeyPublisher');
  });
  it('a workshop that writes before it holds the keys starts an epoch, and gets the history at the next write', async () => {
    await carBookCall('bob', 'grantAccess', [
      tokenId,
      accounts.independentWorkshop.address,
      (await chainTime()) + 86_400n,
    ]);
    const own = await write('independentWorkshop', 'r9 workshop writes first');
    expect(own).toMatchObject({ epoch: 5, rotated: true });
    expect(own.prepared.plan.reasons).toEqual(['key-unavailable']);
    expect(own.prepared.historyNotWrapped.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    const before = await view([keys.independentWorkshop]);
    expect(before.slice(4, 9)).toEqual(['locked', 'locked', 'locked', 'locked', 'locked']);
    expect(before[9]).toBe('r9 workshop writes first');
    expect((await view([keys.bob]))[9]).toBe('r9 workshop writes first');
    // The owner holds every epoch: its next write wraps the missing ones for the workshop.
    expect(await write('bob', 'r10 owner after the workshop')).toMatchObject({ epoch: 5, rotated: false });
    expect(await view([keys.independentWorkshop])).not.toContain('locked');
  });

  it('the covering insurer reads the whole history while the cover lasts, nothing after it ends', async () => {
    const insurance = (
      role: DemoRole,
      functionName: 'requestCover' | 'acceptCover' | 'endCover',
      args: readonly unknown[],
    ) =>
      sendContract(stack.publicClient, stack.wallet(role), {
        address: stack.config.contracts.insurance,
        abi: insuranceAbi,
        functionName,
        args: args as never,
      });
    await insurance('bob', 'requestCover', [tokenId, 2]);
    await insurance('insurerAdmin', 'acceptCover', [tokenId]);
    keys.insurerAdmin = (await unlockKeys(stack.wallet('insurerAdmin'), stack.publicClient, stack.config)).keyPair;
    await publishOrgKey(stack.wallet('insurerAdmin'), stack.publicClient, stack.config, []);
    const insurerOrgKey = (await orgKeyOf('insurerAdmin')).current;
    expect((await readersOf(stack.publicClient, stack.config, tokenId)).readers.map((r) => r.kind).sort()).toEqual([
      'insurer',
      'maker',
      'owner',
      'workshop',
    ]);
    await write('bob', 'r11 insured');
    expect(await view([insurerOrgKey])).not.toContain('locked');
    await insurance('bob', 'endCover', [tokenId]);
    expect(await write('bob', 'r12 cover ended')).toMatchObject({ epoch: 6, rotated: true });
    const seen = await view([insurerOrgKey]);
    expect(seen.slice(0, 12)).not.toContain('locked');
    expect(seen[12]).toBe('locked');
  });
  it('a staff member removed by an organisation key rotation reads nothing written after the next write', async () => {
    const oldMakerKey = makerOrgKey;
    const rotated = await publishOrgKey(stack.wallet('makerAdmin'), stack.publicClient, stack.config, []);
    expect(rotated.keyVersion).toBe(2);
    expect(
      await unlockOrgKey(stack.publicClient, stack.config, accounts.officialWorkshop.address, keys.officialWorkshop),
    ).toEqual({ ok: false, reason: 'not-wrapped', orgId: 1, keyVersion: 2 });
    const next = await write('bob', 'r13 after the maker rotated its key');
    expect(next).toMatchObject({ epoch: 7, rotated: true });
    expect(next.prepared.plan.reasons).toEqual(['reader-removed']);
    const removed = await view([oldMakerKey]);
    expect(removed.slice(0, 13)).not.toContain('locked');
    expect(removed[13]).toBe('locked');
    // The new organisation key was given the whole history by the owner's write.
    const admin = await orgKeyOf('makerAdmin');
    expect(admin.all.map((k) => k.keyVersion)).toEqual([2, 1]);
    expect(await view([admin.current])).not.toContain('locked');
    makerOrgKey = admin.current;
  });
});

describe('documents over IPFS', () => {
  const invoice = new TextEncoder().encode('%PDF-1.4 invoice #2026-118: timing belt, 412.50 EUR\n'.repeat(3000));

  it('round-trips a document and anchors its sha256 in public', async () => {
    const steps: TxStep[] = [];
    const written = await writeRecordWithDocuments(
      stack.wallet('bob'),
      stack.publicClient,
      stack.config,
      stack.ipfs!.client,
      {
        tokenId,
        mileage: (mileage += 1_000),
        kind: RecordKind.Repair,
        label: 'r9 timing belt',
        details: 'invoice attached',
        documents: [{ bytes: invoice, name: 'invoice-2026-118.pdf', mime: 'application/pdf' }],
        writerKeys: [keys.bob],
        onStep: (step) => steps.push(step),
      },
    );
    expect(steps.at(-1)).toEqual({ index: steps.length, total: steps.length, label: 'record' });
    const { records } = await readPrivateHistory(stack.publicClient, stack.config, tokenId, [keys.bob]);
    const last = records.at(-1)!;
    expect(last.private?.locked).toBe(false);
    const ref = (last.private as { payload: { documents: { cid: string; key: Uint8Array; sha256: Uint8Array }[] } })
      .payload.documents[0];
    expect(ref.cid).toBe(written.documents[0].cid);
    expect(last.documentHash).toBe(viemToHex(ref.sha256));
    expect(await openDocument(ref, stack.ipfs!.client)).toEqual(invoice);
  });

  it('refuses a tampered document', async () => {
    const { records } = await readPrivateHistory(stack.publicClient, stack.config, tokenId, [keys.bob]);
    const ref = (
      records.at(-1)!.private as { payload: { documents: { cid: string; key: Uint8Array; sha256: Uint8Array }[] } }
    ).payload.documents[0];
    // Someone stores altered ciphertext and swaps the CID: it no longer authenticates.
    const ciphertext = await stack.ipfs!.client.catBytes(ref.cid);
    ciphertext[100] ^= 0x01;
    const tamperedCid = await stack.ipfs!.client.addBytes(ciphertext);
    await expect(openDocument({ ...ref, cid: tamperedCid }, stack.ipfs!.client)).rejects.toMatchObject({
      code: 'decryption-failed',
    });
    // Another document under the right key: the sha256 the record announced does not match.
    await expect(openDocument({ ...ref, sha256: new Uint8Array(32) }, stack.ipfs!.client)).rejects.toMatchObject({
      code: 'hash-mismatch',
    });
  });

  it('refuses a record the chain would refuse before uploading anything', async () => {
    let uploads = 0;
    const steps: TxStep[] = [];
    const attempt = writeRecordWithDocuments(
      stack.wallet('bob'),
      stack.publicClient,
      stack.config,
      async () => {
        uploads += 1;
        return stack.ipfs!.client;
      },
      {
        tokenId,
        mileage: 1,
        kind: RecordKind.Repair,
        label: 'mileage going down',
        details: '',
        documents: [{ bytes: invoice, name: 'never-uploaded.pdf', mime: 'application/pdf' }],
        writerKeys: [keys.bob],
        onStep: (step) => steps.push(step),
      },
    );
    expect(contractRefusal(await attempt.catch((e: unknown) => e))?.errorName).toBe('CarBookMileageDecreased');
    expect(uploads).toBe(0);
    expect(steps).toEqual([]);
  });

  it('writes a record without private fields as one plain transaction, with no key', async () => {
    const steps: TxStep[] = [];
    const written = await writeRecordWithDocuments(
      stack.wallet('bob'),
      stack.publicClient,
      { contracts: { carBook: stack.config.contracts.carBook } },
      undefined,
      {
        tokenId,
        mileage: (mileage += 1_000),
        kind: RecordKind.OdometerReading,
        label: ' ',
        details: '',
        documents: [],
        writerKeys: [],
        onStep: (step) => steps.push(step),
      },
    );
    expect(written).toMatchObject({ rotated: false, wrapsPublished: false, documents: [] });
    expect(steps).toEqual([{ index: 1, total: 1, label: 'record' }]);
    const { records } = await readPrivateHistory(stack.publicClient, stack.config, tokenId, [keys.bob]);
    expect(records.at(-1)).toMatchObject({ payload: '0x', private: null });
  });

  it('writes no record when the IPFS upload fails', async () => {
    const before = await stack.publicClient.readContract({
      address: stack.config.contracts.carBook,
      abi: carBookAbi,
      functionName: 'book',
      args: [tokenId],
    });
    const epochBefore = await stack.publicClient.readContract({
      address: stack.config.contracts.keyRegistry,
      abi: keyRegistryAbi,
      functionName: 'currentEpoch',
      args: [tokenId],
    });
    await stack.ipfs!.node.close();
    await expect(
      writeRecordWithDocuments(stack.wallet('bob'), stack.publicClient, stack.config, stack.ipfs!.client, {
        tokenId,
        mileage: mileage + 1_000,
        kind: RecordKind.Repair,
        label: 'never written',
        details: '',
        documents: [{ bytes: invoice, name: 'lost.pdf', mime: 'application/pdf' }],
        writerKeys: [keys.bob],
      }),
    ).rejects.toMatchObject({ name: 'DocumentUploadError', document: 'lost.pdf' });
    const after = await stack.publicClient.readContract({
      address: stack.config.contracts.carBook,
      abi: carBookAbi,
      functionName: 'book',
      args: [tokenId],
    });
    expect(after.recordCount).toBe(before.recordCount);
    expect(
      await stack.publicClient.readContract({
        address: stack.config.contracts.keyRegistry,
        abi: keyRegistryAbi,
        functionName: 'currentEpoch',
        args: [tokenId],
      }),
    ).toEqual(epochBefore);
  });
});
