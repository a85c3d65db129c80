/**
 * The wallet pages' reads against a real chain: anvil with the demo consortium seeded (lib/dev/stack/seed), every
 * call through the RPC whitelist proxy. Each read is checked against what the seed did, and after a write of
 * this test's own where the seed leaves nothing to see (a cover request, a proposal, share links, an
 * organisation key).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeAbiParameters, keccak256, toHex, type Address } from 'viem';
import { consortiumAbi, insuranceAbi } from '../contracts/generated';
import { PARAMETERS } from '../contracts/roles';
import { demoAccounts } from '../../dev/stack/accounts';
import { DEMO_ORGS } from '../../dev/stack/deploy';
import { DEMO_VEHICLES, demoDocumentHash } from '../../dev/stack/seed';
import { startPrivacyStack, type PrivacyStack } from '../../dev/testing/privacy-stack';
import { sendContract } from '../chain/send';
import { createBuyerShare, publishOrgKey, revokeBuyerShare, unlockKeys } from '../privacy';
import {
  accessOf,
  anchorOf,
  bookHistory,
  bookSummary,
  booksOf,
  coverOf,
  expertClaims,
  expertMandatesPage,
  grantsOf,
  heldBooksPage,
  hasReadingKey,
  insurerDesk,
  liveShareKeys,
  membershipOf,
  orgKeyState,
  organisations,
  parameterOf,
  proposals,
  readingKeyOf,
  staffOf,
  type ReadConfig,
} from './index';

const accounts = demoAccounts();
let stack: PrivacyStack;
let config: ReadConfig;
/** Token ids of the demo vehicles, by their index in DEMO_VEHICLES. */
let book: bigint[];
const sorted = (ids: bigint[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

beforeAll(async () => {
  stack = await startPrivacyStack({ seed: true });
  config = {
    contracts: { ...stack.config.contracts, documentAnchor: stack.deployment.documentAnchor },
  };
  book = stack.seeded.map((s) => s.tokenId);
  expect(book).toHaveLength(DEMO_VEHICLES.length);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('books', () => {
  it('lists the books each account holds now: owners, the insurer holding a wreck, the recycler', async () => {
    const client = stack.publicClient;
    // Alice: her cars, the one bob sold her; not the wreck or the destroyed car she once owned.
    expect(sorted(await booksOf(client, config, accounts.alice.address))).toEqual(
      sorted([book[0], book[1], book[3], book[4]]),
    );
    expect(await booksOf(client, config, accounts.bob.address)).toEqual([book[2]]);
    expect(await booksOf(client, config, accounts.insurerAdmin.address)).toEqual([book[5]]);
    expect(await booksOf(client, config, accounts.expert.address)).toEqual([]);
  });

  it('reads a book history (verified) and a summary that agree with the seed', async () => {
    const { history, metadataURI } = await bookHistory(stack.publicClient, config, book[0]);
    expect(history.chain).toEqual({ ok: true });
    expect(history.records.map((r) => Number(r.mileage))).toEqual(DEMO_VEHICLES[0].records.map((r) => r.mileage));
    expect(metadataURI).not.toBe('');

    const summary = await bookSummary(stack.publicClient, config, book[0]);
    expect(summary).toMatchObject({ status: 'Active', owner: accounts.alice.address, metadataURI });
    expect(summary.recordCount).toBe(history.records.length);
    expect(summary.mileage).toBe(Math.max(...DEMO_VEHICLES[0].records.map((r) => r.mileage)));

    const wreck = await bookSummary(stack.publicClient, config, book[5]);
    expect(wreck).toMatchObject({ status: 'Wrecked', owner: accounts.insurerAdmin.address });
    expect(wreck.wreckInsurerOrg).toBe(DEMO_ORGS.insurer);
    expect((await bookSummary(stack.publicClient, config, book[6])).status).toBe('Destroyed');
  });
});

describe('consortium', () => {
  it('reads memberships, organisations, parameters and staff', async () => {
    const client = stack.publicClient;
    expect(await membershipOf(client, config, accounts.officialWorkshop.address)).toMatchObject({
      orgId: DEMO_ORGS.maker,
      kindName: 'Manufacturer',
      orgName: expect.any(String),
    });
    expect(await membershipOf(client, config, accounts.alice.address)).toMatchObject({
      orgId: 0,
      kindName: 'None',
      orgName: undefined,
    });

    const { organisations: orgs, memberCount } = await organisations(client, config);
    expect(orgs.map((o) => [o.id, o.kind, o.active])).toEqual([
      [DEMO_ORGS.maker, 'Manufacturer', true],
      [DEMO_ORGS.insurer, 'Insurer', true],
      [DEMO_ORGS.archive, 'ArchivingService', true],
      [DEMO_ORGS.recycler, 'Recycler', true],
    ]);
    expect(memberCount).toBe(4);
    expect(orgs[0].admin).toBe(accounts.makerAdmin.address);

    expect(await parameterOf(client, config, PARAMETERS.PROPOSAL_LIFETIME)).toBe(7n * 86_400n);

    const makerStaff = await staffOf(client, config, DEMO_ORGS.maker);
    const staffAccounts = makerStaff.map((m) => m.account);
    expect(staffAccounts).toContain(accounts.officialWorkshop.address);
    expect(staffAccounts).toContain(accounts.dealer.address);
    expect(staffAccounts).not.toContain(accounts.makerAdmin.address);
    // The insurer has only its admin: no staff to list.
    expect(await staffOf(client, config, DEMO_ORGS.insurer)).toEqual([]);
  });

  it('lists proposals newest first, with whether an organisation approved each', async () => {
    const client = stack.publicClient;
    const before = await proposals(client, config, DEMO_ORGS.maker);
    await sendContract(client, stack.wallet('makerAdmin'), {
      address: config.contracts.consortium,
      abi: consortiumAbi,
      functionName: 'propose',
      args: [
        3,
        encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [PARAMETERS.PROPOSAL_LIFETIME, 86_400n * 2n]),
      ],
    });
    const mine = await proposals(client, config, DEMO_ORGS.maker);
    expect(mine).toHaveLength(before.length + 1);
    expect(mine[0]).toMatchObject({
      id: BigInt(before.length + 1),
      action: 'SetParameter',
      proposerOrg: DEMO_ORGS.maker,
      approvals: 1,
      executed: false,
      approvedByMe: true,
    });
    expect((await proposals(client, config, DEMO_ORGS.insurer))[0].approvedByMe).toBe(false);
    expect((await proposals(client, config, undefined))[0].approvedByMe).toBe(false);
  });
});

describe('grants', () => {
  it('lists the valid grants of a book and what an account may do on it', async () => {
    const client = stack.publicClient;
    const grants = await grantsOf(client, config, book[2]);
    expect(grants.map((g) => g.grantee)).toEqual([accounts.independentWorkshop.address]);
    const now = Number((await client.getBlock()).timestamp);
    expect(grants[0].expiresAt).toBeGreaterThan(now);
    expect(await grantsOf(client, config, book[0])).toEqual([]);

    expect(await accessOf(client, config, book[2], accounts.independentWorkshop.address)).toEqual({
      expiresAt: grants[0].expiresAt,
      grantValid: true,
      canWrite: true,
    });
    expect(await accessOf(client, config, book[2], accounts.alice.address)).toMatchObject({
      grantValid: false,
      canWrite: false,
    });
    expect((await accessOf(client, config, book[2], accounts.bob.address)).canWrite).toBe(true);
  });
});

describe('insurance', () => {
  it('reads covers, the insurer desk and the expert claims', async () => {
    const client = stack.publicClient;
    expect(await coverOf(client, config, book[4])).toMatchObject({
      status: 'Active',
      insurerOrg: DEMO_ORGS.insurer,
      holder: accounts.alice.address,
      coveredNow: true,
    });
    expect(await coverOf(client, config, book[0])).toMatchObject({ status: 'None', coveredNow: false });

    // Alice asks the insurer to cover her first car: the desk lists the request.
    const before = await insurerDesk(client, config, DEMO_ORGS.insurer);
    expect(before.pending).toEqual([]);
    await sendContract(client, stack.wallet('alice'), {
      address: config.contracts.insurance,
      abi: insuranceAbi,
      functionName: 'requestCover',
      args: [book[0], DEMO_ORGS.insurer],
    });
    const desk = await insurerDesk(client, config, DEMO_ORGS.insurer);
    expect(desk.pending).toEqual([{ tokenId: book[0], holder: accounts.alice.address }]);
    expect(desk.covered.map((c) => c.tokenId)).toEqual([book[4]]);
    // Three claims (the repairable one, two total losses), newest first.
    expect(desk.claims.map((c) => c.tokenId)).toEqual([book[6], book[5], book[4]]);
    expect(desk.claims.map((c) => c.verdict)).toEqual(['TotalLoss', 'TotalLoss', 'Repairable']);
    expect(desk.claims.map((c) => c.live)).toEqual([false, false, false]);
    expect(await insurerDesk(client, config, DEMO_ORGS.recycler)).toEqual({ pending: [], covered: [], claims: [] });

    const mandated = await expertClaims(client, config, accounts.expert.address);
    expect(mandated.map((c) => c.claimId)).toEqual(desk.claims.map((c) => c.claimId));
    expect(await expertClaims(client, config, accounts.alice.address)).toEqual([]);
  });

  it('reads the expert mandates and the books an account holds a page at a time, newest first, in fixed calls', async () => {
    const client = stack.publicClient;
    const all = await expertClaims(client, config, accounts.expert.address);
    expect(all).toHaveLength(3);
    const one = [{ shard: 0, client, config }];
    const calls = vi.spyOn(client, 'request');
    const first = await expertMandatesPage(one, accounts.expert.address, 0, 2);
    // The pinned block, the index's total, the page's slice, then two reads per claim: never the whole index.
    expect(
      calls.mock.calls.filter((call) => (call as unknown as [{ method: string }])[0].method === 'eth_call').length,
    ).toBeLessThanOrEqual(2 + 2 * 2);
    calls.mockRestore();
    expect(first).toMatchObject({ total: 3, page: 0, pages: 2 });
    expect(first.items.map((c) => c.entry.claimId)).toEqual(all.slice(0, 2).map((c) => c.claimId));
    expect(first.items.every((c) => c.shard === 0)).toBe(true);
    const second = await expertMandatesPage(one, accounts.expert.address, 1, 2);
    expect(second.items.map((c) => c.entry.claimId)).toEqual(all.slice(2).map((c) => c.claimId));
    // A page past the end is the last page.
    expect((await expertMandatesPage(one, accounts.expert.address, 9, 2)).page).toBe(1);
    expect(await expertMandatesPage(one, accounts.alice.address, 0, 2)).toEqual({
      items: [],
      total: 0,
      page: 0,
      pages: 1,
      unread: [],
    });

    const owned = await booksOf(client, config, accounts.alice.address);
    const pages = [
      await heldBooksPage(one, accounts.alice.address, 0, 3),
      await heldBooksPage(one, accounts.alice.address, 1, 3),
    ];
    expect(pages.map((p) => [p.total, p.pages])).toEqual([
      [owned.length, 2],
      [owned.length, 2],
    ]);
    expect(pages.flatMap((p) => p.items.map((item) => item.entry))).toEqual([...owned].reverse());
  });
});

describe('anchors', () => {
  it('finds the archive anchor of a seeded invoice, and none for an unknown hash', async () => {
    const invoice = DEMO_VEHICLES[2].steps!.find((s) => s.do === 'record');
    const text = invoice?.do === 'record' ? invoice.record.document : undefined;
    expect(text).toBeDefined();
    const anchor = await anchorOf(stack.publicClient, config, demoDocumentHash(text!));
    expect(anchor).toMatchObject({ orgId: DEMO_ORGS.archive, anchoredBy: accounts.archiveAdmin.address });
    expect(await anchorOf(stack.publicClient, config, keccak256(toHex('never anchored')))).toBeNull();
  });
});

describe('key registry', () => {
  it('reads reading keys, live share links and an organisation key state', async () => {
    const client = stack.publicClient;
    const alice: Address = accounts.alice.address;
    expect(await hasReadingKey(client, config, alice)).toBe(false);
    expect(await readingKeyOf(client, config, alice)).toBeUndefined();
    const aliceKeys = await unlockKeys(stack.wallet('alice'), client, stack.config);
    expect(await hasReadingKey(client, config, alice)).toBe(true);
    expect(await readingKeyOf(client, config, alice)).toBe(toHex(aliceKeys.keyPair.publicKey));

    expect(await liveShareKeys(client, config, book[0])).toEqual([]);
    const share = (n: number) =>
      createBuyerShare(stack.wallet('alice'), client, stack.config, {
        tokenId: book[0],
        baseUrl: `https://carbook.example/verify?n=${n}`,
        ownerKeys: [aliceKeys.keyPair],
      });
    const first = await share(1);
    const second = await share(2);
    expect((await liveShareKeys(client, config, book[0])).map((s) => s.shareKey)).toEqual([
      second.shareKey,
      first.shareKey,
    ]);
    await revokeBuyerShare(stack.wallet('alice'), client, stack.config, {
      tokenId: book[0],
      shareKey: first.shareKey,
    });
    const live = await liveShareKeys(client, config, book[0]);
    expect(live.map((s) => s.shareKey)).toEqual([second.shareKey]);
    expect(live[0].createdAt).toBeGreaterThan(0);

    const staff = [accounts.officialWorkshop.address, accounts.dealer.address];
    expect(await orgKeyState(client, config, DEMO_ORGS.maker, staff)).toEqual({
      keyVersion: 0,
      members: staff.map((account) => ({ account, hasKey: false })),
      waiting: [],
    });
    await unlockKeys(stack.wallet('makerAdmin'), client, stack.config);
    await unlockKeys(stack.wallet('officialWorkshop'), client, stack.config);
    await publishOrgKey(stack.wallet('makerAdmin'), client, stack.config, staff);
    // The dealer registers a key after version 1 was published: it waits for a wrap.
    await unlockKeys(stack.wallet('dealer'), client, stack.config);
    expect(await orgKeyState(client, config, DEMO_ORGS.maker, staff)).toEqual({
      keyVersion: 1,
      members: staff.map((account) => ({ account, hasKey: true })),
      waiting: [accounts.dealer.address],
    });
  });
});
