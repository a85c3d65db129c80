import { expect, type Page } from '@playwright/test';
import { connectWallet } from '../fixtures/test';

export class ManufacturerPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/manufacturer');
    await connectWallet(this.page);
  }

  async createCarBook(vin: string, owner: string, model: string) {
    const form = this.page.getByRole('form', { name: 'Create a car book' });
    await form.getByLabel('VIN').fill(vin);
    await form.getByLabel("First owner's address").fill(owner);
    await form.getByLabel('Model').fill(model);
    await form.getByRole('button', { name: 'Create car book' }).click();
    await expect(this.page.getByTestId('tx-status')).toContainText('Car book created', { timeout: 60_000 });
  }
}
