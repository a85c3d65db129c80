import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { ManufacturerPage } from './pages/ManufacturerPage';
import { GaragePage } from './pages/GaragePage';
import { VerifyPage } from './pages/VerifyPage';
import { demoAccounts } from '../lib/dev/stack/accounts';

const SCREENSHOTS = 'test-results/screenshots';
const FORBIDDEN_WALLET_METHODS = ['eth_sign', 'eth_decrypt', 'eth_getEncryptionPublicKey'];

/** RainbowKit's data-rk attributes, wagmi's provider error, RainbowKit's button label. */
const WALLET_CODE = /data-rk|WagmiProviderNotFound|Connect Wallet/;

function collectScripts(page: Page): { url: string; source: string }[] {
  const scripts: { url: string; source: string }[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push({ url: response.url(), source: await response.text() });
  });
  return scripts;
}

function walletScripts(scripts: { url: string; source: string }[]): string[] {
  return scripts.filter(({ source }) => WALLET_CODE.test(source)).map(({ url }) => url);
}

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('a car book from the dealer to the buyer', async ({ actor, browser }) => {
  const accounts = demoAccounts();
  const vin = 'VF1RFB00067123456';
  const model = 'Volta Lumen EV (2026)';

  // 1. The dealer creates the car book and gives the title to Bob.
  const dealer = await actor('dealer');
  const manufacturer = new ManufacturerPage(dealer.page);
  await manufacturer.open();
  await expect(dealer.page.getByTestId('membership')).toContainText('Volta Motors');
  await manufacturer.createCarBook(vin, accounts.bob.address, model);
  await dealer.page.screenshot({ path: `${SCREENSHOTS}/1-dealer-created-book.png`, fullPage: true });

  // 2. Bob sees it in his garage and adds a service record.
  const bob = await actor('bob');
  const garage = new GaragePage(bob.page);
  await garage.open(model);
  await expect(garage.book(model)).toBeVisible();
  const added = await garage.addRecord(model, '1,250');
  await expect(added).toContainText('Record added: 1,250 km');
  await expect(garage.book(model).getByTestId('record-count')).toHaveText('1');

  // 3. A lower mileage is caught in the form, with the book's last mileage (lib's rule): nothing is sent.
  const form = garage.book(model).getByRole('form', { name: 'Add a record' });
  await form.getByLabel('Mileage (km)').fill('900');
  await expect(form.getByText("Mileage can't go down: the book already shows 1,250 km.")).toBeVisible();
  await expect(form.getByRole('button', { name: 'Add record' })).toBeDisabled();
  await expect(garage.book(model).getByTestId('record-count')).toHaveText('1');
  await bob.page.screenshot({ path: `${SCREENSHOTS}/2-owner-lower-mileage-refused.png`, fullPage: true });

  for (const wallet of [dealer.wallet, bob.wallet]) {
    expect(wallet.calls.filter((method) => FORBIDDEN_WALLET_METHODS.includes(method))).toEqual([]);
    expect(wallet.calls).toContain('eth_sendTransaction');
  }

  // 4. A buyer without any wallet verifies the VIN on the public page.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  const scripts = collectScripts(buyer);
  const verify = new VerifyPage(buyer);
  await verify.open();
  await verify.verify(vin.toLowerCase());
  await expect(verify.verdict).toContainText('No problems found');
  await expect(buyer.getByTestId('owner-count')).toHaveText('1');
  await expect(buyer.getByTestId('book-mileage')).toHaveText('1,250 km');
  await expect(buyer.getByTestId('history-table')).toContainText('Service');
  await buyer.screenshot({ path: `${SCREENSHOTS}/3-buyer-verification.png`, fullPage: true });

  // The buyer's page carries no wallet code at all, while the same detector finds it on a wallet page.
  expect(scripts.length).toBeGreaterThan(0);
  expect(walletScripts(scripts)).toEqual([]);
  const control = await buyerContext.newPage();
  const controlScripts = collectScripts(control);
  await control.goto('/garage');
  await expect(control.getByRole('button', { name: 'Connect Wallet' })).toBeVisible();
  expect(walletScripts(controlScripts).length).toBeGreaterThan(0);
  await buyerContext.close();
});

test('the buyer sees a seeded car sold once, and a clear message for an invalid VIN', async ({ page }) => {
  const verify = new VerifyPage(page);
  await verify.open();
  await verify.verify('1HGCM82633A004352');
  await expect(verify.verdict).toContainText(/No problems found|Points to check/);
  await expect(page.getByTestId('owner-count')).toHaveText('2');
  await expect(page.getByTestId('record-count')).toHaveText('3');

  await verify.verify('1HGCM82633A004353');
  await expect(page.locator('.alert.error')).toContainText(/check digit/i);
});
