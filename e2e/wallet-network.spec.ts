import { mkdirSync } from 'node:fs';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';

/**
 * A wallet left on another network whose owner refuses the switch (issue 12, item 4): the connect dialog closes
 * instead of hanging on "Opening Browser Wallet… RETRY", the page says in one sentence why nothing will be sent,
 * and a write asks for the switch and stops with a sentence when it is refused again. Nothing is ever sent.
 */
const MODEL = 'Volta Aero 1.6 (2019)';
const REFUSED =
  'Your wallet stayed on another network, so nothing was sent: switch it to the CarBook network, then try again.';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

for (const [device, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 360, height: 780 }],
] as const) {
  test(`refusing the network switch at connect closes the dialog and sends nothing (${device})`, async ({ actor }) => {
    const alice = await actor('alice', { viewport, wallet: { startChainId: 1, refuseSwitch: true } });
    const { page } = alice;
    await page.goto('/garage');
    await page.getByTestId('rk-connect-button').click();
    await page.getByRole('button', { name: /Browser Wallet/ }).click();
    // Connected where the wallet is: the dialog is gone, no "RETRY", and the page explains in one sentence.
    await expect(page.getByTestId('rk-connect-button')).toHaveCount(0);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByText(/Opening Browser Wallet|Retry/i)).toHaveCount(0);
    await expect(page.getByTestId('wrong-network')).toHaveText(
      'Your wallet is on another network: nothing is sent from this page until you accept the switch to the CarBook network, which your wallet offers before each transaction.',
    );
    expect(alice.wallet.calls).toContain('wallet_switchEthereumChain');
    await screenshot(page, `wallet-network-refused-${device}`);

    // A record: the page asks for the switch first; refused again, it stops with one sentence.
    const garage = new GaragePage(page);
    await garage.show(MODEL, 'History');
    const status = await garage.addRecord(MODEL, '45,500');
    await expect(status).toHaveText(REFUSED);
    expect(alice.wallet.calls).not.toContain('eth_sendTransaction');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  });
}
