import { expect, type Locator, type Page } from '@playwright/test';
import { openWalletPage } from '../fixtures/test';

export class InsurerPage {
  constructor(private readonly page: Page) {}

  async open() {
    await openWalletPage(this.page, '/insurer');
  }

  coverRequest(model: string): Locator {
    return this.page.getByTestId('cover-request').filter({ hasText: model });
  }

  coveredBook(model: string): Locator {
    return this.page.getByTestId('covered-book').filter({ hasText: model });
  }

  claim(model: string): Locator {
    return this.page.getByTestId('claim').filter({ hasText: model });
  }

  async acceptCover(model: string) {
    await this.coverRequest(model).getByRole('button', { name: 'Accept cover' }).click();
    await expect(this.page.getByTestId('accept-status')).toContainText('Cover accepted');
  }

  async openClaim(model: string) {
    await this.coveredBook(model).getByRole('button', { name: 'Open a claim' }).click();
    await expect(this.page.getByTestId('claim-open-status')).toContainText('Claim opened');
  }

  async mandateExpert(model: string, expert: string) {
    const claim = this.claim(model);
    await claim.getByLabel("Expert's address").fill(expert);
    await claim.getByRole('button', { name: 'Mandate expert' }).click();
    await expect(claim.getByTestId('mandate-status')).toContainText('is mandated for claim');
  }

  /** Ends the cover of a covered car from the desk (confirmed); the car leaves the covered list. */
  async endCover(model: string) {
    const covered = this.coveredBook(model);
    await covered.getByRole('button', { name: 'End cover…' }).click();
    await covered
      .getByRole('alertdialog', { name: 'End the cover?' })
      .getByRole('button', { name: 'Yes, end the cover' })
      .click();
    await expect(this.coveredBook(model)).toHaveCount(0);
  }

  wreck(model: string): Locator {
    return this.page.getByTestId('held-wreck').filter({ hasText: model });
  }

  async transferToRecycler(model: string, recycler: string) {
    const wreck = this.wreck(model);
    await wreck.getByRole('combobox').selectOption({ label: recycler });
    await wreck.getByRole('button', { name: 'Transfer to recycler…' }).click();
    await wreck.getByRole('alertdialog').getByRole('button', { name: 'Yes, transfer the wreck' }).click();
    await expect(this.page.getByTestId('wreck-notice')).toContainText(`${recycler} now holds it`);
  }
}
