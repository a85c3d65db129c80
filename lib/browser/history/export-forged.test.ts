/**
 * Adversarial review (issue 10 follow-up): a hostile history file. The file names the CarBook it claims to come
 * from; a forger who can put a contract on the consortium's chain (any account on a chain without account
 * permissioning, a member's employee on one with it) answers `historyHead` with the head of a forged history.
 * The check must only ask the consortium's own CarBook, whatever the file says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, toFunctionSelector, type Address, type Hex, type PublicClient } from 'viem';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { deployLocalConsortium, localChain, type Deployment } from '../../dev/stack/deploy';
import { seedDemoVehicles } from '../../dev/stack/seed';
import { nextHead, readBookHistory, type HistoryRecord } from './read';
import { exportHistory, verifyExportedHistory } from './export';

let anvil: AnvilHandle;
let deployment: Deployment;
let client: PublicClient;
let tokenId: bigint;

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  const seeded = await seedDemoVehicles(anvil.url, deployment, { salt: '0x0a0c', N: 1024, r: 8, p: 1 });
  tokenId = seeded[0].tokenId;
  client = createPublicClient({ chain: localChain(31337, anvil.url), transport: http(anvil.url) });
});

afterAll(async () => {
  await anvil?.stop();
});

/** Runtime code answering `historyHead(uint256)` with `head` and any other call with 512 zero bytes. */
function fakeCarBookCode(head: Hex): Hex {
  const selector = toFunctionSelector('historyHead(uint256)').slice(2);
  // PUSH1 0 CALLDATALOAD PUSH1 0xe0 SHR PUSH4 <selector> EQ PUSH1 0x15 JUMPI (else) PUSH2 0x200 PUSH1 0 RETURN
  // JUMPDEST PUSH32 <head> PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
  const code = `600035 60e01c 63${selector} 14 601557 610200 6000f3 5b 7f${head.slice(2)} 600052 60206000f3`;
  return `0x${code.replace(/ /g, '')}`;
}

async function setCode(address: Address, code: Hex): Promise<void> {
  const response = await fetch(anvil.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_setCode', params: [address, code] }),
  });
  expect(((await response.json()) as { error?: unknown }).error).toBeUndefined();
}

describe('history export from a hostile file', () => {
  it('refuses a forged history whose file names a contract that is not the consortium’s CarBook', async () => {
    const atBlock = await client.getBlockNumber();
    const history = await readBookHistory(client, deployment.carBook, tokenId);
    const file = JSON.parse(
      JSON.stringify(exportHistory(history, { chainId: 31337, carBook: deployment.carBook, atBlock })),
    );
    // The forger lowers the last record's odometer and re-chains the records: a consistent file…
    file.records[file.records.length - 1].mileage = 1_000;
    let head: Hex = `0x${'0'.repeat(64)}`;
    for (const record of file.records as (Omit<HistoryRecord, 'blockNumber'> & { blockNumber: string })[]) {
      head = nextHead(head, tokenId, record);
      record.head = head;
    }
    file.head = head;
    delete file.readings;
    delete file.readingsHead;
    // …and a contract of its own on the same chain that "held" that head.
    const fake: Address = '0x00000000000000000000000000000000f04e1234';
    await setCode(fake, fakeCarBookCode(head));
    file.carBook = fake;

    const result = await verifyExportedHistory(
      file,
      { shards: [{ chainId: 31337, contracts: deployment }] },
      () => client,
    );
    expect(result).toMatchObject({ ok: false, problem: 'not-on-chain' });
    expect((result as { reason: string }).reason).toContain('not the consortium');
  });

  it('still verifies the genuine file, and routes a file to its own shard’s chain', async () => {
    const atBlock = await client.getBlockNumber();
    const history = await readBookHistory(client, deployment.carBook, tokenId);
    const file = JSON.parse(
      JSON.stringify(exportHistory(history, { chainId: 31337, carBook: deployment.carBook, atBlock })),
    );
    const asked: number[] = [];
    const consortium = {
      shards: [
        { chainId: 77, contracts: { carBook: '0x0000000000000000000000000000000000000077' as Address } },
        { chainId: 31337, contracts: { carBook: deployment.carBook.toLowerCase() as Address } },
      ],
    };
    const result = await verifyExportedHistory(file, consortium, (shard) => {
      asked.push(shard.chainId);
      return client;
    });
    expect(result).toMatchObject({ ok: true, records: history.records.length });
    expect(asked).toEqual([31337]);
    const elsewhere = { ...file, chainId: 5 };
    await expect(verifyExportedHistory(elsewhere, consortium, () => client)).resolves.toMatchObject({
      ok: false,
      problem: 'other-chain',
    });
  });
});
