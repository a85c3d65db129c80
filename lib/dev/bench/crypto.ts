/**
 * `npm run bench:crypto [-- --json] [-- --runs N]`: what the privacy protocol costs in this Node.
 *
 *   crypto.wrap100.ms            wrap one epoch key for 100 readers (wrapEpochKeyForReaders: fresh ephemeral
 *                                key and nonce per reader; automatic engine = Node's native X25519 here)
 *   crypto.wrap100.webcrypto.ms  the same on the WebCrypto engine (what a current browser uses)
 *   crypto.wrap100.tweetnacl.ms  the same on the pure-JS engine (browsers without WebCrypto X25519)
 *   crypto.unwrap100.ms          a reader opening 100 wraps (unwrapEpochKey, automatic engine)
 *   crypto.decrypt1000.ms        decrypt and validate 1,000 record payloads of about 200 bytes
 *   crypto.document1MiB.ms       encrypt + decrypt (with both sha256) a 1 MiB document
 *
 * Each figure is the median wall-clock time of `--runs` timed runs (default 9) after one warm-up run; the
 * table also shows the median process CPU time, which is what to compare on a busy shared machine.
 * `--json` prints one {"metric","value","unit"} object per line.
 */
import nacl from 'tweetnacl';
import { decryptDocument, encryptDocument } from '../../browser/crypto/document';
import { decryptPayload, encryptPayload, type RecordPayload } from '../../browser/crypto/payload';
import { setX25519Engine, x25519Engines } from '../../browser/crypto/testing';
import {
  newEpochKey,
  unwrapEpochKey,
  wrapEpochKey,
  wrapEpochKeyForReaders,
  type EpochContext,
} from '../../browser/crypto/wrap';
import { argValue, median, timeRuns as time, type Metric, type Timings } from './measure';

const context: EpochContext = {
  chainId: 31337,
  carBook: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  tokenId: 0xc0ffeen,
  epoch: 7,
};
const readers = Array.from({ length: 100 }, () => nacl.box.keyPair());
const readerKeys = readers.map((r) => r.publicKey);
const epochKey = newEpochKey();

const payload: RecordPayload = {
  label: 'Vidange + filtres',
  details:
    'Huile 5W30 4,5 L, filtre à huile, filtre à air. Plaquettes AV à 40 %. Prochain entretien 80 000 km ou 12 mois.',
  documents: [],
};

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const runs = Number(argValue('--runs') ?? 9);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

  const engines = await x25519Engines();
  const wrapAuto = await time(runs, () => wrapEpochKeyForReaders(epochKey, readerKeys, context));
  setX25519Engine('webcrypto');
  const wrapWeb = await time(runs, () => wrapEpochKeyForReaders(epochKey, readerKeys, context));
  setX25519Engine('tweetnacl');
  const wrapSlow = await time(runs, () => wrapEpochKeyForReaders(epochKey, readerKeys, context));
  setX25519Engine(undefined);

  const wraps = readerKeys.map((pk) => wrapEpochKey(epochKey, pk, context));
  const unwrap = await time(runs, () => wraps.forEach((w, i) => unwrapEpochKey(w, readers[i].secretKey, context)));

  const records = Array.from({ length: 1000 }, () => encryptPayload(payload, epochKey, context.epoch));
  const keys = new Map([[context.epoch, epochKey]]);
  const decrypt = await time(runs, () => records.forEach((r) => decryptPayload(r, keys)));

  const doc = nacl.randomBytes(1 << 20);
  const document = await time(runs, () => {
    const enc = encryptDocument(doc);
    decryptDocument(enc.ciphertext, enc.key, enc.sha256);
  });

  const r1 = (v: number) => Math.round(v * 10) / 10;
  const measured: [string, Timings][] = [
    ['crypto.wrap100.ms', wrapAuto],
    ['crypto.wrap100.webcrypto.ms', wrapWeb],
    ['crypto.wrap100.tweetnacl.ms', wrapSlow],
    ['crypto.unwrap100.ms', unwrap],
    ['crypto.decrypt1000.ms', decrypt],
    ['crypto.document1MiB.ms', document],
  ];
  const metrics: Metric[] = measured.map(([metric, t]) => ({ metric, value: r1(median(t.wall)), unit: 'ms' }));
  if (json) {
    for (const m of metrics) console.log(JSON.stringify(m));
    return;
  }
  const targets: Record<string, string> = { 'crypto.wrap100.ms': '<= 50', 'crypto.decrypt1000.ms': '<= 300' };
  console.log(
    `lib/browser/crypto benchmark, Node ${process.version}, median of ${runs} runs; native X25519: node ${engines.node ? 'yes' : 'no'}, ` +
      `webcrypto ${engines.webcrypto ? 'yes' : 'no'}; record payload ${records[0].length} bytes encrypted`,
  );
  console.table(
    Object.fromEntries(
      measured.map(([metric, t]) => [
        metric,
        { 'wall ms (median)': r1(median(t.wall)), 'cpu ms (median)': r1(median(t.cpu)), target: targets[metric] ?? '' },
      ]),
    ),
  );
  for (const [metric, t] of measured) console.log(`${metric} wall runs: ${t.wall.map((x) => x.toFixed(1)).join(', ')}`);
}

await main();
