/**
 * `npm run bench:reading-gas [-- --json]`: the gas of a telematics reading by the phase of its car's reading chain,
 * as the ingester sends it (`submitReadings` in an EIP-2930 transaction whose access list names each car's
 * `readingCursors` slot, lib/server/ingest/pipeline.ts), whole transactions from receipts. The figures behind the
 * ingester's sizing model (`BATCH_BASE_GAS`, `READING_GAS_*`) and lib/server/ingest/README.md "Batch size and gas".
 *
 * 100 cars with device keys on anvil (hardfork paris), then 65 rounds of one batch: the 100 cars' next reading
 * each, in step, so that round r holds every car's reading number r: 0 (first: a fresh cursor and checkpoint
 * list), 8, 16, ... (checkpoints), 56 (the checkpoint that fills the list's tail word and writes a fresh one).
 * A batch of one car's reading (fixed cost: its difference with the 100-reading batch) and a batch of two readings
 * a car (a repeat) complete the model.
 */
import { encodeEventTopics, toHex, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createPublicClient, http } from 'viem';
import { carBookAbi } from '../../browser/contracts/generated';
import { demoAccounts } from '../stack/accounts';
import { deployLocalConsortium } from '../stack/deploy';
import { Anvil, rpc } from '../testing/proxy-anvil';
import { nextReadings, registerFleet, type FleetCar } from '../fleet/fleet';
import { encodeSubmitReadings, type Reading } from '../../server/ingest/reading';
import { cursorSlot } from '../../server/ingest/pipeline';
import type { Metric } from './measure';

const json = process.argv.includes('--json');
const CARS = 100;
const ROUNDS = 65;

const anvil = await Anvil.start({ args: ['--gas-limit', '1000000000'] });
try {
  const deployment = await deployLocalConsortium(anvil.url, 31337);
  const operator = privateKeyToAccount(generatePrivateKey());
  await rpc(anvil.url, 'anvil_setBalance', [operator.address, toHex(10n ** 27n)]);
  const client = createPublicClient({ transport: http(anvil.url) });
  const domain = await client.readContract({
    address: deployment.carBook,
    abi: carBookAbi,
    functionName: 'domainSeparator',
  });
  const fleet = (seed: string, count: number) =>
    registerFleet({
      rpcUrl: anvil.url,
      carBook: deployment.carBook,
      dealerKey: demoAccounts().dealer.privateKey,
      owner: demoAccounts().alice.address,
      count,
      seed,
      faulty: 0,
      tampered: 0,
    });
  let nonce = 0;
  /** Gas used by one `submitReadings` transaction as the ingester signs it. */
  const submit = async (readings: Reading[]): Promise<number> => {
    const storageKeys = [...new Set(readings.map((r) => cursorSlot(r.tokenId)))];
    const raw = await operator.signTransaction({
      type: 'eip2930',
      chainId: 31337,
      nonce: nonce++,
      to: deployment.carBook,
      data: encodeSubmitReadings(readings),
      gas: 30_000_000n,
      gasPrice: 10n ** 10n,
      accessList: [{ address: deployment.carBook, storageKeys }],
    });
    const hash = (await rpc(anvil.url, 'eth_sendRawTransaction', [raw])) as Hex;
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success' || receipt.logs.length < readings.length)
      throw new Error(`batch ${hash}: ${receipt.status}, ${receipt.logs.length} logs for ${readings.length} readings`);
    const [skipped] = encodeEventTopics({ abi: carBookAbi, eventName: 'TelematicsReadingSkipped' });
    if (receipt.logs.some((log) => log.topics[0] === skipped)) throw new Error(`batch ${hash} skipped readings`);
    return Number(receipt.gasUsed);
  };
  const rounds = (cars: FleetCar[], count: number, perBatch: number) => {
    const firstAt = Math.floor(Date.now() / 1000) - (count + 2) * 3_600;
    const out: Reading[][] = [];
    for (let r = 0; r < count; r += perBatch) {
      const batch: Reading[] = [];
      for (let k = r; k < Math.min(count, r + perBatch); k++)
        batch.push(...nextReadings(cars, domain, { firstAt, interval: 3_600, round: k }).map((m) => m.reading!));
      // A car's readings together, oldest first (the order the contract needs for a car).
      batch.sort((a, b) =>
        a.tokenId === b.tokenId ? Number(a.timestamp - b.timestamp) : a.tokenId < b.tokenId ? -1 : 1,
      );
      out.push(batch);
    }
    return out;
  };

  const cars = await fleet('reading-gas', CARS);
  const byRound: number[] = [];
  for (const batch of rounds(cars, ROUNDS, 1)) byRound.push((await submit(batch)) / CARS);
  const steady = byRound.filter((_, r) => r > 0 && r % 8 !== 0);
  const reading = steady.reduce((a, b) => a + b, 0) / steady.length;
  const checkpoint = byRound.filter((_, r) => r > 0 && r % 8 === 0 && r % 64 !== 56);
  const checkpointGas = checkpoint.reduce((a, b) => a + b, 0) / checkpoint.length;

  const [single] = await fleet('reading-gas-single', 1);
  const singleRounds = rounds([single], 2, 1);
  await submit(singleRounds[0]);
  const one = await submit(singleRounds[1]);
  // gasUsed(100 readings) = fixed + 100 × marginal; gasUsed(1) = fixed + marginal.
  const marginal = (reading * CARS - one) / (CARS - 1);
  const fixed = one - marginal;

  const pairs = await fleet('reading-gas-pairs', CARS / 2);
  const pairRounds = rounds(pairs, 4, 2);
  await submit(pairRounds[0]);
  const repeat = ((await submit(pairRounds[1])) - fixed) / (CARS / 2) - marginal;

  const metrics: Metric[] = [
    { metric: 'readingGas.batchFixed', value: Math.round(fixed), unit: 'gas' },
    { metric: 'readingGas.first', value: Math.round((byRound[0] * CARS - fixed) / CARS), unit: 'gas/reading' },
    { metric: 'readingGas.firstOfCarInBatch', value: Math.round(marginal), unit: 'gas/reading' },
    { metric: 'readingGas.repeatInBatch', value: Math.round(repeat), unit: 'gas/reading' },
    { metric: 'readingGas.checkpointExtra', value: Math.round(checkpointGas - reading), unit: 'gas/reading' },
    { metric: 'readingGas.checkpointFreshWordExtra', value: Math.round(byRound[56] - reading), unit: 'gas/reading' },
    { metric: 'readingGas.batch100.steady', value: Math.round(reading), unit: 'gas/reading' },
    {
      metric: 'readingGas.batch100.longRun',
      value: Math.round(reading + (checkpointGas - reading) / 8 + (byRound[56] - checkpointGas) / 64),
      unit: 'gas/reading',
    },
  ];
  for (const m of metrics) {
    if (json) process.stdout.write(`${JSON.stringify(m)}\n`);
    else process.stdout.write(`${m.metric.padEnd(40)} ${m.value} ${m.unit}\n`);
  }
} finally {
  await anvil.kill();
}
