import type { Locator, Page } from '@playwright/test';
import { openWalletPage } from '../fixtures/test';
import { fillPrivateFields, type PrivateFields } from './PrivacyBar';

export class WorkshopPage {
  constructor(private readonly page: Page) {}

  async open() {
    await openWalletPage(this.page, '/workshop');
  }

  async openBook(vinOrBookId: string) {
    const form = this.page.getByRole('form', { name: 'Find a car book' });
    await form.getByLabel('VIN or car book id').fill(vinOrBookId);
    await form.getByRole('button', { name: 'Open' }).click();
  }

  get progress(): Locator {
    return this.page.getByRole('progressbar', { name: 'Deriving the VIN commitment' });
  }

  get book(): Locator {
    return this.page.getByTestId('workshop-book');
  }

  get access(): Locator {
    return this.book.getByTestId('access');
  }

  async addRecord(mileage: string, kind = 'Service', privateFields?: PrivateFields) {
    const form = this.book.getByRole('form', { name: 'Add a record' });
    await form.getByLabel('Mileage (km)').fill(mileage);
    await form.getByLabel('Kind').selectOption({ label: kind });
    if (privateFields) await fillPrivateFields(form, privateFields);
    await form.getByRole('button', { name: 'Add record' }).click();
    return form.getByTestId('tx-status');
  }
}
