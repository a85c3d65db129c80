import { test, expect, openWalletPage } from './fixtures/test';

/**
 * What a French visitor reads besides the pages' own words: the tab's title, and a wallet form's refusal of a
 * bad VIN or of an invisible control character (lib/browser returns codes; the form words them).
 */
test('the tab title follows the page’s language; the static English one stays for crawlers', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/verify');
  await expect(page).toHaveTitle('Vérifier un véhicule — CarBook ledger');
  await page.goto('/garage');
  await expect(page).toHaveTitle('Mes carnets — CarBook ledger');
  // The visible switch turns it back to English at once.
  await page.locator('.locale-switch select').selectOption('en');
  await expect(page).toHaveTitle('My car books — CarBook ledger');
  await context.close();
  // What a crawler reads: the static export's English title.
  expect(await (await request.get('/verify')).text()).toContain('<title>Verify a car — CarBook ledger</title>');
});

test('a wallet form refuses a bad VIN and an invisible character in French', async ({ actor }) => {
  const { page } = await actor('dealer', { locale: 'fr-FR' });
  await openWalletPage(page, '/manufacturer');
  const form = page.getByRole('form', { name: 'Créer un carnet' });
  const vin = form.getByRole('textbox', { name: /^VIN/ });
  await vin.fill('WVWZZZ1JZXW00000O');
  await expect(form.locator('.field-error')).toHaveText(
    'Les lettres I, O et Q ne figurent jamais dans un VIN : le « O » en position 17 est sans doute un 1 ou un 0.',
  );
  await vin.fill('WVWZZZ1JZXW0000');
  await expect(form.locator('.field-error')).toHaveText('Un VIN compte 17 caractères ; celui-ci en a 15.');
  await vin.fill('WVWZZZ1JZXW000009');
  await form.getByRole('textbox', { name: /^Modèle/ }).fill('Volta Aero\u202E 1.6');
  await expect(form.locator('.field-error')).toHaveText(
    'Supprimez le caractère de contrôle invisible U+202E : il peut faire afficher le texte autrement qu’il n’est.',
  );
});

test('a file picker speaks French and shows the chosen file’s name, not the browser’s English', async ({ actor }) => {
  const { page } = await actor('dealer', { locale: 'fr-FR' });
  await openWalletPage(page, '/manufacturer');
  const section = page.getByTestId('connected-cars');
  const picker = section.locator('.file-picker');
  await expect(picker.getByTestId('file-picker-button')).toHaveText('Choisir un fichier');
  await expect(picker.getByTestId('file-picker-name')).toHaveText('Aucun fichier choisi');
  // The native input (its browser text, "Choose File", in English) is out of sight but still takes the keyboard.
  const input = section.getByTestId('dead-letter-file');
  expect(await input.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
  await input.focus();
  await expect(input).toBeFocused();
  await input.setInputFiles({
    name: 'lettres-mortes.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from('{"at":"2026-11-29T10:00:00.000Z","reason":"replayed","tokenId":"0x1"}\n'),
  });
  await expect(picker.getByTestId('file-picker-name')).toHaveText('lettres-mortes.ndjson');
  // The chosen name is the input's description for a screen reader.
  await expect(input).toHaveAccessibleDescription('lettres-mortes.ndjson');
  await expect(page.getByTestId('dead-letter-summary')).toBeVisible();
});
