import type { Page } from '@playwright/test';

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
