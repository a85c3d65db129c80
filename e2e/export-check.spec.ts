import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { lookUp } from './pages/VerifyPage';

/**
 * The history file with proofs on /verify, downloaded then checked in the page (adversarial review): the genuine
 * file is authentic; a file naming another contract as its CarBook (a forger's, which would "hold" any head) is
 * refused in words, whatever that contract answers: the page asks only the consortium's own CarBook.
 */
const ORDINARY = 'WVWZZZ1JZXW000001';
/** Kept for review with the other specs' screenshots, or where CARBOOK_SHOTS_DIR says (outside test-results/). */
const SHOTS = process.env.CARBOOK_SHOTS_DIR ?? 'test-results/screenshots';

/** Looks the car up, downloads its history file, and writes a copy naming another contract as its CarBook. */
async function genuineAndForged(page: Page, info: TestInfo): Promise<{ genuine: string; forged: string }> {
  await lookUp(page, ORDINARY);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^(Download history \(JSON\)|Télécharger l’historique \(JSON\))$/ }).click(),
  ]);
  const genuine = info.outputPath('history.json');
  await download.saveAs(genuine);
  const file = JSON.parse(readFileSync(genuine, 'utf8'));
  file.carBook = '0x00000000000000000000000000000000f04e1234';
  const forged = info.outputPath('forged.json');
  writeFileSync(forged, JSON.stringify(file));
  return { genuine, forged };
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const panel = page.getByTestId('export-result');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`) });
  await page.setViewportSize({ width: 360, height: 780 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, `${name}-360.png`) });
}

test('a downloaded history checks as authentic; one naming another CarBook is refused', async ({ page }, info) => {
  const { genuine, forged } = await genuineAndForged(page, info);
  await page.getByTestId('export-input').setInputFiles(genuine);
  await expect(page.getByTestId('export-result')).toContainText('The file is authentic');
  await page.getByTestId('export-input').setInputFiles(forged);
  await expect(page.getByTestId('export-result')).toHaveText(
    'The ledger never held this history: the file was altered or is not from this consortium.',
  );
  await shoot(page, 'review-export-forged-en');
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the forged file is refused in French', async ({ page }, info) => {
    const { forged } = await genuineAndForged(page, info);
    await page.getByTestId('export-input').setInputFiles(forged);
    await expect(page.getByTestId('export-result')).toHaveText(
      'Le registre n’a jamais contenu cet historique\u202f: le fichier a été modifié ou ne vient pas de ce consortium.',
    );
    await shoot(page, 'review-export-forged-fr');
  });
});
