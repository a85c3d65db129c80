import { mkdirSync } from 'node:fs';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { ConsortiumPage } from './pages/ConsortiumPage';
import { demoAccounts } from '../lib/dev/stack/accounts';

const accounts = demoAccounts();
const NEWCOMER = 'Ecoparts Recycling';
const DISMANTLER = '0x1111111111111111111111111111111111111111';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('the members admit a new recycler by strict majority, and its admin adds a dismantler', async ({ actor }) => {
  // Volta's admin proposes; its own approval counts at once. Four members: three approvals are needed.
  const maker = await actor('makerAdmin');
  const makerView = new ConsortiumPage(maker.page);
  await makerView.open();
  await expect(maker.page.getByTestId('members').getByTestId('member')).toHaveCount(4);
  await makerView.proposeNewMember(NEWCOMER, 'Recycler', accounts.independentWorkshop.address);
  const proposal = makerView.proposal(`Admit ${NEWCOMER}`);
  await expect(proposal.getByTestId('approvals')).toHaveText('1 of 3 approvals needed');
  await expect(proposal.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // Assura's admin approves: two of four is not a majority yet.
  const insurer = await actor('insurerAdmin');
  const insurerView = new ConsortiumPage(insurer.page);
  await insurerView.open();
  await insurerView.approve(`Admit ${NEWCOMER}`);
  await expect(insurerView.proposal(`Admit ${NEWCOMER}`).getByTestId('approvals')).toHaveText(
    '2 of 3 approvals needed',
  );
  await expect(insurerView.proposal(`Admit ${NEWCOMER}`).getByTestId('proposal-state')).toHaveText('Open');
  await expect(insurerView.member(NEWCOMER)).toHaveCount(0);
  await screenshot(insurer.page, 'consortium-proposal-open');

  // Archiva's admin approves: the majority is reached and the member is admitted in the same transaction.
  const archive = await actor('archiveAdmin');
  const archiveView = new ConsortiumPage(archive.page);
  await archiveView.open();
  await archiveView.approve(`Admit ${NEWCOMER}`);
  await expect(archiveView.proposal(`Admit ${NEWCOMER}`).getByTestId('proposal-state')).toHaveText('Carried');
  await expect(archiveView.member(NEWCOMER)).toContainText('Recycler');
  await expect(archive.page.getByRole('heading', { name: 'Members (5)' })).toBeVisible();

  // The new member's admin manages its own staff.
  const newcomer = await actor('independentWorkshop');
  const newcomerView = new ConsortiumPage(newcomer.page);
  await newcomerView.open();
  await expect(newcomer.page.getByTestId('membership')).toContainText(`admin of ${NEWCOMER}`);
  await expect(await newcomerView.addStaff(DISMANTLER, 'Dismantler')).toContainText(
    'now acts for Ecoparts Recycling as dismantler',
  );
  await expect(newcomerView.staff(DISMANTLER)).toContainText('Dismantler');
  await screenshot(newcomer.page, 'consortium-new-member-staff');
});
