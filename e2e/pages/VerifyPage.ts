import { expect, type Page } from '@playwright/test';

/** Opens /verify, looks `vin` up through the form (in any language) and waits for the verdict. */
export async function lookUp(page: Page, vin: string): Promise<void> {
  await page.goto('/verify');
  await page.getByRole('textbox').first().fill(vin);
  await page.locator('form.lookup-form button[type=submit]').click();
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 60_000 });
}

export class VerifyPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/verify');
  }

  async verify(vin: string) {
    await this.page.getByLabel('VIN or car book id').fill(vin);
    await this.page.getByRole('button', { name: 'Verify' }).click();
  }

  get verdict() {
    return this.page.getByTestId('verdict');
  }
}
