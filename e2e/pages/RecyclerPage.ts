import type { Locator, Page } from '@playwright/test';
import { openWalletPage } from '../fixtures/test';

export class RecyclerPage {
  constructor(private readonly page: Page) {}

  async open() {
    await openWalletPage(this.page, '/recycler');
  }

  book(model: string): Locator {
    return this.page.getByTestId('recycler-book').filter({ hasText: model });
  }

  async declareDestroyed(model: string): Promise<Locator> {
    const book = this.book(model);
    await book.getByRole('button', { name: 'Declare destroyed…' }).click();
    await book
      .getByRole('alertdialog', { name: 'Declare this car destroyed?' })
      .getByRole('button', { name: 'Yes, declare destroyed' })
      .click();
    return book.getByTestId('destroy-status');
  }
}
