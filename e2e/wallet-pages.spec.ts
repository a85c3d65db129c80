import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openWalletPage, screenshot, SCREENSHOTS } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { demoAccounts } from '../lib/dev/stack/accounts';
import { ConsortiumPage } from './pages/ConsortiumPage';
import { InsurerPage } from './pages/InsurerPage';

/**
 * Wallet pages people can live in (issue 12): checks before costs, who may act, one sentence for every error,
 * and pages that stay within a phone's width when the ledger's node is down.
 */
const MODEL = 'Volta Aero 1.6 (2019)';
const PHONE = { width: 360, height: 780 };
const OFFLINE = "The ledger's node could not be reached: check your connection, then try again.";

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

const sent = (calls: string[]) => calls.filter((method) => method === 'eth_sendTransaction').length;

test('mileage is whole kilometres: a decimal gets a sentence, a jump above a plausible day asks first', async ({
  actor,
}) => {
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await garage.show(MODEL, 'History');
  const form = garage.book(MODEL).getByRole('form', { name: 'Add a record' });
  const mileage = form.getByLabel('Mileage (km)');
  const submit = form.getByRole('button', { name: 'Add record' });
  const before = sent(alice.wallet.calls);

  // "1500.5" once wrote 15,005 km and "12,5" 125 km: now each gets a sentence and nothing can be sent.
  for (const typed of ['1500.5', '52,100.5', '12,5']) {
    await mileage.fill(typed);
    await expect(
      form.getByText('Whole kilometres only: remove the decimal point or comma (e.g. 48200).'),
    ).toBeVisible();
    await expect(submit).toBeDisabled();
  }
  expect(sent(alice.wallet.calls)).toBe(before);

  // A plausible figure goes straight through.
  const lastKm = Number((await garage.book(MODEL).getByTestId('book-mileage').innerText()).replace(/\D/g, ''));
  const today = (lastKm + 120).toLocaleString('en-US');
  await mileage.fill(today);
  await submit.click();
  await expect(form.getByTestId('tx-status')).toHaveText(`Record added: ${today} km.`);

  // 15,000 km more on the same day (the 1,000 → 15,005 km): the page asks before anything is sent.
  const jump = (lastKm + 120 + 15_000).toLocaleString('en-US');
  const sentBefore = sent(alice.wallet.calls);
  await mileage.fill(jump);
  await submit.click();
  const confirm = form.getByRole('alertdialog', { name: 'Is this mileage right?' });
  await expect(confirm.getByTestId('implausible-jump')).toContainText('more than 1,500 km a day');
  await screenshot(alice.page, 'wallet-implausible-mileage');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect(sent(alice.wallet.calls)).toBe(sentBefore);

  // Confirmed, the jump goes to the chain, whose pace bound (carbook.maxKmPerDay) refuses it in one sentence,
  // before the wallet is asked to sign anything.
  await mileage.fill(jump);
  await submit.click();
  await confirm.getByRole('button', { name: 'Yes, write this mileage' }).click();
  await expect(form.getByTestId('tx-status')).toContainText(`${jump} km is more than a car can drive`);
  expect(sent(alice.wallet.calls)).toBe(sentBefore);
});

test('a page shows only the forms this account may use, and says why and how to get the right', async ({ actor }) => {
  // An owner on the dealer's page: no form to fill in vain, one sentence saying who may create books.
  const alice = await actor('alice');
  await openWalletPage(alice.page, '/manufacturer');
  await expect(alice.page.getByTestId('membership')).toHaveText(
    'This account does not belong to any consortium member. Only the staff of a manufacturer can create car books. ' +
      'Ask a member of the consortium to add this account to its staff.',
  );
  await expect(alice.page.getByRole('form', { name: 'Create a car book' })).toHaveCount(0);
  // Nothing private on the dealer's or the recycler's page: no unlock bar.
  await expect(alice.page.getByTestId('unlock-panel')).toHaveCount(0);
  await openWalletPage(alice.page, '/recycler');
  await expect(alice.page.getByTestId('membership')).toContainText('Only the staff of a recycler');
  await expect(alice.page.getByTestId('unlock-panel')).toHaveCount(0);

  // The maker's official workshop (staff, not the admin) is a manufacturer's staff but not a dealer.
  const official = await actor('officialWorkshop');
  await openWalletPage(official.page, '/manufacturer');
  await expect(official.page.getByTestId('membership')).toContainText('Volta Motors as official workshop');
  await expect(official.page.getByTestId('membership')).toContainText(
    "Only the staff of a manufacturer can create car books. Ask your organisation's admin for the right role.",
  );
  await expect(official.page.getByRole('form', { name: 'Create a car book' })).toHaveCount(0);

  // The dealer (staff, not the admin) gets the form.
  const dealer = await actor('dealer');
  await openWalletPage(dealer.page, '/manufacturer');
  await expect(dealer.page.getByTestId('membership')).toHaveText('Signed in for Volta Motors as dealer.');
  await expect(dealer.page.getByRole('form', { name: 'Create a car book' })).toBeVisible();
});

/** The ledger's node (the RPC proxy) stops answering this page: every read fails as a refused connection. */
async function stopProxyFor(page: Page, rpcUrl: string) {
  await page.route(
    (url) => url.href.startsWith(rpcUrl),
    (route) => route.abort('connectionrefused'),
  );
}

const OFFLINE_PAGES = ['/garage', '/insurer', '/manufacturer', '/recycler', '/archive', '/consortium', '/expert'];

test('with the proxy stopped, every wallet page says so in one sentence and stays within a 360 px phone', async ({
  actor,
  stack,
}) => {
  test.setTimeout(180_000); // eight pages, each waiting for its reads to fail
  const { page } = await actor('alice', { viewport: PHONE });
  await openWalletPage(page, '/garage');
  await stopProxyFor(page, stack.runtimeConfig.rpcUrl);
  for (const path of OFFLINE_PAGES) {
    await openWalletPage(page, path);
    await expect(page.getByTestId('read-error').first(), path).toHaveText(OFFLINE, { timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(PHONE.width);
    await expect(page.locator('body'), path).not.toContainText(/https?:\/\/|viem@|Request body|Details:/);
  }
  // The workshop reads only once it opens a book.
  await openWalletPage(page, '/workshop');
  await page.getByLabel('VIN or car book id').fill(`0x${'1'.padStart(64, '0')}`);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('read-error').first()).toHaveText(OFFLINE, { timeout: 30_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, 'wallet-workshop-offline-phone');
});

test('the dealer (staff, not the admin) replaces a connected car’s telematics device key', async ({ actor }) => {
  const dealer = await actor('dealer');
  await openWalletPage(dealer.page, '/manufacturer');
  const section = dealer.page.getByTestId('device-key');
  await section.getByLabel('VIN or car book id').fill('WVWZZZ3CZEE000004');
  await section.getByRole('button', { name: 'Open' }).click();
  await expect(section.getByTestId('device-key-current')).toContainText('Current device key: 0x');
  const newKey = demoAccounts().expert.address;
  await section.getByLabel('New device key', { exact: true }).fill(newKey);
  await section.getByRole('button', { name: 'Register the new key' }).click();
  await expect(section.getByTestId('device-key-status')).toHaveText(
    `Device key replaced: the car's readings are now accepted from ${newKey} only.`,
  );
  await expect(section.getByTestId('device-key-current')).toHaveText(`Current device key: ${newKey}`);
  await screenshot(dealer.page, 'wallet-dealer-device-key');
});

test('a claims handler (staff, not the admin) accepts a cover and opens a claim on the insurer desk', async ({
  actor,
}) => {
  const accounts = demoAccounts();
  const INSURER = 'Assura Insurance';
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await garage.askForCover(MODEL, INSURER);

  // Assura's admin gives Bob the claims handler's role (its consortium page).
  const admin = await actor('insurerAdmin');
  const consortium = new ConsortiumPage(admin.page);
  await consortium.open();
  await expect(await consortium.addStaff(accounts.bob.address, 'Claims handler')).toContainText('claims handler');

  // Bob works the desk: it says who he acts for, and he accepts the cover and opens a claim.
  const handler = await actor('bob', { viewport: PHONE });
  const desk = new InsurerPage(handler.page);
  await desk.open();
  await expect(handler.page.getByTestId('membership')).toHaveText(`Signed in for ${INSURER} as claims handler.`);
  await expect(handler.page.getByTestId('hardware-wallet-tip')).toBeVisible();
  await desk.acceptCover(MODEL);
  await desk.openClaim(MODEL);
  await expect(desk.claim(MODEL)).toContainText('Awaiting diagnosis');
  expect(await handler.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(handler.page, 'wallet-claims-handler-phone');
});
