import { expect, type Locator, type Page } from '@playwright/test';
import { openWalletPage } from '../fixtures/test';

export class ConsortiumPage {
  constructor(private readonly page: Page) {}

  async open() {
    await openWalletPage(this.page, '/consortium');
  }

  member(name: string): Locator {
    return this.page.getByTestId('member').filter({ hasText: name });
  }

  proposal(text: string): Locator {
    return this.page.getByTestId('proposal').filter({ hasText: text });
  }

  async proposeNewMember(name: string, kind: string, admin: string) {
    const form = this.page.getByRole('form', { name: 'New proposal' });
    await form.getByLabel('Proposal').selectOption({ label: 'Admit a member' });
    await form.getByLabel('Organisation name').fill(name);
    await form.getByLabel('Kind').selectOption({ label: kind });
    await form.getByLabel('Admin address').fill(admin);
    await form.getByRole('button', { name: 'Propose' }).click();
    await expect(form.getByTestId('propose-status')).toContainText(`Admitting ${name} is proposed`);
  }

  async approve(text: string) {
    const proposal = this.proposal(text);
    await proposal.getByRole('button', { name: 'Approve' }).click();
    await expect(proposal.getByTestId('approve-status')).toContainText('Approved');
  }

  async addStaff(account: string, role: string) {
    const form = this.page.getByRole('form', { name: 'Add a staff account' });
    await form.getByLabel('Staff account').fill(account);
    await form.getByLabel('Role').selectOption({ label: role });
    await form.getByRole('button', { name: 'Add staff' }).click();
    return this.page.getByTestId('staff-add-status');
  }

  get orgKey(): Locator {
    return this.page.getByTestId('org-key');
  }

  /** Publishes (or rotates) the organisation's reading key for the staff who registered a reading key. */
  async publishOrgKey() {
    await this.orgKey.getByRole('button', { name: /Publish the organisation key|Rotate to version/ }).click();
    return this.orgKey.getByTestId('org-key-status');
  }

  /** Wraps the current organisation key for staff who registered a reading key after it was published. */
  async shareOrgKeyWithNewStaff() {
    await this.orgKey
      .getByTestId('org-key-waiting')
      .getByRole('button', { name: /Share version \d+ with them/ })
      .click();
    return this.orgKey.getByTestId('org-key-add-status');
  }

  staff(account: string): Locator {
    return this.page.getByTestId('staff-member').filter({ hasText: account });
  }
}
