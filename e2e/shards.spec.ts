import type { Page } from '@playwright/test';
import { test, expect, openWalletPage } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { lookUp } from './pages/VerifyPage';
import { ExpertPage } from './pages/ExpertPage';
import { RecyclerPage } from './pages/RecyclerPage';
import type { StackInfo } from './fixtures/stack-info';
import { BaseError, ContractFunctionRevertedError, createPublicClient, http, keccak256, toHex, type Abi } from 'viem';
import { demoAccounts } from '../lib/dev/stack/accounts';
import { clientsFor, DEMO_ORGS, DEMO_WMI_HEX } from '../lib/dev/stack/deploy';
import { carBookAbi, insuranceAbi, Verdict } from '../lib/browser/contracts';
import { bookIdFromParts, bookIdOf, DEV_VIN_COMMITMENT_PARAMS, vinCommitment } from '../lib/browser/vin';

/**
 * VIN sharding (issue 14): the stack runs two chains (CARBOOK_E2E_SHARDS=2, which playwright.config.ts needs to
 * include this spec). The demo cars land on both by the rule (book id mod 2), and a buyer verifies a car of either
 * chain by VIN and by id without ever picking a chain.
 */

async function lookUpId(page: Page, vin: string): Promise<bigint> {
  await lookUp(page, vin);
  const id = /[?&]book=(0x[0-9a-f]{64})/.exec(page.url())?.[1];
  expect(id, 'the address bar carries the book id').toBeTruthy();
  return BigInt(id!);
}

test('the demo cars land on both chains by the rule, and each verifies on /verify by VIN and by id', async ({
  page,
  stack,
}) => {
  expect(stack.shards, 'a two-chain stack (CARBOOK_E2E_SHARDS=2)').toHaveLength(2);
  expect(stack.runtimeConfig.shards.map((shard) => shard.chainId)).toEqual(stack.shards.map((shard) => shard.chainId));
  const reads: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') reads.push(new URL(request.url()).origin);
  });
  for (const [index, shard] of stack.shards.entries()) {
    expect(shard.seeded.length, `demo cars on chain ${index + 1}`).toBeGreaterThan(0);
    const vin = shard.seeded[0];
    const id = await lookUpId(page, vin);
    expect(Number(id % 2n), `${vin} is on chain ${index + 1}`).toBe(index);
    const verdict = await page.getByTestId('verdict-headline').textContent();
    // By id: the same report, read from the same chain.
    await page.goto(`/verify?book=0x${id.toString(16).padStart(64, '0')}`);
    await expect(page.getByTestId('verdict-headline')).toHaveText(verdict ?? '', { timeout: 60_000 });
  }
  // Both chains' proxies were read from, through the one page.
  for (const shard of stack.shards) expect(reads).toContain(new URL(shard.urls.proxy).origin);
});

/** Alice's car on the second chain (book id odd): its writes go there, after one switch of her wallet. */
const SECOND_CHAIN_CAR = 'Volta Aero e-Connect (2014)';

test('on the second chain: the owner grants a workshop, then sells the car; the wallet switches chain once', async ({
  actor,
  stack,
}) => {
  const accounts = demoAccounts();
  const alice = await actor('alice');
  const garage = new GaragePage(alice.page);
  await garage.open(SECOND_CHAIN_CAR);

  await garage.show(SECOND_CHAIN_CAR, 'Workshops');
  await expect(await garage.grantAccess(SECOND_CHAIN_CAR, accounts.independentWorkshop.address)).toContainText(
    'may write to this book for 7 days',
  );
  await expect(garage.grants(SECOND_CHAIN_CAR)).toHaveCount(1);
  // The wallet started on the first chain and was asked to move to the book's chain, once.
  expect(alice.wallet.switches).toEqual([stack.shards[1].chainId]);

  const confirm = await garage.startSale(SECOND_CHAIN_CAR, accounts.bob.address);
  await confirm.getByRole('button', { name: 'Yes, transfer the title' }).click();
  await expect(garage.notice).toContainText(
    `the car book of ${SECOND_CHAIN_CAR} now belongs to ${accounts.bob.address}`,
  );
  expect(alice.wallet.switches).toEqual([stack.shards[1].chainId]);

  // Bob's garage lists his cars of both chains, this one included.
  const bob = await actor('bob');
  const bobGarage = new GaragePage(bob.page);
  await bobGarage.open(SECOND_CHAIN_CAR);
  await expect(bobGarage.book(SECOND_CHAIN_CAR).getByTestId('owner-count')).toHaveText('2');
});

test("the consortium page shows each chain's share of the books and that the chains agree", async ({ page, stack }) => {
  await page.goto('/consortium');
  const [first, second] = stack.shards.map((shard) => shard.chainId);
  await expect(page.getByTestId('shard-line')).toHaveText([
    `Chain ${first}: books whose number modulo 2 is 0 · no proposal open`,
    `Chain ${second}: books whose number modulo 2 is 1 · no proposal open`,
  ]);
  await expect(page.getByTestId('shards-agree')).toContainText('All 2 chains agree');
});

test('a car book created on the wrong chain is refused on chain with the shard error', async ({ stack }) => {
  const dealer = demoAccounts().dealer;
  // A commitment whose book belongs on the first chain (id even), sent to the second chain's CarBook through its proxy.
  let commitment = keccak256(toHex('wrong shard e2e'));
  while (bookIdFromParts(DEMO_WMI_HEX, commitment) % 2n !== 0n) commitment = keccak256(commitment);
  const second = stack.runtimeConfig.shards[1];
  const client = createPublicClient({ transport: http(second.rpcUrl) });
  const refusal = await client
    .simulateContract({
      account: dealer.address,
      address: second.contracts.carBook,
      abi: carBookAbi,
      functionName: 'createCarBook',
      args: [DEMO_WMI_HEX, commitment, demoAccounts().alice.address, '0x0000000000000000000000000000000000000000', ''],
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(refusal, 'the second chain refuses a book of the first').toBeInstanceOf(BaseError);
  const reverted = (refusal as BaseError).walk((e) => e instanceof ContractFunctionRevertedError);
  expect(reverted).toBeInstanceOf(ContractFunctionRevertedError);
  // Shards are numbered from 0 on chain (the sentence the dApp shows numbers them from 1).
  expect((reverted as ContractFunctionRevertedError).data?.errorName).toBe('CarBookWrongShard');
  expect((reverted as ContractFunctionRevertedError).data?.args).toEqual([0n, 1n]);
  // The same commitment is accepted by the first chain (a dry run: nothing is written).
  const first = stack.runtimeConfig.shards[0];
  await createPublicClient({ transport: http(first.rpcUrl) }).simulateContract({
    account: dealer.address,
    address: first.contracts.carBook,
    abi: carBookAbi,
    functionName: 'createCarBook',
    args: [DEMO_WMI_HEX, commitment, demoAccounts().alice.address, '0x0000000000000000000000000000000000000000', ''],
  });
});

/**
 * Entries on both chains for the role lists: on the second chain a claim on Alice's connected car mandated to the
 * expert (the seed's claims are all decided), on the first a car handed to the recycler (the seed's only wreck, on
 * the second chain, stays in its yard). Returns the new claim's id on the second chain.
 */
async function listEntriesOnBothChains(config: StackInfo['runtimeConfig']): Promise<bigint> {
  const accounts = demoAccounts();
  const [first, second] = config.shards;
  const send = async (
    shard: typeof first,
    role: 'alice' | 'insurerAdmin',
    call: { address: `0x${string}`; abi: Abi; functionName: string; args: readonly unknown[] },
  ) => {
    const { publicClient, walletClient } = clientsFor(shard.rpcUrl, shard.chainId, accounts[role]);
    const hash = await walletClient.writeContract({
      ...call,
      chain: walletClient.chain,
      account: walletClient.account,
    });
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    return publicClient;
  };
  const idOf = async (vin: string) => bookIdOf(vin, await vinCommitment(vin, DEV_VIN_COMMITMENT_PARAMS));
  const aero = await idOf('WVWZZZ3CZEE000004');
  const insurance = { address: second.contracts.insurance, abi: insuranceAbi } as const;
  await send(second, 'alice', { ...insurance, functionName: 'requestCover', args: [aero, DEMO_ORGS.insurer] });
  await send(second, 'insurerAdmin', { ...insurance, functionName: 'acceptCover', args: [aero] });
  const client = await send(second, 'insurerAdmin', { ...insurance, functionName: 'openClaim', args: [aero] });
  const claimId = await client.readContract({ ...insurance, functionName: 'claimCount' });
  await send(second, 'insurerAdmin', {
    ...insurance,
    functionName: 'mandateExpert',
    args: [claimId, accounts.expert.address],
  });
  const volta = await idOf('WVWZZZ1JZXW000001');
  await send(first, 'alice', {
    address: first.contracts.carBook,
    abi: carBookAbi,
    functionName: 'safeTransferFrom',
    args: [accounts.alice.address, accounts.recyclerAdmin.address, volta],
  });
  return claimId;
}

test("the expert's mandates and the recycler's yard show both chains; a verdict on a second-chain claim lands there", async ({
  actor,
  stack,
}) => {
  const claimId = await listEntriesOnBothChains(stack.runtimeConfig);
  const second = stack.runtimeConfig.shards[1];

  // The yard: the car handed over on the first chain and the seed's destroyed wreck on the second, each tagged.
  const recycler = await actor('recyclerAdmin');
  const yard = new RecyclerPage(recycler.page);
  await yard.open();
  await expect(recycler.page.getByRole('heading', { name: 'Wrecks you hold (2)' })).toBeVisible({ timeout: 60_000 });
  const yardEntries = recycler.page.locator('[data-testid="recycler-row"], [data-testid="recycler-book"]');
  await expect(yardEntries).toHaveCount(2);
  expect((await yardEntries.evaluateAll((els) => els.map((el) => el.getAttribute('data-shard')))).sort()).toEqual([
    '0',
    '1',
  ]);
  await expect(yard.row('Volta Mini 1.1 (2000)').or(yard.book('Volta Mini 1.1 (2000)'))).toContainText(
    `on ${second.chainName}`,
  );

  // The mandates: the seed's decided claims of both chains and the new live one, open first, on the second chain.
  const expert = await actor('expert');
  const desk = new ExpertPage(expert.page);
  await desk.open();
  const MODEL = 'Volta Aero e-Connect (2014)';
  await expect(desk.claim(MODEL)).toHaveAttribute('data-shard', '1', { timeout: 60_000 });
  await expect(desk.claim(MODEL)).toHaveAttribute('data-claim-id', claimId.toString());
  await expect(expert.page.getByTestId('expert-row')).toHaveCount(3);
  expect(
    (await expert.page.getByTestId('expert-row').evaluateAll((els) => els.map((el) => el.dataset.shard))).sort(),
  ).toEqual(['0', '1', '1']);
  await desk.diagnose(MODEL, '97,000', 'Repairable');
  await expect(desk.status(MODEL)).toHaveText('Diagnosis recorded: the car is repairable.');
  // Sent to the claim's chain (the wallet asked to switch once), and decided there.
  expect(expert.wallet.switches).toEqual([second.chainId]);
  const onSecond = createPublicClient({ transport: http(second.rpcUrl) });
  const decided = await onSecond.readContract({
    address: second.contracts.insurance,
    abi: insuranceAbi,
    functionName: 'claim',
    args: [claimId],
  });
  expect(decided.verdict).toBe(Verdict.Repairable);
});

/** The demo dealer creates a book on the first chain (an even id) with `device` as its key and no model. */
async function connectOnFirstChain(stack: StackInfo, label: string, device: `0x${string}`): Promise<void> {
  const [first] = stack.runtimeConfig.shards;
  let commitment = keccak256(toHex(label));
  while (bookIdFromParts(DEMO_WMI_HEX, commitment) % 2n !== 0n) commitment = keccak256(commitment);
  const { publicClient, walletClient } = clientsFor(first.rpcUrl, first.chainId, demoAccounts().dealer);
  const hash = await walletClient.writeContract({
    chain: walletClient.chain,
    account: walletClient.account,
    address: first.contracts.carBook,
    abi: carBookAbi,
    functionName: 'createCarBook',
    args: [DEMO_WMI_HEX, commitment, demoAccounts().alice.address, device, ''],
  });
  expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
}

test("the maker's connected cars: one chain down, the other's cars still show and the page names the chain down", async ({
  actor,
  stack,
}) => {
  const [first, second] = stack.runtimeConfig.shards;
  // The seed's connected car lives on the second chain: the dealer connects one on the first (a book whose id is
  // even, with a device key), then the browser is cut off from the second chain (the first holds the membership).
  await connectOnFirstChain(stack, 'connected on the first chain', '0x00000000000000000000000000000000000000d1');
  const { page } = await actor('dealer');
  const downUrl = new URL(second.rpcUrl).href;
  await page.route(
    (url) => url.href === downUrl,
    (route) => route.abort('connectionrefused'),
  );
  await openWalletPage(page, '/manufacturer');
  const section = page.getByTestId('connected-cars');
  await expect(section.getByTestId('unread-chains')).toHaveText(
    `The chain ${second.chainName} could not be read: its entries are missing from this list. Try again in a moment.`,
    { timeout: 60_000 },
  );
  // The first chain's car shows, tagged with its chain; nothing of the second, and no failure of the whole list.
  const cars = section.getByTestId('connected-car');
  await expect(cars).toHaveCount(1);
  await expect(cars.first()).toHaveAttribute('data-shard', '0');
  await expect(cars.first().getByTestId('entry-chain')).toHaveText(`on ${first.chainName}`);
  await expect(cars.first().getByTestId('connected-device')).toHaveText(/^0x0{38}d1$/i);
  await expect(section.getByRole('alert').filter({ hasText: /node/ })).toHaveCount(0);
});

test('a connected car whose book names no model is called a vehicle in the page’s language', async ({
  actor,
  stack,
}) => {
  await connectOnFirstChain(stack, 'a book with no model', '0x00000000000000000000000000000000000000d2');
  const { page } = await actor('dealer', { locale: 'fr-FR' });
  await openWalletPage(page, '/manufacturer');
  const card = page
    .getByTestId('connected-car')
    .filter({ has: page.getByTestId('connected-device').filter({ hasText: /^0x0{38}d2$/i }) });
  await expect(card).toHaveCount(1, { timeout: 60_000 });
  // The English fallback was hard-coded: a French page said "Vehicle".
  await expect(card.locator('strong').first()).toHaveText('Véhicule');
});
