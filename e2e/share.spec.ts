import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { PrivacyBar, privateRecord } from './pages/PrivacyBar';

const MODEL = 'Volta Aero 1.6 (2019)';
const FORBIDDEN_WALLET_METHODS = ['eth_sign', 'eth_decrypt', 'eth_getEncryptionPublicKey'];
/** RainbowKit's data-rk attributes, wagmi's provider error, RainbowKit's button label (as in journey.spec.ts). */
const WALLET_CODE = /data-rk|WagmiProviderNotFound|Connect Wallet/;

const REPORT = Buffer.from('Gearbox oil: 5.5 l DSG fluid, filter 02E305051C. Test drive OK.\n');

type Sent = { url: string; body: string };

/** Every request the buyer's browser makes (pages, scripts, RPC, IPFS), with its body. */
function recordRequests(page: Page): Sent[] {
  const sent: Sent[] = [];
  page.context().on('request', (request) => {
    const body = request.postDataBuffer();
    sent.push({ url: request.url(), body: body ? body.toString('latin1') : '' });
  });
  return sent;
}

function recordScripts(page: Page): { url: string; source: string }[] {
  const scripts: { url: string; source: string }[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push({ url: response.url(), source: await response.text() });
  });
  return scripts;
}

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('a buyer without a wallet reads the private history through the owner’s link, which reads nothing new once revoked', async ({
  actor,
  browser,
}) => {
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await new PrivacyBar(alice.page).unlock();
  await expect(
    await garage.addRecord(MODEL, '52,500', 'Service', {
      label: 'Gearbox oil changed',
      details: 'DSG oil and filter, dealer-grade parts.',
      files: [{ name: 'workshop-report.txt', mimeType: 'text/plain', buffer: REPORT }],
    }),
  ).toContainText('Record added: 52,500 km');

  // Alice makes a link for the buyer: book id in the query, key only in the fragment; with a QR code.
  const link = await garage.createShareLink(MODEL);
  const url = new URL(link);
  expect(url.pathname).toBe('/verify');
  expect(url.searchParams.get('book')).toBe(await garage.bookId(MODEL));
  const key = new URLSearchParams(url.hash.slice(1)).get('k')!;
  expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(link.split('#')[0]).not.toContain(key);
  await expect(garage.shareLinks(MODEL)).toHaveCount(1);
  await garage
    .book(MODEL)
    .getByTestId('buyer-share')
    .screenshot({ path: `${SCREENSHOTS}/share-1-owner-link-and-qr.png` });

  // The buyer opens it in a browser without any wallet.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  const requests = recordRequests(buyer);
  const scripts = recordScripts(buyer);
  await buyer.goto(link);
  await expect(buyer.getByTestId('verdict')).toContainText('History verified');
  await expect(buyer.getByTestId('shared-note')).toContainText(
    'shared by the owner; this link stops working for anything written after it is revoked or the car is sold',
  );
  await expect(privateRecord(buyer.locator('body'), 'Gearbox oil changed')).toContainText('DSG oil and filter');
  expect(new URL(buyer.url()).hash).toBe(url.hash);
  const [download] = await Promise.all([
    buyer.waitForEvent('download'),
    privateRecord(buyer.locator('body'), 'Gearbox oil changed')
      .getByRole('button', { name: /workshop-report\.txt/ })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe('workshop-report.txt');
  expect(readFileSync(await download.path()).equals(REPORT)).toBe(true);
  await screenshot(buyer, 'share-2-buyer-reads-private-history');

  // Alice revokes the link and writes a new private record: the link shows it locked, the older one still open.
  await expect(await garage.revokeShareLink(MODEL)).toContainText('Link revoked');
  await expect(garage.shareLinks(MODEL)).toHaveCount(0);
  await expect(await garage.addRecord(MODEL, '53,000', 'Repair', { label: 'Clutch replaced' })).toContainText(
    '2 transactions: the new key shared with the book’s readers',
  );
  await buyer.reload();
  await expect(buyer.getByTestId('record-count')).toHaveText('5');
  await expect(privateRecord(buyer.locator('body'), 'Gearbox oil changed')).toBeVisible();
  await expect(buyer.getByTestId('record-private').first().getByTestId('private-locked')).toHaveText('private');
  await expect(buyer.locator('body')).not.toContainText('Clutch replaced');
  await screenshot(buyer, 'share-3-buyer-link-after-revoke');

  // The key never left the buyer's browser: in no URL and no body of any request (chain reads, pages, scripts).
  expect(requests.filter((r) => r.url.includes('/config.json') || r.body.includes('eth_')).length).toBeGreaterThan(0);
  const secretHex = Buffer.from(key, 'base64url').toString('hex');
  const leaks = requests.filter((r) =>
    [key, secretHex].some((k) => r.url.includes(k) || r.body.toLowerCase().includes(k.toLowerCase())),
  );
  expect(leaks).toEqual([]);
  expect(requests.some((r) => r.url.includes('#'))).toBe(false);
  // …and no wallet code was downloaded for it.
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter(({ source }) => WALLET_CODE.test(source)).map(({ url }) => url)).toEqual([]);
  await buyerContext.close();

  expect(alice.wallet.calls.filter((method) => FORBIDDEN_WALLET_METHODS.includes(method))).toEqual([]);
});
