/**
 * `npm run consortium:check` against two real chains: the same consortium deployed on two anvils (each CarBook with
 * its own shard rule) agrees; a parameter proposal executed on one chain only makes it exit non-zero naming the
 * parameter and both values; the same proposal executed on the other chain brings it back to agreement.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAbiParameters, type Hex } from 'viem';
import { consortiumAbi } from '../../browser/contracts/generated';
import { PARAMETERS, ProposalAction } from '../../browser/contracts/roles';
import { demoAccounts } from '../stack/accounts';
import { startAnvil, type AnvilHandle } from '../stack/anvil';
import { clientsFor, deployCode, deployLocalConsortium, forgeBytecode, type Deployment } from '../stack/deploy';
import { IMPLEMENTATION_SLOT } from './implementations';

const run = promisify(execFile);
let anvils: AnvilHandle[] = [];
let deployments: Deployment[] = [];
let dir: string;
let configFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'carbook-consortium-check-'));
  for (const index of [0, 1]) {
    const anvil = await startAnvil({ port: 0, chainId: 31337 + index, silent: true });
    anvils.push(anvil);
    deployments.push(await deployLocalConsortium(anvil.url, 31337 + index, { index, count: 2 }));
  }
  configFile = path.join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      shards: deployments.map((d, index) => ({
        chainId: d.chainId,
        chainName: `CarBook shard ${index + 1}`,
        rpcUrl: anvils[index].url,
        contracts: {
          consortium: d.consortium,
          carBook: d.carBook,
          insurance: d.insurance,
          documentAnchor: d.documentAnchor,
        },
        deploymentBlock: d.deploymentBlock,
      })),
    }),
  );
}, 240_000);

afterAll(async () => {
  for (const anvil of anvils) await anvil.stop();
  anvils = [];
  deployments = [];
  rmSync(dir, { recursive: true, force: true });
});

async function check(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'lib/dev/consortium/main.ts', '--config', configFile, '--wmi', '1HG']);
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout + failed.stderr };
  }
}

const as = (index: number, role: 'makerAdmin' | 'insurerAdmin' | 'archiveAdmin') =>
  clientsFor(anvils[index].url, deployments[index].chainId, demoAccounts()[role]);

/** Proposes `action` with `data` on one chain and carries it with two more founders' approvals. */
async function carry(index: number, action: number, data: Hex) {
  const { consortium } = deployments[index];
  const proposer = as(index, 'makerAdmin');
  const hash = await proposer.walletClient.writeContract({
    address: consortium,
    abi: consortiumAbi,
    functionName: 'propose',
    args: [action, data],
  });
  await proposer.publicClient.waitForTransactionReceipt({ hash });
  const id = await proposer.publicClient.readContract({
    address: consortium,
    abi: consortiumAbi,
    functionName: 'proposalCount',
  });
  for (const role of ['insurerAdmin', 'archiveAdmin'] as const) {
    const voter = as(index, role);
    const vote = await voter.walletClient.writeContract({
      address: consortium,
      abi: consortiumAbi,
      functionName: 'approve',
      args: [id],
    });
    await voter.publicClient.waitForTransactionReceipt({ hash: vote });
  }
  return proposer.publicClient;
}

/** Proposes `carbook.maxKmPerDay = value` on one chain and carries it. */
async function setMaxKmPerDay(index: number, value: bigint) {
  const { consortium } = deployments[index];
  const data = encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [PARAMETERS.MAX_KM_PER_DAY, value]);
  const client = await carry(index, ProposalAction.SetParameter, data);
  expect(
    await client.readContract({
      address: consortium,
      abi: consortiumAbi,
      functionName: 'parameter',
      args: [PARAMETERS.MAX_KM_PER_DAY],
    }),
  ).toBe(value);
}

describe('npm run consortium:check', () => {
  it('exits 0 when both chains carry the same consortium and complementary shard rules', async () => {
    const { code, stdout } = await check();
    expect(stdout).toContain('Chain 31337: books with id % 2 == 0');
    expect(stdout).toContain('Chain 31338: books with id % 2 == 1');
    expect(stdout).toContain('Organisation 1: Volta Motors, Manufacturer');
    expect(stdout).toContain('WMI 1HG: held by organisation 1.');
    expect(stdout).toContain('All 2 chains agree');
    expect(code).toBe(0);
  }, 120_000);

  it('exits non-zero naming the parameter when a proposal was executed on one chain only', async () => {
    await setMaxKmPerDay(0, 5000n);
    const diverged = await check();
    expect(diverged.stdout).toContain('parameter carbook.maxKmPerDay: 5000 on chain 31337, 0 on chain 31338.');
    expect(diverged.code).toBe(1);

    // The procedure (docs/DEPLOYMENT.md): the same proposal executed on the other chain too.
    await setMaxKmPerDay(1, 5000n);
    const agreed = await check();
    expect(agreed.stdout).toContain('All 2 chains agree');
    expect(agreed.code).toBe(0);
  }, 180_000);

  it('exits non-zero naming the contract and the chains when an upgrade was executed on one chain only', async () => {
    const before = await check();
    expect(before.stdout).toMatch(/Implementation of CarBook: runtime code 0x[0-9a-f]{64} \(at 0x/);
    expect(before.stdout).toContain('Implementation of CarBook extension: runtime code 0x');
    expect(before.code).toBe(0);

    /** Deploys DocumentAnchorV2 on chain `index` from `role` (another deployer: another address), upgrades to it. */
    const upgrade = async (index: number, role: 'makerAdmin' | 'insurerAdmin') => {
      const { publicClient, walletClient } = as(index, role);
      const v2 = await deployCode(publicClient, walletClient, forgeBytecode('DocumentAnchorV2'));
      const data = encodeAbiParameters(
        [{ type: 'address' }, { type: 'address' }, { type: 'bytes' }],
        [deployments[index].documentAnchor, v2.address, '0x'],
      );
      await carry(index, ProposalAction.UpgradeContract, data);
      const slot = await publicClient.getStorageAt({
        address: deployments[index].documentAnchor,
        slot: IMPLEMENTATION_SLOT,
      });
      expect(BigInt(slot ?? '0x0')).toBe(BigInt(v2.address));
      return v2.address;
    };
    const first = await upgrade(0, 'makerAdmin');
    const diverged = await check();
    expect(diverged.stdout).toMatch(
      new RegExp(
        `✖ implementation of DocumentAnchor differs: code 0x[0-9a-f]{8}… at ${first} on chain 31337, code 0x[0-9a-f]{8}… at 0x[0-9a-f]{40} on chain 31338`,
        'i',
      ),
    );
    expect(diverged.code).toBe(1);

    // The same release on the other chain, deployed from another account at another address: the chains agree.
    const second = await upgrade(1, 'insurerAdmin');
    expect(second).not.toBe(first);
    const agreed = await check();
    expect(agreed.stdout).toContain('All 2 chains agree');
    expect(agreed.code).toBe(0);
  }, 240_000);
});
