import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { GaragePage } from './pages/GaragePage';
import { lookUp } from './pages/VerifyPage';
import { BaseError, ContractFunctionRevertedError, createPublicClient, http, keccak256, toHex } from 'viem';
import { demoAccounts } from '../lib/dev/stack/accounts';
import { DEMO_WMI_HEX } from '../lib/dev/stack/deploy';
import { carBookAbi } from '../lib/browser/contracts';
import { bookIdFromParts } from '../lib/browser/vin';

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
