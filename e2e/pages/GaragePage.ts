import { expect, type Locator, type Page } from '@playwright/test';
import { connectWallet } from '../fixtures/test';

export class GaragePage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/garage');
    await connectWallet(this.page);
  }

  book(model: string): Locator {
    return this.page.getByTestId('owned-book').filter({ hasText: model });
  }

  async addRecord(model: string, mileage: string, kind = 'Service') {
    const form = this.book(model).getByRole('form', { name: 'Add a record' });
    await form.getByLabel('Mileage (km)').fill(mileage);
    await form.getByLabel('Kind').selectOption({ label: kind });
    await form.getByRole('button', { name: 'Add record' }).click();
    return form.getByTestId('tx-status');
  }
}
