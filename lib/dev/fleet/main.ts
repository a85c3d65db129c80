/**
 * `npm run fleet -- --cars N --rate R [options]`: a simulated fleet of connected cars.
 *
 * Creates N car books with device keys (as the maker's dealer: `FLEET_DEALER_KEY`, by default the local demo
 * dealer), then publishes signed readings at R readings a second, to an MQTT topic (`--mqtt mqtt://host:port
 * --topic carbook/readings`, `--per-message` readings a message, as a gateway forwards them) or as NDJSON on
 * stdout (`--out -`, the default) or to a file. Each car reports once a round; device clocks start far enough
 * in the past that every reading keeps the consortium's minimum interval (one hour) and none is in the future.
 * About 2 % of devices are faulty (lower odometer, truncated message) and 2 % tampered (wrong key).
 *
 *   --rpc URL           node (default http://127.0.0.1:8545)
 *   --carbook ADDRESS   CarBook registry (default: the local stack's, from http://127.0.0.1:3000/config.json)
 *   --duration S        stop after S seconds (default: until Ctrl-C or enough rounds for a day of readings)
 *   --seed TEXT         device-key seed (default "demo"; another seed, other cars)
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { getAddress, type Hex } from 'viem';
import { carBookAbi } from '../../browser/contracts/generated';
import { demoAccounts } from '../stack/accounts';
import { Rpc } from '../../server/ingest/rpc';
import { nextReadings, registerFleet } from './fleet';
import { decodeFunctionResult, encodeFunctionData } from 'viem';

const { values } = parseArgs({
  options: {
    cars: { type: 'string', default: '100' },
    rate: { type: 'string', default: '100' },
    rpc: { type: 'string', default: 'http://127.0.0.1:8545' },
    carbook: { type: 'string' },
    app: { type: 'string', default: 'http://127.0.0.1:3000' },
    mqtt: { type: 'string' },
    topic: { type: 'string', default: 'carbook/readings' },
    'per-message': { type: 'string', default: '50' },
    out: { type: 'string', default: '-' },
    duration: { type: 'string' },
    seed: { type: 'string', default: 'demo' },
  },
});

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};
const cars = Number(values.cars);
const rate = Number(values.rate);
if (!Number.isInteger(cars) || cars < 1) fail(`--cars must be a positive whole number, got "${values.cars}".`);
if (!(rate > 0)) fail(`--rate must be a positive number of readings a second, got "${values.rate}".`);
const perMessage = Math.max(1, Number(values['per-message']));
const duration = values.duration ? Number(values.duration) : undefined;

async function carBookAddress(): Promise<`0x${string}`> {
  if (values.carbook) return getAddress(values.carbook);
  try {
    const config = (await (await fetch(`${values.app}/config.json`)).json()) as { contracts: { carBook: string } };
    return getAddress(config.contracts.carBook);
  } catch {
    return fail(`Give the CarBook address with --carbook (no local stack answered at ${values.app}/config.json).`);
  }
}

const carBook = await carBookAddress();
const rpc = new Rpc(values.rpc);
const domain = decodeFunctionResult({
  abi: carBookAbi,
  functionName: 'domainSeparator',
  data: await rpc.call<Hex>('eth_call', [
    { to: carBook, data: encodeFunctionData({ abi: carBookAbi, functionName: 'domainSeparator' }) },
    'latest',
  ]),
});
const dealerKey = (process.env.FLEET_DEALER_KEY as Hex | undefined) ?? demoAccounts().dealer.privateKey;
process.stderr.write(`Creating ${cars} car books with device keys…\n`);
const fleet = await registerFleet({
  rpcUrl: values.rpc,
  carBook,
  dealerKey,
  owner: demoAccounts().alice.address,
  count: cars,
  seed: values.seed,
});

const rounds = Math.max(2, Math.ceil(((duration ?? 86_400 / 3_600) * rate) / cars) + 1);
const firstAt = Math.floor(Date.now() / 1000) - rounds * 3_600 - 60;
const client = values.mqtt ? await mqtt.connectAsync(values.mqtt) : undefined;
const out: NodeJS.WritableStream | undefined = client
  ? undefined
  : values.out === '-'
    ? process.stdout
    : createWriteStream(values.out);
const started = Date.now();
let sent = 0;
let stop = false;
process.once('SIGINT', () => (stop = true));
process.stderr.write(`Publishing ${rate} readings/s from ${cars} cars (${rounds} rounds)…\n`);
for (let round = 0; round < rounds && !stop; round++) {
  const messages = nextReadings(fleet, domain, { firstAt, interval: 3_600, round });
  for (let i = 0; i < messages.length && !stop; i += perMessage) {
    const chunk = messages.slice(i, i + perMessage).map((m) => m.line);
    if (client) await client.publishAsync(values.topic, chunk.join('\n'), { qos: 1 });
    else if (!out!.write(`${chunk.join('\n')}\n`))
      await new Promise<void>((resolve) => out!.once('drain', () => resolve()));
    sent += chunk.length;
    const ahead = sent / rate - (Date.now() - started) / 1000;
    if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead * 1000));
    if (duration !== undefined && Date.now() - started >= duration * 1000) stop = true;
  }
}
await client?.endAsync();
if (out && out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
process.stderr.write(`Published ${sent} readings in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
