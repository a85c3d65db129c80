import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { VerifyPage } from './pages/VerifyPage';
import { withCspMeta } from '../lib/dev/stack/csp';

/** Seeded by lib/dev/stack/seed.ts: Alice's car, three records, nothing wrong with it. */
const VIN = 'WVWZZZ1JZXW000001';
const MODEL = 'Volta Aero 1.6 (2019)';

/** Every CSP violation the page reports, read back from the page (the listener is installed before any script). */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]);
}

/** Adds an inline <script> the way an injection would, and says whether it ran. */
async function injectedScriptRan(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const w = window as unknown as { __injected?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return w.__injected === true;
  });
}

/** Same, through a crafted link: a javascript: URL is an inline script too. */
async function injectedLinkRan(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const w = window as unknown as { __clicked?: boolean };
    const link = document.createElement('a');
    link.href = 'javascript:window.__clicked = true';
    document.body.append(link);
    link.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    link.remove();
    return w.__clicked === true;
  });
}

test('every page is served with a policy: own scripts by hash, network only to the configured RPC and IPFS origins', async ({
  page,
  stack,
}) => {
  const response = await page.goto('/verify');
  const policy = response!.headers()['content-security-policy'];
  expect(policy).toBeTruthy();
  const directives = new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  const scriptSrc = directives.get('script-src')!;
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc.filter((s) => s.startsWith("'sha256-")).length).toBeGreaterThan(0);
  const { rpcUrl, ipfs } = stack.runtimeConfig;
  expect(directives.get('connect-src')).toEqual([
    "'self'",
    ...new Set([new URL(rpcUrl).origin, new URL(ipfs!.api).origin, new URL(ipfs!.gateway).origin]),
  ]);
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
});

test('an injected inline script does not run, and a car still verifies under the header policy', async ({ page }) => {
  const violations = await recordViolations(page);
  const verify = new VerifyPage(page);
  await verify.open();
  await verify.verify(VIN);
  await expect(verify.verdict).toContainText(/No problems found|Points to check/);
  expect(await violations()).toEqual([]);

  expect(await injectedScriptRan(page)).toBe(false);
  expect(await injectedLinkRan(page)).toBe(false);
  expect((await violations()).filter((v) => v.startsWith('script-src'))).toHaveLength(2);
});

test('the meta-tag policy a static host gets blocks the same injection and lets the car verify', async ({
  playwright,
  stack,
}, testInfo) => {
  // Pages fulfilled by Playwright come from no address, so Chromium's Local Network Access would refuse their calls
  // to the loopback proxy; a browser of this test's own relaxes that check (it has nothing to do with CSP).
  const launch = testInfo.project.use.launchOptions ?? {};
  const browser = await playwright.chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), '--disable-features=LocalNetworkAccessChecks'],
  });
  try {
    const page = await browser.newPage({ baseURL: testInfo.project.use.baseURL, locale: 'en-US' });
    // What `npm run csp:apply` writes into each page for a static host: the policy in the page, no header.
    await page.route(/\/verify$/, async (route) => {
      const original = await route.fetch();
      const meta = original.headers()['content-security-policy'].replace(/; frame-ancestors 'none'$/, '');
      const headers = { ...original.headers() };
      delete headers['content-security-policy'];
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ response: original, headers, body: withCspMeta(await original.text(), meta) });
    });
    const violations = await recordViolations(page);
    const response = await page.goto('/verify');
    expect(response!.headers()['content-security-policy']).toBeUndefined();
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      new RegExp(`connect-src 'self' ${new URL(stack.runtimeConfig.rpcUrl).origin.replace(/[.]/g, '\\.')}`),
    );
    const verify = new VerifyPage(page);
    await verify.verify(VIN);
    await expect(verify.verdict).toContainText(/No problems found|Points to check/);
    expect(await violations()).toEqual([]);
    expect(await injectedScriptRan(page)).toBe(false);
    expect(await injectedLinkRan(page)).toBe(false);
  } finally {
    await browser.close();
  }
});

test('a wallet page works under the policy: RainbowKit connects the wallet, the books load, nothing is blocked', async ({
  actor,
}) => {
  const alice = await actor('alice');
  const violations = await recordViolations(alice.page);
  const garage = new GaragePage(alice.page);
  await garage.open();
  await expect(garage.book(MODEL)).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(await injectedScriptRan(alice.page)).toBe(false);
});

test('the home page loads only its own code: no other route is prefetched', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/');
  await expect(page.getByRole('link', { name: /Buying a used car/ })).toBeVisible();
  // Next prefetches links in the viewport from an idle callback: scroll every link into view, let the browser
  // run its idle callbacks (twice: the observer's and the prefetch's), then wait for the network to settle.
  for (const link of await page.getByRole('link').all()) await link.scrollIntoViewIfNeeded();
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2_000 })));
  }
  await page.waitForLoadState('networkidle');
  const otherRoutes = requested.filter(
    (p) =>
      /\.txt$/.test(p) ||
      /\/(verify|garage|workshop|insurer|expert|recycler|archive|manufacturer|consortium)\b/.test(p),
  );
  expect(otherRoutes).toEqual([]);
});
