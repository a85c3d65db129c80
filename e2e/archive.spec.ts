import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { test, expect, screenshot, SCREENSHOTS } from './fixtures/test';
import { ArchivePage } from './pages/ArchivePage';

const INVOICE = 'Invoice 2026-118 — Garage du Parc — timing belt replaced at 52,300 km — 640.00 EUR\n';
const sha256 = (text: string) => `0x${createHash('sha256').update(text).digest('hex')}`;

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('anyone checks a document without a wallet; the archiving service anchors it', async ({ actor, browser }) => {
  // Before anchoring, a visitor without any wallet drops the invoice: hashed in the browser, not anchored.
  const visitorContext = await browser.newContext();
  const visitor = new ArchivePage(await visitorContext.newPage());
  await visitor.openWithoutWallet();
  await visitor.chooseDocument('invoice.pdf', INVOICE);
  await expect(visitor.hash).toHaveText(sha256(INVOICE));
  await expect(visitor.verdict).toContainText('Not anchored');

  // Archiva's admin anchors it.
  const archivist = await actor('archiveAdmin');
  const archive = new ArchivePage(archivist.page);
  await archive.open();
  await archive.chooseDocument('invoice.pdf', INVOICE);
  await expect(archive.verdict).toContainText('Not anchored');
  await expect(await archive.anchor()).toContainText('Anchored: invoice.pdf now has a proof of existence on chain.');
  await expect(archive.verdict).toContainText('Anchored');
  await expect(archive.verdict).toContainText('by Archiva Records');
  await screenshot(archivist.page, 'archivist-anchored');

  // The visitor, still without a wallet, looks the hash up: anchored, when and by whom. A changed byte is not.
  await visitor.openWithoutWallet();
  await visitor.lookUpHash(sha256(INVOICE));
  await expect(visitor.verdict).toContainText('Anchored');
  await expect(visitor.verdict).toContainText('Archiva Records');
  await screenshot(visitor['page'], 'visitor-document-lookup');
  await visitor.chooseDocument('invoice-altered.pdf', INVOICE.replace('640.00', '64.00'));
  await expect(visitor.verdict).toContainText('Not anchored');
  await visitorContext.close();
});

test('only an archiving service anchors: an owner is refused in words', async ({ actor }) => {
  const alice = await actor('alice');
  const archive = new ArchivePage(alice.page);
  await archive.open();
  await expect(alice.page.getByTestId('membership')).toContainText(
    'Only the staff of an archiving service can anchor documents.',
  );
  await archive.chooseDocument('invoice.pdf', INVOICE);
  await expect(archive.verdict).toContainText('Not anchored');
  await expect(alice.page.getByRole('button', { name: 'Anchor this document' })).toHaveCount(0);
});
