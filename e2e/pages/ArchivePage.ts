import type { Locator, Page } from '@playwright/test';
import { openWalletPage } from '../fixtures/test';

export class ArchivePage {
  constructor(private readonly page: Page) {}

  /** The lookup works before any wallet is connected. */
  async openWithoutWallet() {
    await this.page.goto('/archive');
  }

  async open() {
    await openWalletPage(this.page, '/archive');
  }

  async chooseDocument(name: string, contents: string) {
    await this.page
      .getByLabel('Document', { exact: true })
      .setInputFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(contents) });
  }

  async lookUpHash(hash: string) {
    const form = this.page.getByRole('form', { name: 'Look up a hash' });
    await form.getByLabel('Or paste a sha256').fill(hash);
    await form.getByRole('button', { name: 'Look up' }).click();
  }

  get hash(): Locator {
    return this.page.getByTestId('document-hash');
  }

  get verdict(): Locator {
    return this.page.getByTestId('anchor-verdict');
  }

  async anchor() {
    await this.page.getByRole('button', { name: 'Anchor this document' }).click();
    return this.page.getByTestId('anchor-status');
  }
}
