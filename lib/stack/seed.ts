import { encodeFunctionData, zeroHash, type Address, type Hex } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { RecordKind } from '../contracts/roles';
import { vinCommitment, type VinCommitmentParams } from '../vin';
import { demoAccounts, type DemoRole } from './accounts';
import { clientsFor, sendAndWait, type Deployment } from './deploy';

export interface DemoVehicle {
  vin: string;
  model: string;
  owner: DemoRole;
  records: { by: DemoRole; mileage: number; kind: keyof typeof RecordKind }[];
  soldTo?: DemoRole;
}

/** Demo vehicles across the life-cycle; later records may only be written by the owner at that time. */
export const DEMO_VEHICLES: DemoVehicle[] = [
  {
    vin: 'WVWZZZ1JZXW000001',
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
    model: 'Volta Terra 2.4 (2003)',
    owner: 'bob',
    records: [
      { by: 'officialWorkshop', mileage: 8_400, kind: 'Inspection' },
      { by: 'bob', mileage: 62_350, kind: 'Repair' },
      { by: 'officialWorkshop', mileage: 120_900, kind: 'Service' },
    ],
    soldTo: 'alice',
  },
];

export async function seedDemoVehicles(
  rpcUrl: string,
  deployment: Deployment,
  params: VinCommitmentParams,
): Promise<{ vin: string; tokenId: bigint }[]> {
  const accounts = demoAccounts();
  const seeded: { vin: string; tokenId: bigint }[] = [];
  for (const vehicle of DEMO_VEHICLES) {
    const commitment = await vinCommitment(vehicle.vin, params);
    const tokenId = BigInt(commitment);
    const send = async (role: DemoRole, data: Hex) => {
      const { publicClient, walletClient } = clientsFor(rpcUrl, deployment.chainId, accounts[role]);
      await sendAndWait(publicClient, walletClient, { to: deployment.carBook, data });
    };
    await send(
      'dealer',
      encodeFunctionData({
        abi: carBookAbi,
        functionName: 'createCarBook',
        args: [commitment, accounts[vehicle.owner].address, zeroAddressDevice(), `demo:${vehicle.model}`],
      }),
    );
    for (const record of vehicle.records) {
      await send(
        record.by,
        encodeFunctionData({
          abi: carBookAbi,
          functionName: 'appendRecord',
          args: [tokenId, BigInt(record.mileage), RecordKind[record.kind], zeroHash, '0x'],
        }),
      );
    }
    if (vehicle.soldTo) {
      await send(
        vehicle.owner,
        encodeFunctionData({
          abi: carBookAbi,
          functionName: 'transferFrom',
          args: [accounts[vehicle.owner].address, accounts[vehicle.soldTo].address, tokenId],
        }),
      );
    }
    seeded.push({ vin: vehicle.vin, tokenId });
  }
  return seeded;
}

/** Demo books carry no telematics device yet (the telematics issue registers device keys). */
function zeroAddressDevice(): Address {
  return '0x0000000000000000000000000000000000000000';
}
