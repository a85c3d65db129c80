import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { demoAccounts } from '../lib/dev/stack/accounts';
import { ArchivePage } from './pages/ArchivePage';
import { ConsortiumPage } from './pages/ConsortiumPage';
import { InsurerPage } from './pages/InsurerPage';
import { RecyclerPage } from './pages/RecyclerPage';
import { WorkshopPage } from './pages/WorkshopPage';

/**
 * Staff members who are not their organisation's admin doing their job in the browser (issue 12, item 8): the
 * dismantler takes a wreck and declares it destroyed, the archivist anchors a document, the workshop technician
 * writes a record under the owner's grant; a staff member renounces the role. Each on a desktop and a phone.
 */
const accounts = demoAccounts();
const VIEWPORTS = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 360, height: 780 }],
] as const;
const RECYCLER = 'Recyclo Dismantling';
const WRECK = 'Volta Sport 2.0 (2013)';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

const documentWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

for (const [device, viewport] of VIEWPORTS) {
  test(`a dismantler (staff, not the admin) takes a wreck and declares it destroyed, then renounces the role (${device})`, async ({
    actor,
  }) => {
    // Recyclo's admin makes the expert's account a dismantler; the insurer passes its held wreck to Recyclo.
    const admin = await actor('recyclerAdmin');
    const consortium = new ConsortiumPage(admin.page);
    await consortium.open();
    await expect(await consortium.addStaff(accounts.expert.address, 'Dismantler')).toContainText('as dismantler');
    const insurer = await actor('insurerAdmin');
    const desk = new InsurerPage(insurer.page);
    await desk.open();
    await desk.transferToRecycler(WRECK, RECYCLER);

    // The admin hands the wreck to the dismantler from the yard.
    const yard = new RecyclerPage(admin.page);
    await yard.open();
    await yard.openWreck(WRECK);
    const wreck = yard.book(WRECK);
    await wreck
      .getByRole('form', { name: 'Hand the wreck to a dismantler' })
      .getByRole('button', { name: 'Hand over' })
      .click();
    await expect(admin.page.getByTestId('yard-notice')).toContainText('now holds the wreck');
    await expect(yard.row(WRECK).or(yard.book(WRECK))).toHaveCount(0);

    // The dismantler sees who they act for, the wreck in their yard, and declares it destroyed.
    const dismantler = await actor('expert', { viewport });
    const theirYard = new RecyclerPage(dismantler.page);
    await theirYard.open();
    await expect(dismantler.page.getByTestId('membership')).toHaveText(`Signed in for ${RECYCLER} as dismantler.`);
    await expect(theirYard.book(WRECK)).toContainText('Wrecked');
    await expect(await theirYard.declareDestroyed(WRECK)).toHaveText(
      'Declared destroyed: the car book is closed for good.',
    );
    await expect(theirYard.book(WRECK)).toContainText('Destroyed');
    expect(await documentWidth(dismantler.page)).toBeLessThanOrEqual(viewport.width);
    await screenshot(dismantler.page, `wallet-dismantler-${device}`);

    // The dismantler leaves Recyclo on the consortium page: at once, without the admin.
    await new ConsortiumPage(dismantler.page).open();
    const renounce = dismantler.page.getByTestId('renounce');
    await expect(renounce).toContainText(`You act for ${RECYCLER}`);
    await renounce.getByRole('button', { name: 'Renounce my role…' }).click();
    await renounce
      .getByRole('alertdialog', { name: `Stop acting for ${RECYCLER}?` })
      .getByRole('button', { name: 'Yes, renounce my role' })
      .click();
    await expect(dismantler.page.getByTestId('consortium-notice')).toHaveText(`You no longer act for ${RECYCLER}.`);
    await expect(dismantler.page.getByTestId('membership')).toHaveText(
      'Only member admins vote and manage staff; this account is not one.',
    );
    expect(await documentWidth(dismantler.page)).toBeLessThanOrEqual(viewport.width);
    await screenshot(dismantler.page, `wallet-staff-renounced-${device}`);
    await admin.page.reload();
    await expect(consortium.staff(accounts.expert.address)).toHaveCount(0);
  });

  test(`an archivist (staff, not the admin) anchors a document (${device})`, async ({ actor }) => {
    const admin = await actor('archiveAdmin');
    const consortium = new ConsortiumPage(admin.page);
    await consortium.open();
    await expect(await consortium.addStaff(accounts.bob.address, 'Archivist')).toContainText('as archivist');

    const archivist = await actor('bob', { viewport });
    const archive = new ArchivePage(archivist.page);
    await archive.open();
    await expect(archivist.page.getByTestId('membership')).toHaveText('Signed in for Archiva Records as archivist.');
    const name = `inspection-${device}.pdf`;
    await archive.chooseDocument(name, `%PDF-1.7 inspection report ${randomBytes(16).toString('hex')}`);
    await expect(archive.verdict).toContainText('Not anchored');
    await expect(await archive.anchor()).toHaveText(`Anchored: ${name} now has a proof of existence on chain.`);
    await expect(archive.verdict).toContainText('Anchored');
    await expect(archive.verdict).toContainText('this exact document existed then');
    expect(await documentWidth(archivist.page)).toBeLessThanOrEqual(viewport.width);
    await screenshot(archivist.page, `wallet-archivist-${device}`);
  });

  test(`a workshop technician writes a record under the owner's grant (${device})`, async ({ actor }) => {
    // Bob's seeded grant to the independent workshop runs today (lib/dev/stack/seed.ts, Volta City).
    const technician = await actor('independentWorkshop', { viewport });
    const workshop = new WorkshopPage(technician.page);
    await workshop.open();
    await workshop.openBook('WVWZZZ1KZBW000003');
    await expect(workshop.access).toContainText("The owner's grant lets you write to this book until");
    await expect(await workshop.addRecord('88,950', 'Repair')).toHaveText('Record added: 88,950 km.');
    await expect(workshop.book.getByTestId('record-count')).toBeVisible();
    expect(await documentWidth(technician.page)).toBeLessThanOrEqual(viewport.width);
    await screenshot(technician.page, `wallet-workshop-technician-${device}`);
  });
}
