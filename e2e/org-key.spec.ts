import { mkdirSync } from 'node:fs';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { ConsortiumPage } from './pages/ConsortiumPage';
import { GaragePage } from './pages/GaragePage';
import { WorkshopPage } from './pages/WorkshopPage';
import { PrivacyBar, privateRecord } from './pages/PrivacyBar';

const MODEL = 'Volta Aero 1.6 (2019)';
const FORBIDDEN_WALLET_METHODS = ['eth_sign', 'eth_decrypt', 'eth_getEncryptionPublicKey'];

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test("the maker's admin publishes its organisation key; its official workshop reads and writes an owner's private records", async ({
  actor,
}) => {
  // Volta's official workshop unlocks once: it has a reading key, but no organisation key exists yet.
  const official = await actor('officialWorkshop');
  const desk = new WorkshopPage(official.page);
  const officialKeys = new PrivacyBar(official.page);
  await desk.open();
  await officialKeys.unlock();
  await expect(official.page.getByTestId('org-key-note')).toContainText('has published no organisation key yet');

  // Volta's admin unlocks and publishes the organisation key for the staff that have a reading key.
  const maker = await actor('makerAdmin');
  const consortium = new ConsortiumPage(maker.page);
  await consortium.open();
  await new PrivacyBar(maker.page).unlock();
  await expect(consortium.orgKey.getByTestId('org-key-version')).toContainText(
    'No organisation key published yet. · 1 of 2 staff have a registered reading key.',
  );
  await expect(await consortium.publishOrgKey()).toContainText(
    'Organisation key version 1 published for you and 1 staff member. Not yet for',
  );
  await expect(consortium.orgKey.getByTestId('org-key-version')).toContainText('Current version: 1.');
  await consortium.orgKey.screenshot({ path: `${SCREENSHOTS}/org-key-published.png` });

  // Alice writes a private record: the maker's network is one of the book's readers, through its organisation key.
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(MODEL);
  await new PrivacyBar(alice.page).unlock();
  await expect(
    await garage.addRecord(MODEL, '52,500', 'Service', { label: 'Recall 24-A done', details: 'ECU update.' }),
  ).toContainText('Record added: 52,500 km');

  // The official workshop unlocks again (a new visit) and now also holds its organisation's key: it reads the record…
  await official.page.reload();
  await expect(await officialKeys.unlock()).toContainText("with your organisation's key (version 1)");
  await desk.openBook(await garage.bookId(MODEL));
  await expect(desk.access).toContainText("maker's network");
  await expect(privateRecord(desk.book, 'Recall 24-A done')).toContainText('ECU update.');
  // …and writes one under the same key (nobody new to share it with: one transaction), which Alice reads.
  await expect(
    await desk.addRecord('52,700', 'Repair', { label: 'Wiper motor', details: 'Under warranty.' }),
  ).toHaveText('Record added: 52,700 km, its private details encrypted for the book’s readers.');
  await screenshot(official.page, 'org-key-official-workshop');
  await alice.page.reload();
  await new PrivacyBar(alice.page).unlock();
  await garage.show(MODEL);
  await expect(privateRecord(garage.book(MODEL), 'Wiper motor')).toContainText('Under warranty.');

  // The dealer registers a reading key only now; the admin shares the current version with it (no rotation).
  const dealer = await actor('dealer');
  await new WorkshopPage(dealer.page).open();
  await expect(await new PrivacyBar(dealer.page).unlock()).not.toContainText("with your organisation's key");
  await expect(dealer.page.getByTestId('org-key-note')).toContainText("ask your organisation's admin to add you");
  await maker.page.reload();
  await new PrivacyBar(maker.page).unlock();
  await expect(consortium.orgKey.getByTestId('org-key-waiting')).toContainText(
    'registered a reading key after version 1 was published',
  );
  await expect(await consortium.shareOrgKeyWithNewStaff()).toContainText('Version 1 shared with 0x7099');
  await expect(consortium.orgKey.getByTestId('org-key-waiting')).toHaveCount(0);
  await expect(consortium.orgKey.getByTestId('org-key-version')).toContainText('Current version: 1.');
  await dealer.page.reload();
  await expect(await new PrivacyBar(dealer.page).unlock()).toContainText("with your organisation's key (version 1)");

  for (const wallet of [official.wallet, maker.wallet, alice.wallet, dealer.wallet]) {
    expect(wallet.calls.filter((method) => FORBIDDEN_WALLET_METHODS.includes(method))).toEqual([]);
  }
});
