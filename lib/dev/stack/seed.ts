import { sha256 } from '@noble/hashes/sha2.js';
import {
  bytesToHex,
  encodeFunctionData,
  keccak256,
  parseSignature,
  toHex,
  zeroHash,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { carBookAbi, consortiumAbi, documentAnchorAbi, insuranceAbi } from '../../browser/contracts/generated';
import { EIP712_TYPES, PARAMETERS, RecordKind, Verdict, carBookDomain } from '../../browser/contracts/roles';
import { bookIdOf, vinCommitment, wmiOf, type VinCommitmentParams } from '../../browser/vin';
import { demoAccounts, type DemoRole } from './accounts';
import { sendAndWait } from '../../browser/chain';
import { DEMO_ORGS, clientsFor, type Deployment } from './deploy';

type RecordSpec = { by: DemoRole; mileage: number; kind: keyof typeof RecordKind; document?: string };

/** One life-cycle event after the records; applied in order. */
type Step =
  | { do: 'sell'; to: DemoRole }
  /** `today`: given after the backdated history, so the demo shows a grant that is valid now. */
  | { do: 'grant'; to: DemoRole; days: number; today?: boolean }
  | { do: 'record'; record: RecordSpec }
  | { do: 'readings'; mileages: number[] }
  | { do: 'correct'; to: number; workshop: DemoRole }
  | { do: 'insure' }
  | { do: 'claim'; verdict: keyof typeof Verdict; mileage: number; report: string }
  | { do: 'handOver'; to: DemoRole }
  | { do: 'destroy' };

export interface DemoVehicle {
  vin: string;
  model: string;
  /** Year of first registration: with `backdate`, the history is spread from then to last month. */
  firstRegistered: number;
  owner: DemoRole;
  records: RecordSpec[];
  soldTo?: DemoRole;
  /** Registers a telematics device (demo key derived from the VIN, public: demo only). */
  telematics?: boolean;
  steps?: Step[];
}

/**
 * Demo vehicles across the life-cycle; later records may only be written by the owner at that time.
 * The first two are the ones the end-to-end tests rely on: keep them as they are.
 */
export const DEMO_VEHICLES: DemoVehicle[] = [
  {
    vin: 'WVWZZZ1JZXW000001',
    firstRegistered: 2019,
    model: 'Volta Aero 1.6 (2019)',
    owner: 'alice',
    records: [
      { by: 'officialWorkshop', mileage: 15_230, kind: 'Service' },
      { by: 'alice', mileage: 31_870, kind: 'OdometerReading' },
      { by: 'officialWorkshop', mileage: 45_012, kind: 'Service' },
    ],
  },
  {
    vin: '1HGCM82633A004352',
    firstRegistered: 2003,
    model: 'Volta Terra 2.4 (2003)',
    owner: 'bob',
    records: [
      { by: 'officialWorkshop', mileage: 8_400, kind: 'Inspection' },
      { by: 'bob', mileage: 62_350, kind: 'Repair' },
      { by: 'officialWorkshop', mileage: 120_900, kind: 'Service' },
    ],
    soldTo: 'alice',
  },
  {
    // Service step: an independent workshop writes under bob's grant; the invoice is anchored by the archive.
    vin: 'WVWZZZ1KZBW000003',
    firstRegistered: 2011,
    model: 'Volta City 1.2 (2011)',
    owner: 'bob',
    records: [{ by: 'officialWorkshop', mileage: 20_100, kind: 'Service' }],
    steps: [
      { do: 'grant', to: 'independentWorkshop', days: 14 },
      {
        do: 'record',
        record: {
          by: 'independentWorkshop',
          mileage: 88_400,
          kind: 'Repair',
          document: 'Garage Martin invoice 2026-03-14: timing belt and water pump, 612.40 EUR',
        },
      },
      { do: 'grant', to: 'independentWorkshop', days: 14, today: true },
    ],
  },
  {
    // Mileage step: a connected car reporting readings, then a replaced instrument cluster (marked correction).
    vin: 'WVWZZZ3CZEE000004',
    firstRegistered: 2014,
    model: 'Volta Aero e-Connect (2014)',
    owner: 'alice',
    telematics: true,
    records: [{ by: 'officialWorkshop', mileage: 9_800, kind: 'Inspection' }],
    steps: [
      { do: 'readings', mileages: [10_250, 10_900] },
      { do: 'record', record: { by: 'officialWorkshop', mileage: 96_500, kind: 'Repair' } },
      { do: 'correct', to: 96_050, workshop: 'officialWorkshop' },
    ],
  },
  {
    // Insured, with a claim whose expert found the car repairable; the repair follows.
    vin: 'VF1RFB00X56000005',
    firstRegistered: 2005,
    model: 'Volta Break 1.9 (2005)',
    owner: 'alice',
    records: [{ by: 'alice', mileage: 140_000, kind: 'OdometerReading' }],
    steps: [
      { do: 'insure' },
      {
        do: 'claim',
        verdict: 'Repairable',
        mileage: 140_210,
        report: 'Expert report 2026-05-02: rear bumper, repairable',
      },
      { do: 'record', record: { by: 'officialWorkshop', mileage: 140_260, kind: 'Repair' } },
    ],
  },
  {
    // Accident, total loss: WRECKED for good, redeemed by the insurer (title held by Assura).
    vin: 'WBA3A5C50DF000006',
    firstRegistered: 2013,
    model: 'Volta Sport 2.0 (2013)',
    owner: 'bob',
    records: [{ by: 'officialWorkshop', mileage: 77_000, kind: 'Service' }],
    steps: [
      { do: 'insure' },
      {
        do: 'claim',
        verdict: 'TotalLoss',
        mileage: 77_420,
        report: 'Expert report 2026-06-11: frame bent, total loss',
      },
      { do: 'handOver', to: 'insurerAdmin' },
    ],
  },
  {
    // The whole accident path: total loss, insurer, recycler, DESTROYED.
    vin: 'ZFA31200000000007',
    firstRegistered: 2000,
    model: 'Volta Mini 1.1 (2000)',
    owner: 'alice',
    records: [{ by: 'alice', mileage: 190_500, kind: 'OdometerReading' }],
    steps: [
      { do: 'insure' },
      {
        do: 'claim',
        verdict: 'TotalLoss',
        mileage: 190_600,
        report: 'Expert report 2026-01-20: flood damage, total loss',
      },
      { do: 'handOver', to: 'insurerAdmin' },
      { do: 'handOver', to: 'recyclerAdmin' },
      { do: 'destroy' },
    ],
  },
];

/** Demo telematics key for a VIN (public derivation: demo data only, never a real device). */
export function demoDeviceAccount(vin: string) {
  return privateKeyToAccount(keccak256(toHex(`carbook demo telematics device ${vin}`)));
}

/** sha256 of a demo document's text, as the archive anchors it and a record carries it. */
export function demoDocumentHash(text: string): Hex {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

export interface SeedOptions {
  /**
   * Spread each car's history over the years since its first registration (anvil only: it sets the next block's
   * timestamp before each step). The chain must start far enough in the past (anvil --timestamp); the last
   * step lands a month before `now`, and the chain is then moved to `now`.
   */
  backdate?: { now: number };
}

const DAY = 86_400;

/** When each step of a car's life happens: records by mileage pace, other steps a few days after the last one. */
function plannedTimes(vehicle: DemoVehicle, now: number): number[] {
  const start = Date.UTC(vehicle.firstRegistered, 2, 1) / 1000;
  const end = now - 30 * DAY;
  const steps = vehicle.steps ?? [];
  // A grant is placed a few days before the record it enables (grants last days, not years).
  const entries: { mileage?: number; glued?: boolean }[] = [
    {}, // the car book's creation
    ...vehicle.records.map((r) => ({ mileage: r.mileage })),
    ...(vehicle.soldTo ? [{}] : []),
    ...steps.map((step, i) => {
      if (step.do === 'grant' && steps[i + 1]?.do === 'record') {
        return { mileage: (steps[i + 1] as Extract<Step, { do: 'record' }>).record.mileage };
      }
      if (step.do === 'record') return { mileage: step.record.mileage, glued: steps[i - 1]?.do === 'grant' };
      if (step.do === 'readings') return { mileage: step.mileages.at(-1) };
      return {};
    }),
  ];
  const maxMileage = Math.max(1, ...entries.map((e) => e.mileage ?? 0));
  const times: number[] = [];
  let last = start;
  for (const entry of entries) {
    const byPace =
      entry.mileage !== undefined && !entry.glued ? start + ((end - start) * entry.mileage) / maxMileage : 0;
    last = Math.max(last + 3 * DAY, byPace);
    times.push(Math.floor(Math.min(last, end)));
  }
  return times;
}

export async function seedDemoVehicles(
  rpcUrl: string,
  deployment: Deployment,
  params: VinCommitmentParams,
  options: SeedOptions = {},
): Promise<{ vin: string; tokenId: bigint }[]> {
  const accounts = demoAccounts();
  const { publicClient } = clientsFor(rpcUrl, deployment.chainId, accounts.makerAdmin);
  const sendTo = async (to: Address, role: DemoRole, data: Hex) => {
    const { walletClient } = clientsFor(rpcUrl, deployment.chainId, accounts[role]);
    return sendAndWait(publicClient, walletClient, { to, data });
  };
  const carBook = (role: DemoRole, data: Hex) => sendTo(deployment.carBook, role, data);
  const insurance = (role: DemoRole, data: Hex) => sendTo(deployment.insurance, role, data);
  const chainTime = async () => (await publicClient.getBlock()).timestamp;
  const perDay = Number(
    (await publicClient.readContract({
      address: deployment.consortium,
      abi: consortiumAbi,
      functionName: 'parameter',
      args: [PARAMETERS.MAX_KM_PER_DAY],
    })) ||
      (await publicClient.readContract({
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'DEFAULT_MAX_KM_PER_DAY',
      })),
  );
  /**
   * Without `backdate` every step runs now, and CarBook bounds the mileage pace (`carbook.maxKmPerDay` since the
   * record that last raised it): move the chain's clock forward just enough for `mileage` to be plausible.
   */
  const keepPace = async (tokenId: bigint, mileage: number) => {
    if (options.backdate) return;
    const [book, lastRecordAt, now] = await Promise.all([
      publicClient.readContract({
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'book',
        args: [tokenId],
      }),
      publicClient.readContract({
        address: deployment.carBook,
        abi: carBookAbi,
        functionName: 'lastRecordAt',
        args: [tokenId],
      }),
      chainTime(),
    ]);
    const current = Number(book.mileage);
    if (current === 0 || mileage <= current) return;
    const since = Number(lastRecordAt) || Number(book.createdAt);
    const needed = since + Math.ceil(((mileage - current) * DAY) / perDay) - DAY + 1;
    if (needed <= Number(now)) return;
    await publicClient.request({ method: 'evm_setNextBlockTimestamp' as never, params: [toHex(needed)] as never });
    await publicClient.request({ method: 'evm_mine' as never, params: [] as never });
  };

  const seeded: { vin: string; tokenId: bigint }[] = [];
  const plan: { at: number; order: number; run: () => Promise<void> }[] = [];
  for (const vehicle of DEMO_VEHICLES) {
    const times = options.backdate ? plannedTimes(vehicle, options.backdate.now) : [];
    let stepIndex = 0;
    // Each step of this car runs later, in global time order with the other cars' steps.
    const later = (run: () => Promise<void>, today = false) => {
      plan.push({ at: today ? Number.POSITIVE_INFINITY : (times[stepIndex] ?? 0), order: plan.length, run });
      stepIndex++;
    };
    const digest = await vinCommitment(vehicle.vin, params);
    const tokenId = bookIdOf(vehicle.vin, digest);
    let holder: DemoRole = vehicle.owner;
    const device = vehicle.telematics ? demoDeviceAccount(vehicle.vin) : undefined;

    const append = async (record: RecordSpec) => {
      const documentHash = record.document ? demoDocumentHash(record.document) : zeroHash;
      await keepPace(tokenId, record.mileage);
      await carBook(
        record.by,
        encodeFunctionData({
          abi: carBookAbi,
          functionName: 'appendRecord',
          args: [tokenId, BigInt(record.mileage), RecordKind[record.kind], documentHash, '0x'],
        }),
      );
      if (record.document) {
        await sendTo(
          deployment.documentAnchor,
          'archiveAdmin',
          encodeFunctionData({ abi: documentAnchorAbi, functionName: 'anchor', args: [documentHash] }),
        );
      }
    };
    const transfer = async (to: DemoRole) => {
      await carBook(
        holder,
        encodeFunctionData({
          abi: carBookAbi,
          functionName: 'transferFrom',
          args: [accounts[holder].address, accounts[to].address, tokenId],
        }),
      );
      holder = to;
    };

    later(async () => {
      await carBook(
        'dealer',
        encodeFunctionData({
          abi: carBookAbi,
          functionName: 'createCarBook',
          args: [
            wmiOf(vehicle.vin),
            digest,
            accounts[vehicle.owner].address,
            device?.address ?? ZERO_ADDRESS,
            `demo:${vehicle.model}`,
          ],
        }),
      );
    });
    for (const record of vehicle.records) later(() => append(record));
    if (vehicle.soldTo) later(() => transfer(vehicle.soldTo!));

    let claimId = 0n;
    for (const [position, step] of (vehicle.steps ?? []).entries())
      later(
        async () => {
          switch (step.do) {
            case 'sell':
            case 'handOver':
              await transfer(step.to);
              break;
            case 'grant': {
              // A grant is given for the record that follows: that record's pace must fit in the grant.
              const next = vehicle.steps?.[position + 1];
              if (next?.do === 'record') await keepPace(tokenId, next.record.mileage);
              await carBook(
                holder,
                encodeFunctionData({
                  abi: carBookAbi,
                  functionName: 'grantAccess',
                  args: [tokenId, accounts[step.to].address, (await chainTime()) + BigInt(step.days) * 86_400n],
                }),
              );
              break;
            }
            case 'record':
              await append(step.record);
              break;
            case 'readings': {
              if (!device) throw new Error(`${vehicle.vin} has no telematics device`);
              // One reading an hour apart, the consortium's default minimum interval, relayed by the dealer's job.
              const start = await chainTime();
              const readings = [];
              for (const [index, mileage] of step.mileages.entries()) {
                const message = {
                  tokenId,
                  mileage: BigInt(mileage),
                  timestamp: start - BigInt(step.mileages.length - 1 - index) * 3_600n,
                };
                const signature = await device.signTypedData({
                  domain: carBookDomain(deployment.chainId, deployment.carBook),
                  types: { TelematicsReading: EIP712_TYPES.TelematicsReading },
                  primaryType: 'TelematicsReading',
                  message,
                });
                const { r, s, yParity } = parseSignature(signature);
                readings.push({ ...message, r, vs: toHex(BigInt(s) | (BigInt(yParity ?? 0) << 255n), { size: 32 }) });
              }
              await carBook(
                'dealer',
                encodeFunctionData({ abi: carBookAbi, functionName: 'submitReadings', args: [readings] }),
              );
              break;
            }
            case 'correct': {
              // Both the owner and the official workshop sign the same EIP-712 correction; anyone relays it.
              const book = await publicClient.readContract({
                address: deployment.carBook,
                abi: carBookAbi,
                functionName: 'book',
                args: [tokenId],
              });
              const documentHash = demoDocumentHash(`Instrument cluster replaced, ${vehicle.vin}`);
              const message = {
                tokenId,
                previousMileage: book.mileage,
                correctedMileage: BigInt(step.to),
                recordIndex: book.recordCount,
                documentHash,
                payloadHash: keccak256('0x'),
              };
              const sign = (role: DemoRole) =>
                privateKeyToAccount(accounts[role].privateKey).signTypedData({
                  domain: carBookDomain(deployment.chainId, deployment.carBook),
                  types: { OdometerCorrection: EIP712_TYPES.OdometerCorrection },
                  primaryType: 'OdometerCorrection',
                  message,
                });
              await carBook(
                step.workshop,
                encodeFunctionData({
                  abi: carBookAbi,
                  functionName: 'correctOdometer',
                  args: [
                    {
                      tokenId,
                      correctedMileage: BigInt(step.to),
                      documentHash,
                      payload: '0x',
                      workshop: accounts[step.workshop].address,
                      ownerSignature: await sign(holder),
                      workshopSignature: await sign(step.workshop),
                    },
                  ],
                }),
              );
              break;
            }
            case 'insure':
              await insurance(
                holder,
                encodeFunctionData({
                  abi: insuranceAbi,
                  functionName: 'requestCover',
                  args: [tokenId, DEMO_ORGS.insurer],
                }),
              );
              await insurance(
                'insurerAdmin',
                encodeFunctionData({ abi: insuranceAbi, functionName: 'acceptCover', args: [tokenId] }),
              );
              break;
            case 'claim': {
              await insurance(
                'insurerAdmin',
                encodeFunctionData({ abi: insuranceAbi, functionName: 'openClaim', args: [tokenId] }),
              );
              claimId = await publicClient.readContract({
                address: deployment.insurance,
                abi: insuranceAbi,
                functionName: 'claimCount',
              });
              await insurance(
                'insurerAdmin',
                encodeFunctionData({
                  abi: insuranceAbi,
                  functionName: 'mandateExpert',
                  args: [claimId, accounts.expert.address],
                }),
              );
              const report = demoDocumentHash(step.report);
              await insurance(
                'expert',
                encodeFunctionData({
                  abi: insuranceAbi,
                  functionName: 'submitDiagnosis',
                  args: [claimId, BigInt(step.mileage), Verdict[step.verdict], report, '0x'],
                }),
              );
              await sendTo(
                deployment.documentAnchor,
                'archiveAdmin',
                encodeFunctionData({ abi: documentAnchorAbi, functionName: 'anchor', args: [report] }),
              );
              break;
            }
            case 'destroy':
              await carBook(
                holder,
                encodeFunctionData({ abi: carBookAbi, functionName: 'declareDestroyed', args: [tokenId] }),
              );
              break;
          }
        },
        step.do === 'grant' && step.today === true,
      );
    seeded.push({ vin: vehicle.vin, tokenId });
  }

  plan.sort((a, b) => a.at - b.at || a.order - b.order);
  const today = plan.filter((step) => step.at === Number.POSITIVE_INFINITY);
  for (const step of plan.filter((s) => s.at !== Number.POSITIVE_INFINITY)) {
    if (options.backdate) {
      const latest = Number((await publicClient.getBlock({ blockTag: 'latest' })).timestamp);
      await publicClient.request({
        method: 'evm_setNextBlockTimestamp' as never,
        params: [Math.max(step.at, latest + 1)] as never,
      });
    }
    await step.run();
  }
  if (options.backdate) {
    // From here on the chain keeps the wall clock, so what people do in the dApp happens today.
    await publicClient.request({
      method: 'evm_setNextBlockTimestamp' as never,
      params: [options.backdate.now] as never,
    });
    await publicClient.request({ method: 'evm_mine' as never, params: [] as never });
  }
  for (const step of today) await step.run();
  return seeded;
}

const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000';
