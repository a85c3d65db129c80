import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { DemoRole } from '../lib/dev/stack/accounts';
import { test, expect, openWalletPage } from './fixtures/test';

/**
 * Whole-site checks (issue 11, items 6, 8 and 10), on every route, in both languages, connected and not:
 * - a phone (360 px) never scrolls sideways;
 * - axe reports no violation;
 * - no message key is missing from the catalogue (use-intl reports MISSING_MESSAGE and shows the key).
 */

const PUBLIC_ROUTES = ['/', '/verify'] as const;
/** Every wallet page, with the demo account that uses it when connected (checked connected and not). */
const WALLET_ROUTES: [string, DemoRole][] = [
  ['/garage', 'alice'],
  ['/workshop', 'independentWorkshop'],
  ['/insurer', 'insurerAdmin'],
  ['/expert', 'expert'],
  ['/recycler', 'recyclerAdmin'],
  ['/manufacturer', 'dealer'],
  ['/archive', 'archiveAdmin'],
  ['/consortium', 'makerAdmin'],
];
const WALLET_ROUTES_NOT_CONNECTED = WALLET_ROUTES.map(([route]) => route);
const LOCALES = { en: 'en-US', fr: 'fr-FR' } as const;

/** Console errors and page errors from the catalogue: a key the language lacks. */
function missingMessages(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /MISSING_MESSAGE|FORMATTING_ERROR/.test(message.text()))
      found.push(message.text());
  });
  return found;
}

async function documentOverflow(page: Page): Promise<number> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (overflow > 0) {
    // Name the culprits in the failure: the elements whose right edge passes the screen's.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
    console.log(`wider than the screen: ${wide.join(', ')}`);
  }
  return overflow;
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('h1').first()).toBeVisible();
}

for (const [language, locale] of Object.entries(LOCALES)) {
  test.describe(`every route in ${language}`, () => {
    test.use({ locale, viewport: { width: 360, height: 780 } });

    for (const route of [...PUBLIC_ROUTES, ...WALLET_ROUTES_NOT_CONNECTED]) {
      test(`${route} (not connected): no sideways scroll at 360 px, no axe violation, no missing key`, async ({
        page,
      }) => {
        const missing = missingMessages(page);
        await page.goto(route);
        await settle(page);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        expect(await documentOverflow(page), 'pixels wider than the screen').toBeLessThanOrEqual(0);
        expect(await axeViolations(page)).toEqual([]);
        expect(missing).toEqual([]);
      });
    }

    for (const [route, role] of WALLET_ROUTES) {
      test(`${route} (connected as ${role}): no sideways scroll at 360 px, no axe violation, no missing key`, async ({
        actor,
      }) => {
        const { page } = await actor(role);
        await page.setViewportSize({ width: 360, height: 780 });
        const missing = missingMessages(page);
        await openWalletPage(page, route);
        // The actor's context is made by the fixture: choose the language with the visible switch.
        await page.locator('.locale-switch select').selectOption(language);
        await settle(page);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        expect(await documentOverflow(page), 'pixels wider than the screen').toBeLessThanOrEqual(0);
        expect(await axeViolations(page)).toEqual([]);
        expect(missing).toEqual([]);
      });
    }

    test('/verify with a report shown: no sideways scroll, no axe violation, touch targets of 44 px', async ({
      page,
    }) => {
      const missing = missingMessages(page);
      await page.goto('/verify');
      await page.getByRole('textbox').first().fill('VF1RFB00X56000005');
      await page.locator('form.lookup-form button[type=submit]').click();
      await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
      // The tools under the report load with it (lazily): measure once they are there.
      await expect(page.getByTestId('document-input')).toBeAttached();
      await expect(page.getByTestId('export-input')).toBeAttached();
      expect(await documentOverflow(page), 'pixels wider than the screen').toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      for (const target of await page.locator('main button, main input:not([type=file]), main summary').all()) {
        const box = await target.boundingBox();
        if (box) expect(box.height, await target.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
      }
      expect(missing).toEqual([]);
    });
  });
}
