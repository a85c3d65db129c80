import type { Locator, Page } from '@playwright/test';
import { openWalletPage } from '../fixtures/test';

export class ExpertPage {
  constructor(private readonly page: Page) {}

  async open() {
    await openWalletPage(this.page, '/expert');
  }

  claim(model: string): Locator {
    return this.page.getByTestId('expert-claim').filter({ hasText: model });
  }

  row(model: string): Locator {
    return this.page.getByTestId('expert-row').filter({ hasText: model });
  }

  /** Opens `model`'s claim when another one is open (the desk shows one claim open at a time). */
  async openClaim(model: string) {
    await this.claim(model).or(this.row(model)).first().waitFor();
    if (!(await this.claim(model).isVisible())) await this.row(model).getByRole('button', { name: 'Open' }).click();
  }

  /** Fills the diagnosis (with an optional report) and submits; a total loss stops at its confirmation step, returned. */
  async diagnose(
    model: string,
    mileage: string,
    verdict: 'Repairable' | 'Total loss',
    report?: { name: string; mimeType: string; buffer: Buffer },
  ): Promise<Locator> {
    await this.openClaim(model);
    const claim = this.claim(model);
    await claim.getByLabel('Mileage read on the car (km)').fill(mileage);
    await claim.getByRole('radio', { name: verdict }).check();
    if (report) await claim.getByLabel('Expert report (optional)').setInputFiles(report);
    await claim.getByRole('button', { name: 'Submit diagnosis' }).click();
    return claim.getByRole('alertdialog', { name: 'Declare a total loss?' });
  }

  status(model: string): Locator {
    return this.claim(model).getByTestId('diagnosis-status');
  }
}
