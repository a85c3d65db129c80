import { expect, type Locator, type Page } from '@playwright/test';
import { openWalletPage } from '../fixtures/test';
import { fillPrivateFields, type PrivateFields } from './PrivacyBar';

export class GaragePage {
  constructor(private readonly page: Page) {}

  /** Opens the garage; with `model`, also opens that car's book (the list shows one book open at a time). */
  async open(model?: string) {
    await openWalletPage(this.page, '/garage');
    if (model) await this.show(model);
  }

  /** The open book of `model` (its verdict, facts and tabs); the other cars are one-line rows. */
  book(model: string): Locator {
    return this.page.getByTestId('owned-book').filter({ hasText: model });
  }

  /** The one-line row of a car that is not open. */
  row(model: string): Locator {
    return this.page.getByTestId('garage-row').filter({ hasText: model });
  }

  /** The car in the list, open or not: gone once it is sold or handed over. */
  car(model: string): Locator {
    return this.book(model).or(this.row(model));
  }

  /** Opens `model`'s book if another one is open, then the tab (History, Workshops, Buyer, Insurance, Sell). */
  async show(model: string, tab?: 'History' | 'Workshops' | 'Buyer' | 'Insurance' | 'Sell') {
    await expect(this.car(model).first()).toBeVisible();
    if (!(await this.book(model).isVisible())) await this.row(model).getByRole('button', { name: 'Open' }).click();
    await expect(this.book(model)).toBeVisible();
    if (tab) {
      const button = this.book(model).getByRole('tab', { name: tab });
      if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
      await expect(button).toHaveAttribute('aria-selected', 'true');
    }
  }

  /** The message left when a book leaves the garage (sold, handed to the insurer). */
  get notice(): Locator {
    return this.page.getByTestId('garage-notice');
  }

  async addRecord(model: string, mileage: string, kind = 'Service', privateFields?: PrivateFields) {
    await this.show(model, 'History');
    const form = this.book(model).getByRole('form', { name: 'Add a record' });
    await form.getByLabel('Mileage (km)').fill(mileage);
    await form.getByLabel('Kind').selectOption({ label: kind });
    if (privateFields) await fillPrivateFields(form, privateFields);
    await form.getByRole('button', { name: 'Add record' }).click();
    return form.getByTestId('tx-status');
  }

  grants(model: string): Locator {
    return this.book(model).getByTestId('grant');
  }

  async grantAccess(model: string, workshop: string, days?: string) {
    await this.show(model, 'Workshops');
    const form = this.book(model).getByRole('form', { name: 'Grant workshop access' });
    await form.getByLabel("Workshop's address").fill(workshop);
    if (days !== undefined) await form.getByLabel('Days').fill(days);
    await form.getByRole('button', { name: 'Grant access' }).click();
    return form.getByTestId('grant-status');
  }

  async revoke(model: string, workshop: string) {
    await this.show(model, 'Workshops');
    await this.grants(model)
      .filter({ has: this.page.locator(`[title="${workshop}"]`) })
      .getByRole('button', { name: 'Revoke' })
      .click();
    return this.book(model).getByTestId('revoke-status');
  }

  /** The book's id (0x + 64 hex), as the workshop and the public page take it. */
  async bookId(model: string): Promise<string> {
    return (await this.book(model).getAttribute('data-book-id'))!;
  }

  /** Lets a granted workshop read the private history now (wraps every key period the owner holds for it). */
  async sharePrivateHistory(model: string, workshop: string) {
    await this.show(model, 'Workshops');
    await this.grants(model)
      .filter({ has: this.page.locator(`[title="${workshop}"]`) })
      .getByRole('button', { name: 'Share private history' })
      .click();
    return this.book(model).getByTestId('share-history-status');
  }

  /** Creates a buyer's share link; returns the link shown once. */
  async createShareLink(model: string): Promise<string> {
    await this.show(model, 'Buyer');
    const share = this.book(model).getByTestId('buyer-share');
    await share.getByRole('button', { name: 'Share the full history with a buyer' }).click();
    await expect(share.getByTestId('share-status')).toContainText('Link created');
    await expect(share.getByTestId('share-qr')).toBeVisible();
    return share.getByTestId('share-url').inputValue();
  }

  shareLinks(model: string): Locator {
    return this.book(model).getByTestId('share-link');
  }

  async revokeShareLink(model: string) {
    await this.show(model, 'Buyer');
    await this.shareLinks(model).first().getByRole('button', { name: 'Revoke' }).click();
    return this.book(model).getByTestId('share-revoke-status');
  }

  coverStatus(model: string): Locator {
    return this.book(model).getByTestId('cover-status');
  }

  async askForCover(model: string, insurer: string) {
    await this.show(model, 'Insurance');
    const form = this.book(model).getByRole('form', { name: 'Ask for cover' });
    await form.getByLabel('Insurer').selectOption({ label: insurer });
    await form.getByRole('button', { name: 'Ask for cover' }).click();
    await expect(this.book(model).getByTestId('cover-tx-status')).toContainText(`Cover requested from ${insurer}`);
  }

  /** Fills the buyer and asks to transfer: returns the confirmation step, not yet confirmed. */
  async startSale(model: string, buyer: string): Promise<Locator> {
    await this.show(model, 'Sell');
    const form = this.book(model).getByRole('form', { name: 'Transfer the title' });
    await form.getByLabel("New owner's address").fill(buyer);
    await form.getByRole('button', { name: 'Transfer title…' }).click();
    return this.book(model).getByRole('alertdialog', { name: 'Transfer the title for good?' });
  }

  async handToInsurer(model: string, insurer: string) {
    await this.show(model);
    const book = this.book(model);
    await book.getByRole('button', { name: `Hand the title to ${insurer}…` }).click();
    await book.getByRole('alertdialog').getByRole('button', { name: 'Yes, hand it over' }).click();
    await expect(this.notice).toContainText(`${insurer} now holds the wreck of ${model}`);
  }
}
