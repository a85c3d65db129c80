import { mkdirSync } from 'node:fs';
import { test, expect, advanceChainTime, screenshot, SCREENSHOTS } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { WorkshopPage } from './pages/WorkshopPage';
import { demoAccounts } from '../lib/dev/stack/accounts';

const accounts = demoAccounts();
const VIN = 'WVWZZZ1JZXW000001';
const MODEL = 'Volta Aero 1.6 (2019)';
const refusal = (workshop: string) =>
  `${workshop.slice(0, 6)}…${workshop.slice(-4)} may not write to this car book: only its owner, the maker's network or a workshop with a current grant can.`;

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('the owner grants an independent workshop access, it writes, the owner revokes, the workshop is refused', async ({
  actor,
}) => {
  const workshopAddress = accounts.independentWorkshop.address;

  // Alice gives the independent workshop a week (the default) on her Volta Aero.
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await garage.show(MODEL, 'Workshops');
  await expect(garage.book(MODEL).getByText('The consortium allows at most 30 days.')).toBeVisible();
  await expect(await garage.grantAccess(MODEL, workshopAddress)).toContainText('may write to this book for 7 days');
  await expect(garage.grants(MODEL)).toHaveCount(1);
  await expect(garage.grants(MODEL)).toContainText('until');
  await screenshot(alice.page, 'owner-garage-grant');

  // The workshop finds the car by its VIN (derived in the browser, with a progress bar) and writes a service.
  const workshop = await actor('independentWorkshop');
  const desk = new WorkshopPage(workshop.page);
  await desk.open();
  await desk.openBook(VIN);
  await expect(desk.access).toContainText("The owner's grant lets you write to this book until");
  await expect(desk.book.getByTestId('record-count')).toHaveText('3');
  await expect(await desk.addRecord('52,300')).toHaveText('Record added: 52,300 km.');
  await expect(desk.book.getByTestId('record-count')).toHaveText('4');
  await screenshot(workshop.page, 'workshop-wrote-record');

  // Alice revokes; the workshop's page still shows the old grant, and the chain refuses the next record in words.
  await alice.page.reload();
  await garage.show(MODEL);
  await expect(garage.book(MODEL).getByTestId('record-count')).toHaveText('4');
  await expect(await garage.revoke(MODEL, workshopAddress)).toContainText('Access revoked');
  await expect(garage.grants(MODEL)).toHaveCount(0);

  await expect(await desk.addRecord('53,000')).toHaveText(refusal(workshopAddress));
  await expect(desk.access).toContainText('You have no valid grant for this car book');
  await expect(desk.book.getByTestId('record-count')).toHaveText('4');
  await screenshot(workshop.page, 'workshop-refused-after-revoke');
});

test('a grant expires by itself, and the form refuses a grant longer than the consortium allows', async ({
  actor,
  stack,
}) => {
  const workshopAddress = accounts.independentWorkshop.address;
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await garage.show(MODEL, 'Workshops');

  const form = garage.book(MODEL).getByRole('form', { name: 'Grant workshop access' });
  await form.getByLabel("Workshop's address").fill(workshopAddress);
  await form.getByLabel('Days').fill('45');
  await expect(form.getByText("At most 30 days: the consortium's limit for a workshop grant.")).toBeVisible();
  await expect(form.getByRole('button', { name: 'Grant access' })).toBeDisabled();
  await expect(await garage.grantAccess(MODEL, workshopAddress, '2')).toContainText('for 2 days');

  // Three days later on the chain's clock.
  await advanceChainTime(stack, 3 * 86_400);

  const workshop = await actor('independentWorkshop');
  const desk = new WorkshopPage(workshop.page);
  await desk.open();
  await desk.openBook(VIN);
  await expect(desk.access).toContainText('no valid grant');
  // A form it may not use is not offered (the chain would refuse it: see the revocation story above).
  await expect(desk.book.getByRole('form', { name: 'Add a record' })).toHaveCount(0);
});
