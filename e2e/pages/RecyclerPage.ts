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

  row(model: string): Locator {
    return this.page.getByTestId('recycler-row').filter({ hasText: model });
  }

  /** Opens `model`'s wreck when another one is open (the yard shows one wreck open at a time). */
  async openWreck(model: string) {
    await this.book(model).or(this.row(model)).first().waitFor();
    if (!(await this.book(model).isVisible())) await this.row(model).getByRole('button', { name: 'Open' }).click();
  }

  async declareDestroyed(model: string): Promise<Locator> {
    await this.openWreck(model);
    const book = this.book(model);
    await book.getByRole('button', { name: 'Declare destroyed…' }).click();
    await book
      .getByRole('alertdialog', { name: 'Declare this car destroyed?' })
      .getByRole('button', { name: 'Yes, declare destroyed' })
      .click();
    return book.getByTestId('destroy-status');
  }
}
