import { expect, type Locator, type Page } from '@playwright/test';

/** The "Unlock private details" action every wallet page carries under its title. */
export class PrivacyBar {
  constructor(private readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId('unlock-status');
  }

  /** Signs the reading-key request (and registers the key on first use); waits until the keys are in memory. */
  async unlock(): Promise<Locator> {
    await this.page.getByTestId('unlock-panel').first().getByRole('button', { name: 'Unlock private details' }).click();
    await expect(this.status).toContainText('Private details unlocked');
    return this.status;
  }
}

export interface PrivateFields {
  label?: string;
  details?: string;
  files?: { name: string; mimeType: string; buffer: Buffer }[];
}

/** Fills a record form's private fields (label, details, documents). */
export async function fillPrivateFields(form: Locator, fields: PrivateFields): Promise<void> {
  if (fields.label !== undefined) await form.getByLabel('Label', { exact: true }).fill(fields.label);
  if (fields.details !== undefined) await form.getByLabel('Details').fill(fields.details);
  if (fields.files) await form.getByLabel('Documents').setInputFiles(fields.files);
}

/** The private part shown under a record of a history table, found by its label. */
export function privateRecord(scope: Locator, label: string): Locator {
  return scope.getByTestId('record-private').filter({ hasText: label });
}
