/**
 * Issue 8 item 3, "one send-and-wait helper": the local stack deploys with lib/browser/chain's `sendAndWait`, the
 * step `sendContract` ends with, and has no raw send path of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAndWait } from '../../browser/chain';
import { TransactionReverted } from '../../browser/chain/send';
import { demoAccounts } from './accounts';
import { startAnvil, type AnvilHandle } from './anvil';
import { clientsFor, deployCode } from './deploy';

/** Creation code of a one-byte contract (STOP): MSTORE8 0 at 0, RETURN memory[0..1]. */
const TINY_CREATION = '0x600060005360016000f3';
/** Creation code that reverts: REVERT(0, 0). */
const REVERTING_CREATION = '0x60006000fd';

let anvil: AnvilHandle;
const clients = () => clientsFor(anvil.url, 31337, demoAccounts().makerAdmin);

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 });
}, 60_000);

afterAll(async () => {
  await anvil?.stop();
});

describe('deployment through the one send-and-wait helper', () => {
  it('deploys creation code and returns the address from the receipt', async () => {
    const { publicClient, walletClient } = clients();
    const { address, blockNumber } = await deployCode(publicClient, walletClient, TINY_CREATION);
    expect(await publicClient.getCode({ address })).toBe('0x00');
    expect(blockNumber).toBeGreaterThan(0n);
  });

  it('throws TransactionReverted, named "contract creation", for a creation mined as reverted', async () => {
    const { publicClient, walletClient } = clients();
    // An explicit gas limit: without it the wallet's estimate would refuse before anything is mined.
    const sent = sendAndWait(publicClient, walletClient, { data: REVERTING_CREATION, gas: 100_000n });
    await expect(sent).rejects.toBeInstanceOf(TransactionReverted);
    await expect(sent).rejects.toMatchObject({ functionName: 'contract creation' });
  });

  it('lib/dev/stack sends no transaction of its own (no sendTransaction, no receipt wait)', () => {
    const dir = import.meta.dirname;
    const sources = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(sources).toContain('deploy.ts');
    const offenders = sources.filter((file) =>
      /\.(sendTransaction|waitForTransactionReceipt|writeContract)\(/.test(readFileSync(path.join(dir, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
