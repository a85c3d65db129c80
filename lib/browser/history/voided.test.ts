/**
 * Issue 10 on a real chain: the seed creates every demo car under its own WMI (item 6), a consortium vote voids an
 * implausible entry and the buyer's history and verdict show it (item 15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAbiParameters, encodeFunctionData, getAddress, keccak256, toHex, type Address, type Hex } from 'viem';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { demoAccounts, type DemoRole } from '../../dev/stack/accounts';
import { sendAndWait } from '../chain';
import { clientsFor, deployLocalConsortium, type Deployment } from '../../dev/stack/deploy';
import { seedDemoVehicles } from '../../dev/stack/seed';
import { carBookAbi, consortiumAbi } from '../contracts/generated';
import { ProposalAction } from '../contracts/roles';
import { bookIdOf, vinCommitment, wmiOf } from '../vin';
import { bookIdForVin } from './lookup';
import { readBookHistory } from './read';
import { timelineOf } from './timeline';
import { computeVerdict } from './verdict';

const TEST_VIN_PARAMS = { salt: '0x0a0b0c', N: 1024, r: 8, p: 1 } as const;
const IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';

let anvil: AnvilHandle;
let deployment: Deployment;
let seeded: { vin: string; tokenId: bigint }[];
const accounts = demoAccounts();
const clients = () => clientsFor(anvil.url, 31337, accounts.makerAdmin);

beforeAll(async () => {
  anvil = await startAnvil({ port: 0 });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  seeded = await seedDemoVehicles(anvil.url, deployment, TEST_VIN_PARAMS);
}, 120_000);

afterAll(async () => {
  await anvil?.stop();
});

async function send(role: DemoRole, to: Address, data: Hex) {
  const { publicClient, walletClient } = clientsFor(anvil.url, 31337, accounts[role]);
  await sendAndWait(publicClient, walletClient, { to, data });
}

/** A CarBook call run by governance: an UpgradeContract proposal to the current implementation, carried 3 of 4. */
async function governCarBook(callData: Hex) {
  const { publicClient } = clients();
  const slot = await publicClient.getStorageAt({ address: deployment.carBook, slot: IMPLEMENTATION_SLOT });
  const implementation = getAddress(`0x${slot!.slice(-40)}`);
  const data = encodeAbiParameters(
    [{ type: 'address' }, { type: 'address' }, { type: 'bytes' }],
    [deployment.carBook, implementation, callData],
  );
  await send(
    'makerAdmin',
    deployment.consortium,
    encodeFunctionData({ abi: consortiumAbi, functionName: 'propose', args: [ProposalAction.UpgradeContract, data] }),
  );
  const id = await publicClient.readContract({
    address: deployment.consortium,
    abi: consortiumAbi,
    functionName: 'proposalCount',
  });
  for (const voter of ['insurerAdmin', 'archiveAdmin'] as const)
    await send(
      voter,
      deployment.consortium,
      encodeFunctionData({ abi: consortiumAbi, functionName: 'approve', args: [id] }),
    );
}

describe('seeded cars under their own WMI', () => {
  it('creates every demo car at its WMI-bound id, and the buyer finds it from the VIN', async () => {
    const { publicClient } = clients();
    expect(new Set(seeded.map((s) => wmiOf(s.vin))).size).toBeGreaterThanOrEqual(5);
    for (const { vin, tokenId } of seeded) {
      expect(tokenId).toBe(bookIdOf(vin, await vinCommitment(vin, TEST_VIN_PARAMS)));
      const history = await readBookHistory(publicClient, deployment.carBook, tokenId);
      expect(history.exists, vin).toBe(true);
      expect(history.chain).toEqual({ ok: true });
      expect(await bookIdForVin(publicClient, deployment.carBook, vin, TEST_VIN_PARAMS)).toBe(tokenId);
    }
  });
});

describe('an entry voided by a consortium vote', () => {
  it('is in the verified history and in the verdict, and is not an odometer correction', async () => {
    const { publicClient } = clients();
    const { tokenId } = seeded.find((s) => s.vin === 'WVWZZZ1JZXW000001')!;
    const before = await readBookHistory(publicClient, deployment.carBook, tokenId);
    const last = before.records.at(-1)!;
    const previous = before.records.at(-2)!;
    await governCarBook(
      encodeFunctionData({
        abi: carBookAbi,
        functionName: 'voidRecord',
        args: [tokenId, last.index, BigInt(previous.mileage), BigInt(previous.timestamp), keccak256(toHex('vote 1'))],
      }),
    );
    const after = await readBookHistory(publicClient, deployment.carBook, tokenId);
    expect(after.chain).toEqual({ ok: true });
    expect(after.mileage).toBe(previous.mileage);
    expect(after.corrections).toBe(0);
    expect(after.voidedEntries).toMatchObject([{ voidedIndex: last.index, restoredMileage: previous.mileage }]);
    const timeline = await timelineOf(after, publicClient, deployment.consortium);
    expect(timeline.find((e) => e.type === 'record' && e.index === last.index)).toMatchObject({ voided: true });
    const verdict = computeVerdict(timeline);
    expect(verdict.findings.map((f) => f.kind)).toContain('voided-entry');
    expect(verdict.findings.map((f) => f.kind)).not.toContain('correction');
    // The book goes on from the restored mileage.
    await send(
      'officialWorkshop',
      deployment.carBook,
      encodeFunctionData({
        abi: carBookAbi,
        functionName: 'appendRecord',
        args: [tokenId, BigInt(previous.mileage + 100), 2, keccak256(toHex('next service')), '0x'],
      }),
    );
    expect((await readBookHistory(publicClient, deployment.carBook, tokenId)).mileage).toBe(previous.mileage + 100);
  });
});
