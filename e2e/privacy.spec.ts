import { mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { WorkshopPage } from './pages/WorkshopPage';
import { PrivacyBar, privateRecord } from './pages/PrivacyBar';
import { createWalletClient, http, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { demoAccounts } from '../lib/dev/stack/accounts';
import { localChain } from '../lib/dev/stack/deploy';
import { keyRegistryAbi } from '../lib/browser/contracts/generated';
import { deriveKeyPair, toBase64url } from '../lib/browser/crypto';

const accounts = demoAccounts();
const MODEL = 'Volta Aero 1.6 (2019)';
const FORBIDDEN_WALLET_METHODS = ['eth_sign', 'eth_decrypt', 'eth_getEncryptionPublicKey'];

/** A PDF-like invoice of ~300 KB: a PDF header, random bytes (several IPFS and encryption chunks), a trailer. */
function invoicePdf(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n% CarBook test invoice\n'),
    randomBytes(300_000),
    Buffer.from('\n%%EOF\n'),
  ]);
}

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('private details: the owner writes them, a granted workshop reads the history, a revoked one sees nothing new', async ({
  actor,
  stack,
}) => {
  const workshopAddress = accounts.independentWorkshop.address;
  const invoice = invoicePdf();
  // Alice's reading key, derived here the way her browser derives it: it must never leave the page's memory.
  const aliceAccount = privateKeyToAccount(accounts.alice.privateKey);
  const aliceSecret = (
    await deriveKeyPair(
      (typed) => aliceAccount.signTypedData(typed),
      {
        chainId: stack.runtimeConfig.chainId,
        keyRegistry: stack.runtimeConfig.contracts.keyRegistry!,
        consortium: stack.runtimeConfig.contracts.consortium,
      },
      aliceAccount.address,
    )
  ).secretKey;
  const secretForms = [
    Buffer.from(aliceSecret).toString('hex'),
    toBase64url(aliceSecret),
    Buffer.from(aliceSecret).toString('base64'),
  ];
  const aliceRequests: string[] = [];

  // Alice unlocks: one EIP-712 signature derives her reading key; the first time, one transaction registers it.
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  const aliceKeys = new PrivacyBar(alice.page);
  alice.page.on('request', (request) =>
    aliceRequests.push(`${request.url()} ${request.postDataBuffer()?.toString('latin1') ?? ''}`),
  );
  await garage.open(MODEL);
  await expect(alice.page.getByTestId('unlock-panel')).toContainText('nothing is sent');
  await expect(alice.page.getByTestId('unlock-panel')).toContainText('First time: a transaction then registers');
  await alice.page.screenshot({ path: `${SCREENSHOTS}/privacy-0-unlock-action.png` });
  await expect(await aliceKeys.unlock()).toContainText('your reading key is now registered');
  expect(alice.wallet.calls).toContain('eth_signTypedData_v4');

  // A private service record with a label, details and an invoice: the key is shared first, then the record.
  const book = garage.book(MODEL);
  const sentBefore = alice.wallet.calls.filter((m) => m === 'eth_sendTransaction').length;
  const written = await garage.addRecord(MODEL, '52,500', 'Service', {
    label: 'Timing belt replaced',
    details: 'Timing belt and water pump replaced.\nNext belt due at 172,500 km.',
    files: [{ name: 'invoice-2026-0412.pdf', mimeType: 'application/pdf', buffer: invoice }],
  });
  await expect(written).toContainText('Record added: 52,500 km, its private details encrypted');
  await expect(written).toContainText('2 transactions: the new key shared with the book’s readers, then the record');
  expect(alice.wallet.calls.filter((m) => m === 'eth_sendTransaction').length - sentBefore).toBe(2);

  // She reads it back decrypted, and the invoice downloads with its name and exact bytes.
  const record = privateRecord(book, 'Timing belt replaced');
  await expect(record).toContainText('Next belt due at 172,500 km.');
  const [download] = await Promise.all([
    alice.page.waitForEvent('download'),
    record.getByRole('button', { name: /invoice-2026-0412\.pdf/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('invoice-2026-0412.pdf');
  expect(readFileSync(await download.path()).equals(invoice)).toBe(true);
  await book.screenshot({ path: `${SCREENSHOTS}/privacy-1-owner-private-record.png` });

  // Alice grants the independent workshop; it has no reading key yet, and the page says what happens next.
  await expect(await garage.grantAccess(MODEL, workshopAddress)).toContainText('has no reading key yet');

  // The workshop unlocks (registers its key); Alice then shares the private history with it.
  const workshop = await actor('independentWorkshop');
  const desk = new WorkshopPage(workshop.page);
  const workshopKeys = new PrivacyBar(workshop.page);
  await desk.open();
  await workshopKeys.unlock();
  await expect(await garage.sharePrivateHistory(MODEL, workshopAddress)).toContainText(
    'now reads the private history (1 key period shared)',
  );

  // The workshop opens the book and reads Alice's earlier private record.
  const bookId = await garage.bookId(MODEL);
  await desk.openBook(bookId);
  await expect(privateRecord(desk.book, 'Timing belt replaced')).toContainText('Timing belt and water pump replaced.');
  await screenshot(workshop.page, 'privacy-2-workshop-reads-history');

  // Alice revokes the grant, then writes another private record: the book moves to a new key (2 transactions).
  await expect(await garage.revoke(MODEL, workshopAddress)).toContainText('Access revoked');
  const rotated = await garage.addRecord(MODEL, '53,100', 'Repair', {
    label: 'Brake discs',
    details: 'Front discs and pads.',
  });
  await expect(rotated).toContainText('2 transactions: the new key shared with the book’s readers, then the record');
  await expect(privateRecord(book, 'Brake discs')).toContainText('Front discs and pads.');
  await book.screenshot({ path: `${SCREENSHOTS}/privacy-3-owner-after-rotation.png` });

  // The workshop (a new visit: it unlocks again, no transaction) still reads the old record, the new one is locked.
  await workshop.page.reload();
  await workshopKeys.unlock();
  await desk.openBook(bookId);
  await expect(desk.book.getByTestId('record-count')).toHaveText('5');
  await expect(privateRecord(desk.book, 'Timing belt replaced')).toBeVisible();
  const newest = desk.book.getByTestId('record-private').first();
  await expect(newest.getByTestId('private-locked')).toHaveText('private');
  await expect(desk.book).not.toContainText('Brake discs');
  await screenshot(workshop.page, 'privacy-4-workshop-locked-after-revoke');

  for (const wallet of [alice.wallet, workshop.wallet]) {
    expect(wallet.calls.filter((method) => FORBIDDEN_WALLET_METHODS.includes(method))).toEqual([]);
  }
  // Alice's reading secret is in no request she sent and in no browser storage.
  expect(aliceRequests.length).toBeGreaterThan(0);
  expect(
    aliceRequests.filter((sent) => secretForms.some((form) => sent.toLowerCase().includes(form.toLowerCase()))),
  ).toEqual([]);
  const stored = await alice.page.evaluate(() =>
    JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
  );
  expect(secretForms.some((form) => stored.toLowerCase().includes(form.toLowerCase()))).toBe(false);
});

test('a document that fails to upload writes no record, and the owner is told so', async ({ actor }) => {
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await new PrivacyBar(alice.page).unlock();
  await expect(garage.book(MODEL).getByTestId('record-count')).toHaveText('3');
  // The IPFS node is unreachable for this page.
  await alice.page.route('**/api/v0/add**', (route) => route.abort('connectionrefused'));
  const sentBefore = alice.wallet.calls.filter((m) => m === 'eth_sendTransaction').length;
  const status = await garage.addRecord(MODEL, '52,500', 'Service', {
    label: 'Clutch',
    files: [{ name: 'clutch-invoice.pdf', mimeType: 'application/pdf', buffer: invoicePdf() }],
  });
  await expect(status).toContainText('Uploading clutch-invoice.pdf failed');
  await expect(status).toContainText('No record was written.');
  await alice.page.reload();
  await garage.show(MODEL);
  await expect(garage.book(MODEL).getByTestId('record-count')).toHaveText('3');
  expect(alice.wallet.calls.filter((m) => m === 'eth_sendTransaction').length).toBe(sentBefore);
});

test('a key that does not match the registered one is explained in words, and nothing opens', async ({
  actor,
  stack,
}) => {
  // Alice's account registered another reading key (another wallet app, or a wallet with random signatures).
  const chain = localChain(stack.runtimeConfig.chainId, stack.urls.anvil);
  const wallet = createWalletClient({
    account: privateKeyToAccount(accounts.alice.privateKey),
    chain,
    transport: http(stack.urls.anvil),
  });
  await wallet.writeContract({
    address: stack.runtimeConfig.contracts.keyRegistry!,
    abi: keyRegistryAbi,
    functionName: 'registerReadingKey',
    args: [toHex(randomBytes(32))],
  });

  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await alice.page.getByTestId('unlock-panel').getByRole('button', { name: 'Unlock private details' }).click();
  await expect(alice.page.getByTestId('unlock-error')).toHaveText(
    /^The reading key derived from this signature does not match the key registered on chain: .*Sign with the account that registered the key/,
  );
  await expect(alice.page.getByTestId('unlock-status')).toHaveCount(0);
  expect(alice.wallet.calls).not.toContain('eth_sendTransaction');
});

test('a sale hands the private history to a buyer who has a reading key', async ({ actor }) => {
  // Bob already uses CarBook: his reading key is registered.
  const bob = await actor('bob');
  const bobGarage = new GaragePage(bob.page);
  await bobGarage.open();
  await new PrivacyBar(bob.page).unlock();

  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await new PrivacyBar(alice.page).unlock();
  await expect(
    await garage.addRecord(MODEL, '52,500', 'Inspection', { label: 'Pre-sale inspection', details: 'No defects.' }),
  ).toContainText('Record added: 52,500 km');
  const confirm = await garage.startSale(MODEL, accounts.bob.address);
  await expect(confirm).toContainText('the private history goes with the car');
  await confirm.getByRole('button', { name: 'Yes, transfer the title' }).click();
  await expect(garage.notice).toContainText('The buyer also holds the keys of its private history.');

  await bob.page.reload();
  await new PrivacyBar(bob.page).unlock();
  await bobGarage.show(MODEL);
  await expect(privateRecord(bobGarage.book(MODEL), 'Pre-sale inspection')).toContainText('No defects.');
});

test('a private record whose second transaction is rejected says what went through and what did not', async ({
  actor,
}) => {
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await new PrivacyBar(alice.page).unlock();
  // Alice confirms the first transaction (the book's new key) and rejects the second (the record) in her wallet.
  alice.wallet.rejectSendsAfter(1);
  const status = await garage.addRecord(MODEL, '52,500', 'Service', { label: 'Brake pads' });
  await expect(status).toContainText(
    'You rejected transaction 2 of 2 in your wallet: it was not sent, and the transactions before it stay on the chain.',
  );
  await expect(status).toContainText('1 of 2 transactions went through; what it did stays on the chain.');
  const steps = status.getByTestId('tx-steps').getByRole('listitem');
  await expect(steps).toHaveText(['Share a new key with the book’s readers: done', 'Write the record: not done']);
  await expect(steps.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(steps.nth(1)).toHaveAttribute('data-status', 'failed');
  await screenshot(alice.page, 'wallet-steps-rejected');
  await alice.page.reload();
  await garage.show(MODEL);
  await expect(garage.book(MODEL).getByTestId('record-count')).toHaveText('3');
});
