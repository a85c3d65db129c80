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

  /** The "Connected cars" section (maker's staff). */
  connectedCars() {
    return this.page.getByTestId('connected-cars');
  }

  /** The card of the connected car whose model label is `model`. */
  connectedCar(model: string) {
    return this.connectedCars().getByTestId('connected-car').filter({ hasText: model });
  }

  /** The car's book id as its public page link gives it (`/verify?book=<id>`). */
  async bookIdOf(model: string): Promise<string> {
    const href = await this.connectedCar(model).locator('a[href*="book="]').first().getAttribute('href');
    const id = new URL(href ?? '', 'http://x').searchParams.get('book');
    if (!id) throw new Error(`no book link for ${model}`);
    return id;
  }

  /** Opens an ingester dead-letter file (NDJSON text) in the section's file input: it stays in the browser. */
  async openDeadLetters(name: string, text: string) {
    await this.page.getByTestId('dead-letter-file').setInputFiles({
      name,
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(text),
    });
  }

  async rotateDeviceKey(model: string, newKey: string) {
    const card = this.connectedCar(model);
    await card.getByRole('button', { name: 'Replace the device key' }).click();
    await card.getByRole('form', { name: 'Register a new device key' }).getByLabel('New device key').fill(newKey);
    await card.getByRole('button', { name: 'Register the new key' }).click();
    await expect(card.getByTestId('device-key-status')).toContainText('Device key replaced', { timeout: 60_000 });
  }
}
