import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { ManufacturerPage } from './pages/ManufacturerPage';

/**
 * Issue 13 item 8, the maker's side: the seeded maker's dealer sees its connected car with its readings on
 * /manufacturer, opens the ingester's dead-letter file (read in the browser) and sees its counts per car, and
 * replaces one device key; axe on the section; desktop and phone, English and French.
 */
const CONNECTED = 'Volta Aero e-Connect (2014)';
const NEW_KEY = '0x00000000000000000000000000000000000c0ffe';
const VIEWPORTS = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 360, height: 780 }],
] as const;

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

const documentWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

const deadLetterFile = (bookId: string) =>
  [
    { at: '2026-11-29T08:00:00.000Z', reason: 'bad-signature', tokenId: bookId, seq: 1, message: '{}' },
    { at: '2026-11-29T08:05:00.000Z', reason: 'bad-signature', tokenId: bookId, seq: 2, message: '{}' },
    { at: '2026-11-29T08:10:00.000Z', reason: 'replayed', tokenId: bookId, seq: 3, message: '{}' },
    { at: '2026-11-29T08:20:00.000Z', reason: 'malformed', seq: 4, message: '{"tokenId":' },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n') + '\nnot json\n';

test("the maker's dealer sees its connected car, loads dead letters and replaces a device key", async ({ actor }) => {
  const { page } = await actor('dealer');
  const maker = new ManufacturerPage(page);
  await maker.open();
  const section = maker.connectedCars();
  await expect(section.getByRole('heading', { name: 'Connected cars' })).toBeVisible();
  const card = maker.connectedCar(CONNECTED);
  await expect(card).toBeVisible({ timeout: 30_000 });
  // A page counts its own cars (its blocks may hold several); there is no misleading car total.
  await expect(section.getByTestId('connected-count')).toHaveText(/^[1-9]\d* connected cars? on this page$/);
  // The seed's readings: 10,250 then 10,900 km.
  await expect(card.getByTestId('connected-last')).toContainText('10,900 km');
  await expect(card.getByTestId('connected-skipped')).toContainText('None');
  await expect(card.getByTestId('connected-dead')).toContainText('Open the dead-letter file');

  const bookId = await maker.bookIdOf(CONNECTED);
  await maker.openDeadLetters('dead-letters.ndjson', deadLetterFile(bookId));
  await expect(section.getByTestId('dead-letter-summary')).toHaveText(
    'dead-letters.ndjson: 4 dead letters read, 1 line unreadable, 1 not tied to a car (malformed).',
  );
  await expect(card.getByTestId('connected-dead')).toHaveText('bad signature: 2 · replayed: 1');

  const axe = await new AxeBuilder({ page }).include('[data-testid="connected-cars"]').analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await screenshot(page, 'connected-cars-desktop-en');

  await maker.rotateDeviceKey(CONNECTED, NEW_KEY);
  await expect(card.getByTestId('connected-device')).toHaveText(/0x0+c0[fF]{2}[eE]/, { timeout: 30_000 });
});

for (const [device, viewport] of VIEWPORTS) {
  test(`the connected cars section in French fits a ${device}`, async ({ actor }) => {
    const { page } = await actor('dealer', { viewport, locale: 'fr-FR' });
    const maker = new ManufacturerPage(page);
    await maker.open();
    const section = maker.connectedCars();
    await expect(section.getByRole('heading', { name: 'Voitures connectées' })).toBeVisible();
    const card = maker.connectedCar(CONNECTED);
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(section.getByTestId('connected-count')).toHaveText(/^[1-9]\d* voitures? connectées? sur cette page$/);
    await expect(card.getByTestId('connected-last')).toContainText('10 900 km');
    await maker.openDeadLetters('rebuts.ndjson', deadLetterFile(await maker.bookIdOf(CONNECTED)));
    await expect(card.getByTestId('connected-dead')).toHaveText('signature invalide : 2 · rejoué : 1');
    await card.getByRole('button', { name: 'Remplacer la clé du boîtier' }).click();
    expect(await documentWidth(page)).toBeLessThanOrEqual(viewport.width);
    // The card and its opened rotation form stay inside the screen (a body that clips overflow would hide it).
    for (const part of [card, card.getByRole('form', { name: 'Enregistrer une nouvelle clé de boîtier' })]) {
      const box = await part.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    }
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, `connected-cars-${device}-fr`);
    if (device === 'phone') {
      const en = await actor('dealer', { viewport });
      const enMaker = new ManufacturerPage(en.page);
      await enMaker.open();
      await expect(enMaker.connectedCar(CONNECTED)).toBeVisible({ timeout: 30_000 });
      expect(await documentWidth(en.page)).toBeLessThanOrEqual(viewport.width);
      await screenshot(en.page, 'connected-cars-phone-en');
    }
  });
}
