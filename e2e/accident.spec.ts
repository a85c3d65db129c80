import { mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { InsurerPage } from './pages/InsurerPage';
import { ExpertPage } from './pages/ExpertPage';
import { RecyclerPage } from './pages/RecyclerPage';
import { VerifyPage } from './pages/VerifyPage';
import { PrivacyBar, privateRecord } from './pages/PrivacyBar';
import { demoAccounts } from '../lib/dev/stack/accounts';

const accounts = demoAccounts();
const VIN = 'WVWZZZ1JZXW000001';
const MODEL = 'Volta Aero 1.6 (2019)';
const INSURER = 'Assura Insurance';
const RECYCLER = 'Recyclo Dismantling';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('an accident: cover, claim, expert, total loss, redemption, recycling, destruction', async ({
  actor,
  browser,
}) => {
  // Alice asks Assura for cover.
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await garage.askForCover(MODEL, INSURER);
  await expect(garage.coverStatus(MODEL)).toContainText(`Cover requested from ${INSURER}`);

  // Assura's staff accepts, opens a claim after the accident, and mandates an expert.
  const insurer = await actor('insurerAdmin');
  const desk = new InsurerPage(insurer.page);
  await desk.open();
  await expect(insurer.page.getByTestId('membership')).toContainText(`Signed in for ${INSURER}`);
  await desk.acceptCover(MODEL);
  await expect(desk.coverRequest(MODEL)).toHaveCount(0);
  await desk.openClaim(MODEL);
  await expect(desk.claim(MODEL)).toContainText('Awaiting diagnosis');
  await desk.mandateExpert(MODEL, accounts.expert.address);
  await screenshot(insurer.page, 'insurer-claim-mandated');

  await alice.page.reload();
  await garage.show(MODEL, 'Insurance');
  await expect(garage.coverStatus(MODEL)).toContainText(`Covered by ${INSURER}`);

  // The expert sees the claim, declares a total loss, and has to confirm it.
  const expert = await actor('expert');
  const expertDesk = new ExpertPage(expert.page);
  await expertDesk.open();
  const confirm = await expertDesk.diagnose(MODEL, '45,900', 'Total loss');
  await expect(confirm).toContainText('The car book is marked wrecked for good');
  await screenshot(expert.page, 'expert-total-loss-confirmation');
  await confirm.getByRole('button', { name: 'Yes, declare a total loss' }).click();
  await expect(expertDesk.status(MODEL)).toHaveText('Total loss recorded: the car book is marked wrecked for good.');
  await expect(expertDesk.claim(MODEL)).toContainText('Total loss');

  // A buyer without a wallet sees the wreck.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  const verify = new VerifyPage(buyer);
  await verify.open();
  await verify.verify(VIN);
  await expect(verify.verdict).toContainText('Declared a total loss');
  await expect(buyer.getByTestId('book-status')).toHaveText('Wrecked');

  // Alice hands the title to the insurer (redemption).
  await alice.page.reload();
  await garage.show(MODEL);
  await expect(garage.book(MODEL).getByTestId('book-status')).toHaveText('Wrecked');
  await screenshot(alice.page, 'owner-wrecked-book');
  await garage.handToInsurer(MODEL, INSURER);
  await expect(garage.car(MODEL)).toHaveCount(0);

  // The insurer passes the wreck to a recycler.
  await insurer.page.reload();
  await expect(desk.claim(MODEL)).toContainText('Total loss');
  await desk.transferToRecycler(MODEL, RECYCLER);
  await screenshot(insurer.page, 'insurer-wreck-to-recycler');

  // The recycler dismantles it and declares it destroyed.
  const recycler = await actor('recyclerAdmin');
  const yard = new RecyclerPage(recycler.page);
  await yard.open();
  await expect(yard.book(MODEL)).toContainText('Wrecked');
  await expect(await yard.declareDestroyed(MODEL)).toHaveText('Declared destroyed: the car book is closed for good.');
  await expect(yard.book(MODEL)).toContainText('Destroyed');
  await screenshot(recycler.page, 'recycler-destroyed');

  await verify.open();
  await verify.verify(VIN);
  await expect(verify.verdict).toContainText('Declared destroyed');
  await expect(buyer.getByTestId('book-status')).toHaveText('Destroyed');
  await screenshot(buyer, 'buyer-destroyed');
  await buyerContext.close();
});

test('the expert attaches a report that the owner opens; a claim lapses when the owner ends the cover', async ({
  actor,
}) => {
  const report = Buffer.concat([Buffer.from('%PDF-1.7\n% expert report\n'), randomBytes(120_000)]);
  // Alice registers her reading key, so that the expert's report can be sealed for her.
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  const aliceKeys = new PrivacyBar(alice.page);
  await garage.open();
  await aliceKeys.unlock();
  await garage.askForCover(MODEL, INSURER);

  const insurer = await actor('insurerAdmin');
  const desk = new InsurerPage(insurer.page);
  await desk.open();
  await desk.acceptCover(MODEL);
  await desk.openClaim(MODEL);
  await desk.mandateExpert(MODEL, accounts.expert.address);

  // The expert declares the car repairable and attaches the report: encrypted, sealed for the book's readers.
  const expert = await actor('expert');
  const expertDesk = new ExpertPage(expert.page);
  await expertDesk.open();
  await expertDesk.diagnose(MODEL, '45,900', 'Repairable', {
    name: 'expert-report.pdf',
    mimeType: 'application/pdf',
    buffer: report,
  });
  await expect(expertDesk.status(MODEL)).toHaveText('Diagnosis recorded: the car is repairable.');
  await screenshot(expert.page, 'expert-report-attached');

  // Alice opens the report from her book's history: the exact bytes, under its name.
  await alice.page.reload();
  await aliceKeys.unlock();
  await garage.show(MODEL, 'History');
  const record = privateRecord(garage.book(MODEL), 'Expert report');
  const [download] = await Promise.all([
    alice.page.waitForEvent('download'),
    record.getByRole('button', { name: /expert-report\.pdf/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('expert-report.pdf');
  expect(readFileSync(await download.path()).equals(report)).toBe(true);
  await screenshot(alice.page, 'owner-opens-expert-report');

  // A new claim; Alice ends the cover: the insurer's desk and the expert see that the claim no longer applies.
  await insurer.page.reload();
  await desk.openClaim(MODEL);
  await desk.mandateExpert(MODEL, accounts.expert.address);
  await garage.show(MODEL, 'Insurance');
  await garage.book(MODEL).getByRole('button', { name: 'End cover…' }).click();
  await garage
    .book(MODEL)
    .getByRole('alertdialog', { name: 'End the cover?' })
    .getByRole('button', { name: 'Yes, end the cover' })
    .click();
  await expect(garage.coverStatus(MODEL)).toContainText(`The cover by ${INSURER} has ended.`);
  await expertDesk.open();
  await expect(expertDesk.claim(MODEL).first().getByTestId('claim-lapsed')).toContainText('no longer applies');
  await insurer.page.reload();
  await expect(desk.coveredBook(MODEL)).toHaveCount(0);
  await expect(desk.claim(MODEL).first().getByTestId('claim-lapsed')).toBeVisible();

  // Covered again, then the insurer ends the cover from its desk.
  await garage.askForCover(MODEL, INSURER);
  await insurer.page.reload();
  await desk.acceptCover(MODEL);
  await desk.endCover(MODEL);
  await alice.page.reload();
  await garage.show(MODEL, 'Insurance');
  await expect(garage.coverStatus(MODEL)).toContainText(`The cover by ${INSURER} has ended.`);
});
