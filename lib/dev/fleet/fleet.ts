/**
 * A simulated fleet of connected cars: car books with device keys (created by the maker's dealer, as the
 * contracts require: a book's device key is set at creation or by `rotateDeviceKey`), and plausible signed
 * readings (daily distances, idle days, a few faulty or tampered devices). Used by `npm run fleet`, the
 * ingester's tests, `npm run bench:ingest` and `npm start`.
 *
 * Device keys are derived from a public seed: simulation only, never a real device.
 */
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  toHex,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { carBookAbi } from '../../browser/contracts/generated';
import { readingToJson, signReading, type Reading } from '../../server/ingest/reading';
import { Rpc } from '../../server/ingest/rpc';
import { bookIdFromParts } from '../../browser/vin';
import { DEMO_WMI_HEX } from '../stack/deploy';

export interface FleetCar {
  tokenId: bigint;
  deviceKey: Hex;
  device: Address;
  /** A faulty device sends a decreasing or malformed reading now and then; a tampered one signs with a wrong key. */
  kind: 'normal' | 'faulty' | 'tampered';
  mileage: number;
  /** Device time of its last reading (seconds). */
  lastAt: number;
  /** Kilometres a day on driving days. */
  daily: number;
}

export const fleetDeviceKey = (seed: string, index: number): Hex =>
  keccak256(toHex(`carbook fleet ${seed} device ${index}`));

/** Car books with device keys, sent pipelined by the dealer (nonces managed here, receipts awaited at the end). */
export async function registerFleet(options: {
  rpcUrl: string;
  carBook: Address;
  dealerKey: Hex;
  owner: Address;
  count: number;
  seed?: string;
  /** Share of faulty and of tampered devices (default 2 % each). */
  faulty?: number;
  tampered?: number;
}): Promise<FleetCar[]> {
  const seed = options.seed ?? 'demo';
  const rpc = new Rpc(options.rpcUrl);
  const dealer = privateKeyToAccount(options.dealerKey);
  const chainId = Number(await rpc.call<Hex>('eth_chainId'));
  let nonce = Number(await rpc.call<Hex>('eth_getTransactionCount', [dealer.address, 'pending']));
  const gasPrice = (BigInt(await rpc.call<Hex>('eth_gasPrice')) * 3n) / 2n;
  const cars: FleetCar[] = [];
  const step = 50;
  let lastHash: Hex | undefined;
  for (let start = 0; start < options.count; start += step) {
    const raws: Hex[] = [];
    for (let i = start; i < Math.min(options.count, start + step); i++) {
      const deviceKey = fleetDeviceKey(seed, i);
      const device = privateKeyToAccount(deviceKey).address;
      const commitment = keccak256(toHex(`carbook fleet ${seed} car ${i}`));
      const roll = chance(`kind ${seed} ${i}`);
      const kind: FleetCar['kind'] =
        roll < (options.faulty ?? 0.02)
          ? 'faulty'
          : roll < (options.faulty ?? 0.02) + (options.tampered ?? 0.02)
            ? 'tampered'
            : 'normal';
      cars.push({
        tokenId: bookIdFromParts(DEMO_WMI_HEX, commitment),
        deviceKey,
        device,
        kind,
        mileage: 5_000 + (i % 97) * 1_000,
        lastAt: 0,
        daily: 10 + (i % 7) * 15,
      });
      raws.push(
        await dealer.signTransaction({
          type: 'legacy',
          chainId,
          nonce: nonce++,
          to: options.carBook,
          gas: 400_000n,
          gasPrice,
          data: encodeFunctionData({
            abi: carBookAbi,
            functionName: 'createCarBook',
            args: [DEMO_WMI_HEX, commitment, options.owner, device, `fleet:${seed}:${i}`],
          }),
        }),
      );
    }
    const answers = await rpc.batch(raws.map((raw) => ({ method: 'eth_sendRawTransaction', params: [raw] })));
    const error = answers.find((a) => a instanceof Error);
    if (error) throw error;
    lastHash = answers.at(-1) as Hex;
  }
  for (let i = 0; lastHash && i < 600; i++) {
    const receipt = await rpc.call<{ status: Hex } | null>('eth_getTransactionReceipt', [lastHash]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error('Creating the fleet car books failed (last creation reverted).');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return cars;
}

/** A deterministic pseudo-random number in [0, 1) from a label. */
const chance = (label: string) => Number(BigInt(keccak256(toHex(label))) % 1_000_000n) / 1_000_000;

export interface FleetMessage {
  /** The wire line (JSON of the reading, or garbage for a faulty device). */
  line: string;
  /** Whether the ingester must accept it (what the tests compare the chain against). */
  valid: boolean;
  reading?: Reading;
}

/**
 * The next reading of every car, `interval` seconds after its previous one (device time; the first reading
 * is at `firstAt`). Mileage: the car's daily distance scaled to the interval, with idle days (no distance)
 * about one day in five. Faulty devices send, now and then, a reading with a lower odometer or a truncated
 * line; tampered devices sign with a key the book does not know.
 */
export function nextReadings(
  cars: FleetCar[],
  domainSeparator: Hex,
  options: { firstAt: number; interval: number; round: number },
): FleetMessage[] {
  const out: FleetMessage[] = [];
  for (const [index, car] of cars.entries()) {
    const at = car.lastAt === 0 ? options.firstAt : car.lastAt + options.interval;
    const label = `${index} ${options.round}`;
    const idle = chance(`idle ${label}`) < 0.2;
    const distance = idle ? 0 : Math.round(((car.daily * options.interval) / 86_400) * (0.5 + chance(`km ${label}`)));
    const glitch = car.kind === 'faulty' && chance(`glitch ${label}`) < 0.3;
    if (glitch && chance(`which ${label}`) < 0.5) {
      out.push({ line: `{"tokenId":"0x${car.tokenId.toString(16)}","mileage":`, valid: false });
      continue;
    }
    const mileage = glitch ? Math.max(0, car.mileage - 50) : car.mileage + distance;
    const key = car.kind === 'tampered' ? fleetDeviceKey('tampered', index) : car.deviceKey;
    const reading = signReading(domainSeparator, key, {
      tokenId: car.tokenId,
      mileage: BigInt(mileage),
      timestamp: BigInt(at),
    });
    const valid = car.kind !== 'tampered' && !glitch;
    if (valid) {
      car.mileage = mileage;
      car.lastAt = at;
    }
    out.push({ line: JSON.stringify(readingToJson(reading)), valid, reading });
  }
  return out;
}

/**
 * Relays signed readings to CarBook's `submitReadings` from `relayerKey` (tests: the maker's dealer, whose skipped
 * readings are indexed) and waits for the receipt; the block the batch landed in. Throws if the transaction reverted.
 */
export async function relayReadings(
  rpcUrl: string,
  carBook: Address,
  relayerKey: Hex,
  batch: readonly Reading[],
): Promise<bigint> {
  const account = privateKeyToAccount(relayerKey);
  const wallet = createWalletClient({ account, transport: http(rpcUrl) });
  const hash = await wallet.writeContract({
    chain: null,
    address: carBook,
    abi: carBookAbi,
    functionName: 'submitReadings',
    args: [batch.map(({ tokenId, mileage, timestamp, r, vs }) => ({ tokenId, mileage, timestamp, r, vs }))],
  });
  const receipt = await createPublicClient({ transport: http(rpcUrl) }).waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`submitReadings reverted in block ${receipt.blockNumber}`);
  return receipt.blockNumber;
}
