import { mkdirSync } from 'node:fs';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { demoAccounts } from '../lib/dev/stack/accounts';

const accounts = demoAccounts();
const MODEL = 'Volta Aero 1.6 (2019)';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('the owner sells the car: a confirmation, then the new owner has the book and the former owner not', async ({
  actor,
}) => {
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);

  // A typo is caught before anything is sent.
  await garage.show(MODEL, 'Sell');
  const form = garage.book(MODEL).getByRole('form', { name: 'Transfer the title' });
  await form.getByLabel("New owner's address").fill('0x1234');
  await expect(form.getByText('Not an Ethereum address')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Transfer title…' })).toBeDisabled();

  // The irreversible step asks once more; cancelling changes nothing.
  let confirm = await garage.startSale(MODEL, accounts.bob.address);
  await expect(confirm).toContainText(accounts.bob.address);
  await expect(confirm).toContainText('This cannot be undone');
  await screenshot(alice.page, 'owner-sale-confirmation');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);

  confirm = await garage.startSale(MODEL, accounts.bob.address);
  await confirm.getByRole('button', { name: 'Yes, transfer the title' }).click();
  await expect(garage.notice).toContainText(`the car book of ${MODEL} now belongs to ${accounts.bob.address}`);
  await expect(garage.car(MODEL)).toHaveCount(0);

  // Bob now finds it in his garage, with its history and one more owner.
  const bob = await actor('bob');
  const bobGarage = new GaragePage(bob.page);
  await bobGarage.open(MODEL);
  await expect(bobGarage.book(MODEL)).toBeVisible();
  await expect(bobGarage.book(MODEL).getByTestId('owner-count')).toHaveText('2');
  await expect(bobGarage.book(MODEL).getByTestId('record-count')).toHaveText('3');
  await screenshot(bob.page, 'new-owner-garage');

  // Alice, on a fresh load, no longer has it.
  await alice.page.reload();
  await expect(alice.page.getByTestId('owned-book').first()).toBeVisible();
  await expect(garage.car(MODEL)).toHaveCount(0);
});
