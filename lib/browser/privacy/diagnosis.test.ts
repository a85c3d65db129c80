/**
 * Expert diagnoses sealed for the book's readers (./diagnosis.ts): the format on its own, then on a real chain
 * with a development IPFS node: an expert's report that the owner and the maker's network open and the expert's
 * stranger colleagues do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keccak256, toHex as viemToHex, zeroAddress } from 'viem';
import { carBookAbi, insuranceAbi } from '../contracts/generated';
import { Verdict } from '../contracts/roles';
import { demoAccounts, type DemoRole } from '../../dev/stack/accounts';
import { randomKeyPair } from '../crypto/keys';
import type { KeyPair, RecordPayload } from '../crypto';
import { startPrivacyStack, type PrivacyStack } from '../../dev/testing/privacy-stack';
import { DEMO_WMI_HEX } from '../../dev/stack/deploy';
import { bookIdFromParts } from '../vin';
import { isSealedPayload, openSealedPayload, sealPayload } from './diagnosis';
import {
  openDocument,
  publishOrgKey,
  readPrivateHistory,
  sendContract,
  submitDiagnosisWithReport,
  unlockKeys,
  unlockOrgKey,
} from './index';

const payload: RecordPayload = { label: 'Expert report', details: 'front axle bent', documents: [] };
const context = { chainId: 31337, carBook: '0x00000000000000000000000000000000000000c4' as const, tokenId: 7n };

describe('sealed payloads (pure)', () => {
  it('opens for every reader it was sealed for, and for no one else', () => {
    const readers = [randomKeyPair(), randomKeyPair(), randomKeyPair()];
    const { bytes, sealedFor } = sealPayload(
      payload,
      readers.map((r) => r.publicKey),
      context,
    );
    expect(sealedFor).toBe(3);
    expect(isSealedPayload(bytes)).toBe(true);
    for (const reader of readers) {
      expect(openSealedPayload(bytes, [reader], context)).toEqual({ locked: false, epoch: 0, payload });
    }
    expect(openSealedPayload(bytes, [randomKeyPair()], context)).toEqual({ locked: true, reason: 'no-key' });
  });

  it('refuses its wraps for another book (the context binds chain, registry and token)', () => {
    const reader = randomKeyPair();
    const { bytes } = sealPayload(payload, [reader.publicKey], context);
    expect(openSealedPayload(bytes, [reader], { ...context, tokenId: 8n })).toEqual({ locked: true, reason: 'no-key' });
    expect(openSealedPayload(bytes, [reader], { ...context, chainId: 1 })).toEqual({ locked: true, reason: 'no-key' });
  });

  it('keeps within the 4096-byte payload limit, the first readers first', () => {
    const readers = Array.from({ length: 40 }, () => randomKeyPair());
    const { bytes, sealedFor } = sealPayload(
      payload,
      readers.map((r) => r.publicKey),
      context,
    );
    expect(bytes.length).toBeLessThanOrEqual(4096);
    expect(sealedFor).toBeLessThan(40);
    expect(openSealedPayload(bytes, [readers[0]], context).locked).toBe(false);
    expect(openSealedPayload(bytes, [readers[39]], context).locked).toBe(true);
  });

  it('refuses to seal for nobody', () => {
    expect(() => sealPayload(payload, [], context)).toThrow(/no reader/);
  });
});

describe('an expert report on chain', () => {
  const accounts = demoAccounts();
  let stack: PrivacyStack;
  let tokenId: bigint;
  const keys = {} as Record<DemoRole, KeyPair>;

  const call = (
    role: DemoRole,
    functionName: 'requestCover' | 'acceptCover' | 'openClaim' | 'mandateExpert',
    args: readonly unknown[],
  ) =>
    sendContract(stack.publicClient, stack.wallet(role), {
      address: stack.config.contracts.insurance,
      abi: insuranceAbi,
      functionName,
      args: args as never,
    });

  beforeAll(async () => {
    stack = await startPrivacyStack({ seed: false, ipfs: true });
    for (const role of ['alice', 'makerAdmin', 'officialWorkshop', 'insurerAdmin', 'expert'] as const) {
      keys[role] = (await unlockKeys(stack.wallet(role), stack.publicClient, stack.config)).keyPair;
    }
    await publishOrgKey(stack.wallet('makerAdmin'), stack.publicClient, stack.config, [
      accounts.officialWorkshop.address,
    ]);
    await publishOrgKey(stack.wallet('insurerAdmin'), stack.publicClient, stack.config, []);
    const commitment = keccak256(viemToHex('sealed diagnosis test book'));
    tokenId = bookIdFromParts(DEMO_WMI_HEX, commitment);
    await sendContract(stack.publicClient, stack.wallet('dealer'), {
      address: stack.config.contracts.carBook,
      abi: carBookAbi,
      functionName: 'createCarBook',
      args: [DEMO_WMI_HEX, commitment, accounts.alice.address, zeroAddress, 'diagnosis:test'],
    });
    const insurance = stack.config.contracts.insurance;
    await call('alice', 'requestCover', [tokenId, 2]);
    await call('insurerAdmin', 'acceptCover', [tokenId]);
    await call('insurerAdmin', 'openClaim', [tokenId]);
    const claimId = await stack.publicClient.readContract({
      address: insurance,
      abi: insuranceAbi,
      functionName: 'claimCount',
    });
    await call('insurerAdmin', 'mandateExpert', [claimId, accounts.expert.address]);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('seals the report for the owner, the maker network and the insurer; the expert and strangers cannot open it', async () => {
    const report = new TextEncoder().encode('%PDF-1.4 expert report: front axle bent, repairable\n'.repeat(200));
    const claimId = await stack.publicClient.readContract({
      address: stack.config.contracts.insurance,
      abi: insuranceAbi,
      functionName: 'claimCount',
    });
    const written = await submitDiagnosisWithReport(
      stack.wallet('expert'),
      stack.publicClient,
      stack.config,
      stack.ipfs!.client,
      {
        claimId,
        tokenId,
        mileage: 12_000,
        verdict: Verdict.Repairable,
        report: { bytes: report, name: 'report.pdf', mime: 'application/pdf' },
      },
    );
    expect(written.sealedFor).toBe(3);

    const openAs = async (viewerKeys: KeyPair[]) => {
      const { records, history } = await readPrivateHistory(stack.publicClient, stack.config, tokenId, viewerKeys);
      expect(history.chain).toEqual({ ok: true });
      const last = records.at(-1)!;
      expect(last.kind).toBe('ExpertDiagnosis');
      expect(last.documentHash).toBe(written.documentHash);
      return last.private;
    };
    const owner = await openAs([keys.alice]);
    if (!owner || owner.locked) throw new Error(`the owner cannot open the report: ${JSON.stringify(owner)}`);
    expect(owner.payload.documents[0]).toMatchObject({ name: 'report.pdf', mime: 'application/pdf' });
    expect(await openDocument(owner.payload.documents[0], stack.ipfs!.client)).toEqual(report);

    const workshop = await unlockOrgKey(
      stack.publicClient,
      stack.config,
      accounts.officialWorkshop.address,
      keys.officialWorkshop,
    );
    if (!workshop.ok) throw new Error(workshop.reason);
    expect((await openAs([keys.officialWorkshop, workshop.orgKey.current]))?.locked).toBe(false);
    const insurer = await unlockOrgKey(
      stack.publicClient,
      stack.config,
      accounts.insurerAdmin.address,
      keys.insurerAdmin,
    );
    if (!insurer.ok) throw new Error(insurer.reason);
    expect((await openAs([insurer.orgKey.current]))?.locked).toBe(false);

    expect(await openAs([keys.expert])).toEqual({ locked: true, reason: 'no-key' });
  });

  it('refuses to mandate the car owner as the expert', async () => {
    const insurance = stack.config.contracts.insurance;
    await call('insurerAdmin', 'openClaim', [tokenId]);
    const claimId = await stack.publicClient.readContract({
      address: insurance,
      abi: insuranceAbi,
      functionName: 'claimCount',
    });
    await expect(call('insurerAdmin', 'mandateExpert', [claimId, accounts.alice.address])).rejects.toMatchObject({
      errorName: 'InsuranceExpertConflict',
    });
  });
});
