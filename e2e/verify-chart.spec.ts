import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { lookUp } from './pages/VerifyPage';

/**
 * The buyer's mileage chart (issue 11, item 3) and the connected car's device in the report (issue 13, item 8):
 * records and signed readings drawn, the chart's words for screen readers, the device flags with their dates,
 * a phone's width, both languages.
 */

/** The seeded connected car: two signed readings, then a replaced device silent for years while serviced. */
const CONNECTED = 'WVWZZZ3CZEE000004';
const SHOTS = process.env.CARBOOK_SHOTS_DIR ?? 'test-results/screenshots';

/** The report of `vin`, once its chart (loaded with the result) is drawn. */
async function lookUpWithChart(page: Page, vin: string) {
  await lookUp(page, vin);
  await expect(page.getByTestId('mileage-chart-canvas').locator('canvas')).toBeVisible({ timeout: 30_000 });
}

test('a connected car: the chart draws records and signed readings, says them in words, and the device is flagged', async ({
  page,
}) => {
  await lookUpWithChart(page, CONNECTED);
  const chart = page.getByTestId('mileage-chart');
  await expect(chart.getByRole('heading', { name: 'Mileage over time' })).toBeVisible();
  const box = await chart.locator('canvas').boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.height).toBeGreaterThan(150);
  // The legend names what is drawn: readings, the correction, the gaps and the silent device.
  const legend = chart.getByTestId('mileage-chart-legend');
  for (const entry of ['Odometer', 'Record', 'Signed device reading', 'Odometer correction', 'Device silent'])
    await expect(legend).toContainText(entry);
  // The text alternative: a summary under the chart and a table a screen reader reads (the canvas is hidden).
  await expect(chart.getByTestId('mileage-chart-canvas')).toHaveAttribute('aria-hidden', 'true');
  await expect(chart.getByTestId('mileage-chart-summary')).toContainText('2 device readings');
  await expect(chart.getByTestId('mileage-chart-summary')).toContainText('1 correction');
  const table = chart.getByTestId('mileage-chart-table');
  await expect(table.getByRole('row').filter({ hasText: 'Signed device reading' })).toHaveCount(2);
  await expect(table).toContainText('10,900 km');
  await expect(table.getByRole('row').filter({ hasText: '96,050 km' })).toContainText('Odometer correction');
  // The history lists the readings too.
  await expect(page.getByTestId('history-table')).toContainText('Telematics reading');

  // The verdict: the replaced device and its silence while the car was serviced, each with its date.
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-level', 'check');
  await expect(verdict.locator('[data-kind="device-rotated"]').first()).toContainText(
    /telematics device was replaced by its maker on [A-Z][a-z]{2} \d{1,2}, \d{4}/,
  );
  await expect(verdict.locator('[data-kind="device-silent"]').first()).toContainText(
    /sent no reading for [\d,]+ days \([A-Z][a-z]{2} \d{1,2}, \d{4} → [A-Z][a-z]{2} \d{1,2}, \d{4}\)/,
  );

  // Axe: the chart's legend, summary and hidden table add no violation.
  const results = await new AxeBuilder({ page }).include('[data-testid="report"]').analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('the chart in French: axis, legend, summary and flags in the page’s language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await lookUpWithChart(page, CONNECTED);
  const chart = page.getByTestId('mileage-chart');
  await expect(chart.getByRole('heading', { name: 'Kilométrage au fil du temps' })).toBeVisible();
  await expect(chart.getByTestId('mileage-chart-legend')).toContainText('Relevé signé du boîtier');
  await expect(chart.getByTestId('mileage-chart-summary')).toContainText('2 relevés du boîtier');
  await expect(chart.getByTestId('mileage-chart-table')).toContainText('10 900 km');
  await expect(page.locator('[data-kind="device-rotated"]').first()).toContainText(
    'a été remplacé par son constructeur',
  );
  await expect(page.locator('[data-kind="device-silent"]').first()).toContainText('n’a envoyé aucun relevé pendant');
  await context.close();
});

test.describe('the chart on a phone and on screen, for review', () => {
  for (const locale of ['en', 'fr'] as const) {
    test(`360 px phone and desktop (${locale}): no sideways scroll, chart at the screen's width`, async ({
      browser,
    }) => {
      mkdirSync(SHOTS, { recursive: true });
      for (const [name, viewport] of [
        ['phone', { width: 360, height: 780 }],
        ['desktop', { width: 1280, height: 900 }],
      ] as const) {
        const context = await browser.newContext({ locale: locale === 'fr' ? 'fr-FR' : 'en-US', viewport });
        const page = await context.newPage();
        await lookUpWithChart(page, CONNECTED);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        const box = await page.getByTestId('mileage-chart').locator('canvas').boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
        await page.getByTestId('mileage-chart').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/verify-chart-${name}-${locale}.png`, fullPage: true });
        await context.close();
      }
    });
  }
});
