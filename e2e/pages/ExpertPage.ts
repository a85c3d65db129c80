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

  /** Fills the diagnosis (with an optional report) and submits; a total loss stops at its confirmation step, returned. */
  async diagnose(
    model: string,
    mileage: string,
    verdict: 'Repairable' | 'Total loss',
    report?: { name: string; mimeType: string; buffer: Buffer },
  ): Promise<Locator> {
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
