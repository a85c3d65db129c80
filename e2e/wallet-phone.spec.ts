import { mkdirSync } from 'node:fs';
import { test, expect, openWalletPage, screenshot, SCREENSHOTS } from './fixtures/test';
import type { Page } from '@playwright/test';

/**
 * The garage and the insurer desk on a 360 px phone, in English and in French: the page fits the screen (no
 * sideways scroll), the garage is a list of compact rows with one book open at a time, its tabs all in view, and the
 * screenshots are
 * kept for review (test-results/screenshots/wallet-*-phone-<lang>.png).
 */
const PHONE = { width: 360, height: 780 };

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

async function documentWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

for (const [locale, lang] of [
  ['en-US', 'en'],
  ['fr-FR', 'fr'],
] as const) {
  test(`garage on a 360 px phone (${lang}): a list of compact rows, one book open, no sideways scroll`, async ({
    actor,
  }) => {
    const { page } = await actor('alice', { viewport: PHONE, locale });
    await openWalletPage(page, '/garage');
    // Every book shown has loaded its history (its facts), then the page is as a person sees it.
    const books = page.getByTestId('owned-book');
    await expect(books.first().getByTestId('record-count')).toBeVisible();
    await expect(page.getByTestId('record-count')).toHaveCount(await books.count());
    await screenshot(page, `wallet-garage-phone-${lang}`);
    // Newest first, at most one book open (its actions in tabs), the others one line each.
    await expect(page.getByTestId('garage-row').first()).toBeVisible();
    await expect(page.getByTestId('owned-book')).toHaveCount(1);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'fr' ? 'Mes carnets' : 'My car books');
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    // The page is short enough to live in: a list, not every book expanded with five forms.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(4_000);
  });

  test(`garage tabs on a 360 px phone (${lang}): every tab in view and reachable, none past the edge`, async ({
    actor,
  }) => {
    const { page } = await actor('alice', { viewport: PHONE, locale });
    await openWalletPage(page, '/garage');
    const book = page.getByTestId('owned-book');
    await expect(book.getByTestId('record-count')).toBeVisible();
    const tablist = book.getByRole('tablist');
    const tabs = tablist.getByRole('tab');
    // An active book's actions: history, workshops, buyer, insurance, sale (more than a 360 px line holds).
    expect(await tabs.count()).toBeGreaterThanOrEqual(5);
    // Nothing of the tab strip hides past its edge: no sideways scroll in it, nor in the page.
    expect(await tablist.evaluate((strip) => strip.scrollWidth - strip.clientWidth)).toBeLessThanOrEqual(0);
    // The strip scrolled into view (vertically): every tab is then on screen, none to find by scrolling sideways.
    await tablist.scrollIntoViewIfNeeded();
    await screenshot(page, `wallet-garage-tabs-phone-${lang}`);
    for (const tab of await tabs.all()) {
      await expect(tab).toBeInViewport({ ratio: 1 });
      const box = (await tab.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    for (const tab of await tabs.all()) {
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      const box = (await tab.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    // Keyboard: each tab is a focusable button.
    await tabs.first().focus();
    await expect(tabs.first()).toBeFocused();
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });

  test(`insurer desk on a 360 px phone (${lang}): covers and claims as lists, no sideways scroll`, async ({
    actor,
  }) => {
    const { page } = await actor('insurerAdmin', { viewport: PHONE, locale });
    await openWalletPage(page, '/insurer');
    await expect(page.getByTestId('covered-book').first()).toBeVisible();
    await screenshot(page, `wallet-insurer-phone-${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'fr' ? 'Assureur' : 'Insurer');
    expect(await documentWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });
}

/** Every wallet page as its role sees it, with what shows the page is loaded (beyond the garage and the desk). */
const PAGES = [
  { path: '/workshop', role: 'independentWorkshop', ready: 'record-count', vin: 'WVWZZZ1KZBW000003' },
  { path: '/expert', role: 'expert', ready: 'expert-claim' },
  { path: '/recycler', role: 'recyclerAdmin', ready: 'recycler-book' },
  { path: '/archive', role: 'archiveAdmin', ready: 'membership' },
  { path: '/consortium', role: 'insurerAdmin', ready: 'member' },
  { path: '/manufacturer', role: 'dealer', ready: 'membership' },
] as const;

for (const [locale, lang] of [
  ['en-US', 'en'],
  ['fr-FR', 'fr'],
] as const) {
  test(`every other wallet page on a 360 px phone (${lang}): no sideways scroll`, async ({ actor }) => {
    test.setTimeout(120_000);
    for (const { path, role, ready, ...rest } of PAGES) {
      const { page } = await actor(role, { viewport: PHONE, locale });
      await openWalletPage(page, path);
      if ('vin' in rest) {
        await page
          .getByRole('textbox', { name: lang === 'fr' ? 'VIN ou identifiant du carnet' : 'VIN or car book id' })
          .fill(rest.vin);
        await page.getByRole('button', { name: lang === 'fr' ? 'Ouvrir' : 'Open', exact: true }).click();
      }
      await expect(page.getByTestId(ready).first(), path).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      const name = path.slice(1);
      await screenshot(page, `wallet-${name}-phone-${lang}`);
      expect(await documentWidth(page), path).toBeLessThanOrEqual(PHONE.width);
      await page.setViewportSize({ width: 1280, height: 800 });
      await screenshot(page, `wallet-${name}-desktop-${lang}`);
      await page.close();
    }
  });
}
