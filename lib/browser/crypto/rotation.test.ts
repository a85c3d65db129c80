import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nacl from 'tweetnacl';
import { privateKeyToAccount } from 'viem/accounts';
import {
  CryptoError,
  activeReaders,
  createOrgKey,
  createShareLink,
  decryptPayload,
  deriveKeyPair,
  encryptPayload,
  newEpochKey,
  planEpoch,
  readShareFragment,
  rotateOrgKey,
  toHex,
  unwrapEpochKey,
  unwrapOrgKey,
  wrapEpochKey,
  wrapOrgKeyForStaff,
  wrapsForNewReader,
  type BookContext,
  type Hex,
  type KeyPair,
  type OrgContext,
  type ReaderEntry,
} from './index';
import { ANVIL_KEY_0, ANVIL_KEY_1, CAR_BOOK, CONSORTIUM, readingKeyDomain } from '../../dev/testing/crypto-testkit';

const pool = Array.from(
  { length: 6 },
  (_, i) => nacl.box.keyPair.fromSecretKey(new Uint8Array(32).fill(i + 1)).publicKey,
);
const hex = (pks: readonly Uint8Array[]) => pks.map(toHex).sort();

describe('planEpoch', () => {
  const [owner, maker, workshop, insurer] = pool as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];

  it('starts epoch 0 on the first write, for every reader, with no history', () => {
    const plan = planEpoch({ holders: [] }, [{ publicKey: owner }, { publicKey: maker }], 100);
    expect(plan).toMatchObject({
      rotate: true,
      epoch: 0,
      reasons: ['first-epoch'],
      removed: [],
      wrapHistoryFor: [],
      historyEpochs: [],
    });
    expect(hex(plan.wrapCurrentFor)).toEqual(hex([owner, maker]));
  });

  it('keeps the epoch when nothing changed: nothing to wrap', () => {
    const plan = planEpoch({ epoch: 2, holders: [owner, maker] }, [{ publicKey: owner }, { publicKey: maker }], 100);
    expect(plan).toMatchObject({ rotate: false, epoch: 2, reasons: [], wrapCurrentFor: [], wrapHistoryFor: [] });
  });

  it('a workshop grant keeps the epoch and gives the workshop the current key and the whole history', () => {
    const plan = planEpoch(
      { epoch: 2, holders: [owner, maker] },
      [{ publicKey: owner }, { publicKey: maker }, { publicKey: workshop, expiresAt: 500 }],
      100,
    );
    expect(plan.rotate).toBe(false);
    expect(hex(plan.wrapCurrentFor)).toEqual(hex([workshop]));
    expect(hex(plan.wrapHistoryFor)).toEqual(hex([workshop]));
    expect(plan.historyEpochs).toEqual([0, 1]);
  });

  it('a reader added without history (history: false) gets only the current key', () => {
    const plan = planEpoch(
      { epoch: 2, holders: [owner] },
      [{ publicKey: owner }, { publicKey: insurer, history: false }],
      100,
    );
    expect(hex(plan.wrapCurrentFor)).toEqual(hex([insurer]));
    expect(plan.wrapHistoryFor).toEqual([]);
  });

  it('revoking rotates: new epoch wrapped for the remaining readers only', () => {
    const plan = planEpoch(
      { epoch: 2, holders: [owner, maker, workshop] },
      [{ publicKey: owner }, { publicKey: maker }],
      100,
    );
    expect(plan).toMatchObject({ rotate: true, epoch: 3, reasons: ['reader-removed'] });
    expect(hex(plan.removed)).toEqual(hex([workshop]));
    expect(hex(plan.wrapCurrentFor)).toEqual(hex([owner, maker]));
  });

  it('an expired grant rotates like a revocation (expiresAt is exclusive)', () => {
    const readers: ReaderEntry[] = [{ publicKey: owner }, { publicKey: workshop, expiresAt: 500 }];
    expect(planEpoch({ epoch: 1, holders: [owner, workshop] }, readers, 499).rotate).toBe(false);
    const plan = planEpoch({ epoch: 1, holders: [owner, workshop] }, readers, 500);
    expect(plan).toMatchObject({ rotate: true, epoch: 2, reasons: ['reader-removed'] });
    expect(hex(plan.removed)).toEqual(hex([workshop]));
  });

  it('a publisher of the current key who left rotates, even if it wrapped the key for nobody it holds', () => {
    // A workshop planted epoch 3 for the owner and the maker only; its grant is over.
    const plan = planEpoch(
      { epoch: 3, holders: [owner, maker], publisherLeft: true },
      [{ publicKey: owner }, { publicKey: maker }],
      100,
    );
    expect(plan).toMatchObject({ rotate: true, epoch: 4, reasons: ['publisher-left'], removed: [] });
    expect(hex(plan.wrapCurrentFor)).toEqual(hex([owner, maker]));
  });

  it('a sale always rotates; the new owner gets the whole history', () => {
    const plan = planEpoch(
      { epoch: 4, holders: [owner, maker], soldSinceEpochStart: true },
      [{ publicKey: insurer }, { publicKey: maker }],
      100,
    );
    expect(plan).toMatchObject({ rotate: true, epoch: 5 });
    expect(plan.reasons).toEqual(['reader-removed', 'sale']);
    expect(hex(plan.wrapCurrentFor)).toEqual(hex([insurer, maker]));
    expect(hex(plan.wrapHistoryFor)).toEqual(hex([insurer]));
    expect(plan.historyEpochs).toEqual([0, 1, 2, 3, 4]);
    const same = planEpoch({ epoch: 4, holders: [owner], soldSinceEpochStart: true }, [{ publicKey: owner }], 100);
    expect(same).toMatchObject({ rotate: true, epoch: 5, reasons: ['sale'] });
  });

  it('refuses a bad epoch or time, and the epoch after 2^32 - 1', () => {
    expect(() => planEpoch({ epoch: -1, holders: [] }, [], 0)).toThrow(CryptoError);
    expect(() => planEpoch({ epoch: 1, holders: [] }, [], Number.NaN)).toThrow(/unix seconds/);
    expect(() => planEpoch({ epoch: 0xffff_ffff, holders: [owner] }, [], 0)).toThrow(/2\^32 epochs/);
  });

  it('activeReaders drops expired grants and duplicates', () => {
    const r = activeReaders(
      [{ publicKey: owner }, { publicKey: owner, history: false }, { publicKey: workshop, expiresAt: 10 }],
      10,
    );
    expect(r).toHaveLength(1);
  });

  it('invariants hold for any reader sets (property)', () => {
    const subset = fc.subarray([0, 1, 2, 3, 4, 5]);
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
        subset,
        fc.array(
          fc.record({
            i: fc.integer({ min: 0, max: 5 }),
            expiresAt: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
          }),
        ),
        fc.boolean(),
        fc.integer({ min: 0, max: 200 }),
        (epoch, holderIdx, readerSpec, sold, now) => {
          const holders = epoch === undefined ? [] : holderIdx.map((i) => pool[i]);
          const readers = readerSpec.map(({ i, expiresAt }) => ({
            publicKey: pool[i],
            ...(expiresAt === undefined ? {} : { expiresAt }),
          }));
          const plan = planEpoch({ epoch, holders, soldSinceEpochStart: sold }, readers, now);
          const active = new Set(activeReaders(readers, now).map((r) => toHex(r.publicKey)));
          const holderSet = new Set(holders.map(toHex));
          const removed = [...holderSet].filter((h) => !active.has(h)).sort();
          expect(hex(plan.removed)).toEqual(removed);
          expect(plan.rotate).toBe(epoch === undefined || removed.length > 0 || sold);
          expect(plan.epoch).toBe(epoch === undefined ? 0 : plan.rotate ? epoch + 1 : epoch);
          // Nobody removed ever gets the key of the epoch the next write uses.
          for (const pk of plan.wrapCurrentFor) expect(active.has(toHex(pk))).toBe(true);
          if (plan.rotate) expect(hex(plan.wrapCurrentFor)).toEqual([...active].sort());
          else expect(hex(plan.wrapCurrentFor)).toEqual([...active].filter((a) => !holderSet.has(a)).sort());
          for (const pk of plan.wrapHistoryFor) expect(active.has(toHex(pk)) && !holderSet.has(toHex(pk))).toBe(true);
          expect(plan.historyEpochs).toEqual(Array.from({ length: plan.epoch }, (_, i) => i));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('wrapsForNewReader', () => {
  const book: BookContext = { chainId: 31337, carBook: CAR_BOOK, tokenId: 42n };
  it('wraps every past epoch, in order, each bound to its epoch', () => {
    const reader = nacl.box.keyPair();
    const keys = new Map([
      [2, newEpochKey()],
      [0, newEpochKey()],
      [1, newEpochKey()],
    ]);
    const wraps = wrapsForNewReader(keys, reader.publicKey, book);
    expect(wraps.map((w) => w.epoch)).toEqual([0, 1, 2]);
    for (const w of wraps)
      expect(toHex(unwrapEpochKey(w.wrap, reader.secretKey, { ...book, epoch: w.epoch }))).toBe(
        toHex(keys.get(w.epoch)!),
      );
    expect(() => unwrapEpochKey(wraps[0].wrap, reader.secretKey, { ...book, epoch: 1 })).toThrow(/another book, epoch/);
    expect(() =>
      wrapsForNewReader(
        [
          { epoch: 1, key: newEpochKey() },
          { epoch: 1, key: newEpochKey() },
        ],
        reader.publicKey,
        book,
      ),
    ).toThrow(/twice/);
  });
});

/**
 * A book's life on a simulated chain (only events: wraps and records), each party reading with its own
 * secret exactly what the chain gives it.
 */
describe("a car book's life: who reads what", () => {
  const book: BookContext = { chainId: 31337, carBook: CAR_BOOK, tokenId: 0xc0ffeen };
  type WrapEvent = { epoch: number; reader: Hex; wrap: Uint8Array };
  type OrgWrapEvent = { keyVersion: number; staff: Hex; wrap: Uint8Array };

  class Chain {
    wraps: WrapEvent[] = [];
    orgWraps: OrgWrapEvent[] = [];
    records: { label: string; payload: Uint8Array }[] = [];
    soldSinceEpochStart = false;
    epoch(): number | undefined {
      return this.wraps.length === 0 ? undefined : Math.max(...this.wraps.map((w) => w.epoch));
    }
    holders(): Uint8Array[] {
      const e = this.epoch();
      const ids = [...new Set(this.wraps.filter((w) => w.epoch === e).map((w) => w.reader))];
      return ids.map((id) => Uint8Array.from(Buffer.from(id.slice(2), 'hex')));
    }
    emitWrap(epoch: number, reader: Uint8Array, key: Uint8Array) {
      this.wraps.push({ epoch, reader: toHex(reader), wrap: wrapEpochKey(key, reader, { ...book, epoch }) });
    }
  }

  /** The epoch keys a reader key pair can open from the chain. */
  function keysOf(chain: Chain, reader: KeyPair): Map<number, Uint8Array> {
    const keys = new Map<number, Uint8Array>();
    for (const w of chain.wraps) {
      if (w.reader !== toHex(reader.publicKey)) continue;
      keys.set(w.epoch, unwrapEpochKey(w.wrap, reader.secretKey, { ...book, epoch: w.epoch }));
    }
    return keys;
  }

  /** What a reader can read: labels of the records it decrypts (the others must fail with no-key). */
  function readable(chain: Chain, reader: KeyPair): string[] {
    const keys = keysOf(chain, reader);
    const out: string[] = [];
    for (const r of chain.records) {
      try {
        out.push(decryptPayload(r.payload, keys).payload.label);
      } catch (e) {
        expect((e as CryptoError).code).toBe('no-key');
      }
    }
    return out;
  }

  /** A writer (who must be a reader) applies the rotation plan, then appends a record. */
  function write(chain: Chain, writer: KeyPair, readers: ReaderEntry[], now: number, label: string) {
    const keys = keysOf(chain, writer);
    const plan = planEpoch(
      { epoch: chain.epoch(), holders: chain.holders(), soldSinceEpochStart: chain.soldSinceEpochStart },
      readers,
      now,
    );
    if (plan.rotate) {
      keys.set(plan.epoch, newEpochKey());
      chain.soldSinceEpochStart = false;
    }
    for (const pk of plan.wrapCurrentFor) chain.emitWrap(plan.epoch, pk, keys.get(plan.epoch)!);
    for (const pk of plan.wrapHistoryFor) for (const e of plan.historyEpochs) chain.emitWrap(e, pk, keys.get(e)!);
    chain.records.push({
      label,
      payload: encryptPayload(
        { label, details: `${label} at ${now}`, documents: [] },
        keys.get(plan.epoch)!,
        plan.epoch,
      ),
    });
    return plan;
  }

  it('owner + maker, workshop grant/revoke, expiring grant, share link, sale, maker staff removal', async () => {
    const chain = new Chain();
    const sign = privateKeyToAccount(ANVIL_KEY_0);
    const owner1 = await deriveKeyPair((td) => sign.signTypedData(td), readingKeyDomain(31337), sign.address);
    const buyerAccount = privateKeyToAccount(ANVIL_KEY_1);
    const owner2 = await deriveKeyPair(
      (td) => buyerAccount.signTypedData(td),
      readingKeyDomain(31337),
      buyerAccount.address,
    );
    const workshop = nacl.box.keyPair();
    const workshop2 = nacl.box.keyPair();
    const [staffA, staffB] = [nacl.box.keyPair(), nacl.box.keyPair()];

    // The maker organisation reads as one reader; its staff open the organisation key from org wraps.
    const org = createOrgKey();
    const orgCtx = (keyVersion: number, orgPublicKey: Uint8Array): OrgContext => ({
      chainId: 31337,
      consortium: CONSORTIUM,
      orgId: 1,
      keyVersion,
      orgPublicKey,
    });
    for (const s of [staffA, staffB])
      chain.orgWraps.push({
        keyVersion: 0,
        staff: toHex(s.publicKey),
        wrap: wrapOrgKeyForStaff(org.secretKey, s.publicKey, orgCtx(0, org.publicKey)),
      });
    const orgKeyFor = (staff: KeyPair, keyVersion: number, orgPublicKey: Uint8Array) => {
      const w = chain.orgWraps.find((x) => x.keyVersion === keyVersion && x.staff === toHex(staff.publicKey));
      if (!w) throw new CryptoError('no-key', 'no organisation wrap for this staff member');
      return unwrapOrgKey(w.wrap, staff.secretKey, orgCtx(keyVersion, orgPublicKey));
    };
    const makerViaA = orgKeyFor(staffA, 0, org.publicKey);

    const base: ReaderEntry[] = [{ publicKey: owner1.publicKey }, { publicKey: org.publicKey }];
    expect(write(chain, owner1, base, 100, 'R0 delivery').epoch).toBe(0);
    expect(write(chain, makerViaA, base, 200, 'R1 first service').rotate).toBe(false);

    // Independent workshop: a grant wraps the current epoch (and the past ones) for it; it reads and writes.
    const withWorkshop = [...base, { publicKey: workshop.publicKey, expiresAt: 10_000 }];
    expect(write(chain, owner1, withWorkshop, 300, 'R2 owner note').rotate).toBe(false);
    expect(write(chain, workshop, withWorkshop, 400, 'R3 workshop repair').epoch).toBe(0);
    // Revoked: the next write rotates.
    expect(write(chain, owner1, base, 500, 'R4 after revoke')).toMatchObject({
      rotate: true,
      epoch: 1,
      reasons: ['reader-removed'],
    });

    // A second workshop whose grant expires: it gets epochs 0 and 1, then loses access without a revoke.
    const withWorkshop2 = [...base, { publicKey: workshop2.publicKey, expiresAt: 800 }];
    expect(write(chain, owner1, withWorkshop2, 700, 'R5 grant 2')).toMatchObject({ rotate: false, epoch: 1 });
    expect(write(chain, workshop2, withWorkshop2, 750, 'R6 workshop 2')).toMatchObject({ rotate: false });
    expect(write(chain, owner1, withWorkshop2, 800, 'R7 after expiry')).toMatchObject({ rotate: true, epoch: 2 });

    // Share link with a buyer: every epoch the owner holds, wrapped for the link's key.
    const link = createShareLink(
      'https://carbook.example/verify/',
      ('0x' + book.tokenId.toString(16).padStart(64, '0')) as Hex,
      keysOf(chain, owner1),
      book,
    );
    for (const w of link.wraps) chain.wraps.push({ epoch: w.epoch, reader: toHex(link.readerPublicKey), wrap: w.wrap });
    const linkReader = readShareFragment(new URL(link.url).hash);
    expect(readable(chain, linkReader)).toEqual([
      'R0 delivery',
      'R1 first service',
      'R2 owner note',
      'R3 workshop repair',
      'R4 after revoke',
      'R5 grant 2',
      'R6 workshop 2',
      'R7 after expiry',
    ]);

    // Sale: the seller wraps the whole history for the buyer before the transfer; the next write rotates.
    for (const w of wrapsForNewReader(keysOf(chain, owner1), owner2.publicKey, book))
      chain.wraps.push({ epoch: w.epoch, reader: toHex(owner2.publicKey), wrap: w.wrap });
    chain.soldSinceEpochStart = true;
    const afterSale = [{ publicKey: owner2.publicKey }, { publicKey: org.publicKey }];
    expect(write(chain, owner2, afterSale, 1100, 'R8 new owner')).toMatchObject({ rotate: true, epoch: 3 });
    // (the link of the former owner is not a reader any more: it was removed with the sale)

    // The maker removes staff member B: new organisation key for A only, which is a new reader of the book.
    const rotation = rotateOrgKey([staffA.publicKey], {
      chainId: 31337,
      consortium: CONSORTIUM,
      orgId: 1,
      previousKeyVersion: 0,
    });
    for (const w of rotation.wraps)
      chain.orgWraps.push({ keyVersion: 1, staff: toHex(w.staffPublicKey), wrap: w.wrap });
    const makerV1ViaA = orgKeyFor(staffA, 1, rotation.publicKey);
    // A holder of all keys (staff A through the old organisation key) re-wraps history for the new org key.
    const afterStaffRemoval = [{ publicKey: owner2.publicKey }, { publicKey: rotation.publicKey }];
    expect(write(chain, makerViaA, afterStaffRemoval, 1200, 'R9 maker recall')).toMatchObject({
      rotate: true,
      epoch: 4,
      reasons: ['reader-removed'],
    });

    const all = [
      'R0 delivery',
      'R1 first service',
      'R2 owner note',
      'R3 workshop repair',
      'R4 after revoke',
      'R5 grant 2',
      'R6 workshop 2',
      'R7 after expiry',
      'R8 new owner',
      'R9 maker recall',
    ];
    expect(readable(chain, workshop)).toEqual(all.slice(0, 4)); // nothing after its revocation
    expect(readable(chain, workshop2)).toEqual(all.slice(0, 7)); // whole history at grant, nothing after expiry
    expect(readable(chain, owner1)).toEqual(all.slice(0, 8)); // former owner: nothing after the sale
    expect(readable(chain, linkReader)).toEqual(all.slice(0, 8)); // the link dies with the sale
    expect(readable(chain, owner2)).toEqual(all); // new owner: the whole history
    expect(readable(chain, makerV1ViaA)).toEqual(all); // remaining staff, through the new organisation key
    const makerViaB = orgKeyFor(staffB, 0, org.publicKey);
    expect(readable(chain, makerViaB)).toEqual(all.slice(0, 9)); // removed staff: nothing after its removal
    expect(() => orgKeyFor(staffB, 1, rotation.publicKey)).toThrow(/no organisation wrap/);
  });
});
