import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page, PlaywrightWorkerArgs } from '@playwright/test';
import config from '../playwright.config';
import { fakeCameraFile, type FakeBarcode } from './fixtures/fake-camera';
import { test, expect } from './fixtures/test';

/**
 * "Scan" on /verify (issue 11, item 5): Chromium's fake camera shows a barcode generated here (bwip-js), the
 * page reads it with the WebAssembly reader (Chromium on Linux has no BarcodeDetector of its own), fills the VIN in
 * and looks it up as if it had been typed; the camera is released; failures are told in words, in both languages.
 */

const VIN = 'VF1RFB00X56000005';

/**
 * A page in the configured Chromium whose fake camera plays a generated `kind` barcode holding `text`, the camera
 * prompt answered "allow". Chromium takes the camera file at launch: each test launches its own (closed after it).
 */
async function pageWithCamera(
  playwright: PlaywrightWorkerArgs['playwright'],
  kind: FakeBarcode,
  options: { text?: string; locale?: string } = {},
): Promise<Page> {
  const launch = config.use?.launchOptions ?? {};
  const browser = await playwright.chromium.launch({
    ...launch,
    args: [
      ...(launch.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${fakeCameraFile(kind, options.text ?? VIN)}`,
    ],
  });
  browsers.push(browser);
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: options.locale ?? 'en-US',
  });
  return context.newPage();
}

const browsers: Browser[] = [];
test.afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
});

/** Records every camera stream the page opens (window.__streams), to check that each one is released. */
async function recordStreams(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __streams: MediaStream[] };
    w.__streams = [];
    const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      w.__streams.push(stream);
      return stream;
    };
  });
  return () =>
    page.evaluate(() =>
      (window as unknown as { __streams: MediaStream[] }).__streams.map((stream) =>
        stream.getTracks().map((track) => track.readyState),
      ),
    );
}

for (const [format, kind] of [
  ['Code 39 (door jamb)', 'code39'],
  ['QR code', 'qrcode'],
  ['Data Matrix', 'datamatrix'],
] as const) {
  test.describe(`a ${format} label in front of the camera`, () => {
    test(`${format}: Scan reads the VIN, fills it in, looks it up and releases the camera`, async ({ playwright }) => {
      const page = await pageWithCamera(playwright, kind);
      const streams = await recordStreams(page);
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto('/verify');
      await page.waitForLoadState('networkidle');
      // The reader is not part of the page's first load.
      expect(requests.filter((url) => url.endsWith('.wasm'))).toEqual([]);

      await page.getByRole('button', { name: 'Scan' }).click();
      await expect(page.getByLabel('VIN or car book id')).toHaveValue(VIN, { timeout: 30_000 });
      await expect(page.getByTestId('scanner')).toHaveCount(0);
      await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
      expect(await streams()).toEqual([['ended']]);
      // The WebAssembly reader came from the dApp's own origin (the CSP allows no other), not from a CDN.
      const wasm = requests.filter((url) => url.endsWith('.wasm'));
      expect(wasm).toHaveLength(1);
      expect(new URL(wasm[0]).origin).toBe(new URL(page.url()).origin);
    });
  });
}

test.describe('a misread label', () => {
  // A label read with an O where a VIN has a 0: validated like a typed VIN, told in the same sentence.
  test('the scanned text is validated like a typed VIN', async ({ playwright }) => {
    const page = await pageWithCamera(playwright, 'code39', { text: 'VF1RFB00X560O0005' });
    await page.goto('/verify');
    await page.getByRole('button', { name: 'Scan' }).click();
    await expect(page.getByLabel('VIN or car book id')).toHaveValue('VF1RFB00X560O0005', { timeout: 30_000 });
    await expect(page.getByTestId('lookup-error')).toContainText(
      'The letters I, O and Q are never used in a VIN: “O” at position 13 is probably a 1 or a 0',
    );
  });
});

test.describe('no barcode in view', () => {
  test('after a while the page says nothing was found, and Close releases the camera (in French)', async ({
    playwright,
  }) => {
    const page = await pageWithCamera(playwright, 'none', { locale: 'fr-FR' });
    const streams = await recordStreams(page);
    await page.goto('/verify');
    const scan = page.getByRole('button', { name: 'Scanner', exact: true });
    await scan.click();
    await expect(page.getByTestId('scan-status')).toHaveText(/Visez le code-barres du VIN/, { timeout: 30_000 });
    await expect(page.getByTestId('scan-status')).toHaveText(/Aucun code-barres de VIN trouvé/, { timeout: 30_000 });
    expect(await streams()).toEqual([['live']]);
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    const close = page.getByRole('button', { name: 'Fermer l’appareil photo' });
    expect((await close.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect((await scan.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await close.click();
    await expect(page.getByTestId('scanner')).toHaveCount(0);
    await expect(scan).toBeFocused();
    expect(await streams()).toEqual([['ended']]);
  });
});

/** Makes getUserMedia fail as a browser does (a DOMException of this name), or leaves no camera API at all. */
async function cameraFails(page: Page, name: string) {
  await page.addInitScript((errorName) => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('camera test', errorName));
  }, name);
}

test.describe('camera failures, in words', () => {
  test('permission refused (English)', async ({ page }) => {
    await cameraFails(page, 'NotAllowedError');
    await page.goto('/verify');
    await page.getByRole('button', { name: 'Scan' }).click();
    await expect(page.getByTestId('scan-error')).toHaveText(/^Camera access was refused: allow the camera/);
    await expect(page.getByTestId('scan-error')).not.toContainText('camera test');
  });

  test.describe('in French', () => {
    test.use({ locale: 'fr-FR' });

    test('no camera', async ({ page }) => {
      await cameraFails(page, 'NotFoundError');
      await page.goto('/verify');
      await page.getByRole('button', { name: 'Scanner', exact: true }).click();
      await expect(page.getByTestId('scan-error')).toHaveText(/^Cet appareil n’a pas de caméra utilisable/);
    });

    test('camera in use elsewhere', async ({ page }) => {
      await cameraFails(page, 'NotReadableError');
      await page.goto('/verify');
      await page.getByRole('button', { name: 'Scanner', exact: true }).click();
      await expect(page.getByTestId('scan-error')).toHaveText(/^La caméra est utilisée par une autre application/);
    });
  });
});

test.describe('the reader cannot be loaded', () => {
  test('is told in words and the camera is released; Scan tries again', async ({ playwright }) => {
    const page = await pageWithCamera(playwright, 'code39');
    const streams = await recordStreams(page);
    await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
    await page.goto('/verify');
    await page.getByRole('button', { name: 'Scan' }).click();
    await expect(page.getByTestId('scan-error')).toHaveText(/^The barcode reader could not be loaded/);
    expect(await streams()).toEqual([['ended']]);
    await page.unroute('**/*.wasm');
    await page.getByRole('button', { name: 'Scan' }).click();
    await expect(page.getByLabel('VIN or car book id')).toHaveValue(VIN, { timeout: 30_000 });
  });
});
