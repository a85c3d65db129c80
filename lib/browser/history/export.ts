import * as v from 'valibot';
import { zeroHash, type Address, type Hex, type PublicClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { RECORD_KINDS } from '../contracts/roles';
import { verifyChain, type BookHistory, type HistoryRecord } from './read';
import { nextAppendedHead, nextReadingHead } from '../reads/reading-chain';
import type { Finding, Verdict } from './verdict';

/**
 * A history exported with its proofs: every record body, the hash-chain head they add up to, and the block at
 * which the chain held that head; the car's signed telematics readings with their own chain's head; and the
 * buyer's verdict as the exporting page computed it (level, each reason with its date). A second party verifies
 * records and readings later against any node of the consortium; the verdict is a reading aid recomputed by
 * anyone from the verified history (lib/browser/history/verdict.ts), not a proof. Readings and verdict are
 * optional in the schema, so files exported before they were added still verify. `legacyReadings` says how many of
 * the readings (the first ones) were recorded before the reading-chain upgrade (unmasked chain steps); a file
 * without it was exported before that upgrade, when every reading was.
 */
export const HISTORY_EXPORT_FORMAT = 'carbook-history/1';

const hex = (bytes?: number) =>
  v.pipe(
    v.string(),
    v.regex(bytes ? new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`) : /^0x([0-9a-fA-F]{2})*$/),
    v.transform((s) => s as Hex),
  );

const VERDICT_LEVELS = ['clear', 'check', 'serious', 'destroyed'] as const;

const ExportSchema = v.object({
  format: v.literal(HISTORY_EXPORT_FORMAT),
  chainId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  carBook: hex(20),
  tokenId: hex(32),
  head: hex(32),
  atBlock: v.pipe(v.string(), v.regex(/^\d+$/)),
  exportedAt: v.string(),
  records: v.array(
    v.object({
      index: v.pipe(v.number(), v.integer(), v.minValue(0)),
      writer: hex(20),
      writerOrg: v.pipe(v.number(), v.integer(), v.minValue(0)),
      kind: v.picklist(RECORD_KINDS),
      mileage: v.pipe(v.number(), v.integer(), v.minValue(0)),
      timestamp: v.pipe(v.number(), v.integer(), v.minValue(0)),
      documentHash: hex(32),
      payload: hex(),
      head: hex(32),
      blockNumber: v.pipe(v.string(), v.regex(/^\d+$/)),
      transactionHash: hex(32),
    }),
  ),
  readingsHead: v.optional(hex(32)),
  legacyReadings: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  readings: v.optional(
    v.array(
      v.object({
        mileage: v.pipe(v.number(), v.integer(), v.minValue(0)),
        timestamp: v.pipe(v.number(), v.integer(), v.minValue(0)),
        blockNumber: v.pipe(v.string(), v.regex(/^\d+$/)),
        transactionHash: hex(32),
      }),
    ),
  ),
  verdict: v.optional(
    v.object({
      level: v.picklist(VERDICT_LEVELS),
      /** Each reason as computed (`Finding`), with its date(s) also in ISO 8601 UTC for a person reading the file. */
      findings: v.array(v.looseObject({ kind: v.string(), level: v.picklist(VERDICT_LEVELS) })),
      owners: v.object({ private: v.number(), custody: v.number() }),
    }),
  ),
});

export type HistoryExport = v.InferOutput<typeof ExportSchema>;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** A finding with its instants also as ISO dates (`atUtc`, `untilUtc`, `sinceUtc`, `writtenAtUtc`). */
function datedFinding(finding: Finding): Finding & Record<string, unknown> {
  const dated: Record<string, unknown> = { ...finding };
  for (const key of ['at', 'until', 'since', 'writtenAt'] as const) {
    const value = (finding as Partial<Record<typeof key, number>>)[key];
    if (typeof value === 'number') dated[`${key}Utc`] = iso(value);
  }
  return dated as Finding & Record<string, unknown>;
}

export function exportHistory(
  history: BookHistory,
  context: { chainId: number; carBook: Address; atBlock: bigint },
  verdict?: Verdict,
): HistoryExport {
  return {
    format: HISTORY_EXPORT_FORMAT,
    chainId: context.chainId,
    carBook: context.carBook,
    tokenId: `0x${history.tokenId.toString(16).padStart(64, '0')}`,
    head: history.onChainHead,
    atBlock: context.atBlock.toString(),
    exportedAt: new Date().toISOString(),
    records: history.records.map((record) => ({
      ...record,
      blockNumber: record.blockNumber.toString(),
    })),
    readingsHead: history.readingsHead,
    legacyReadings: history.legacyReadings ?? 0,
    readings: history.readings.map((reading) => ({
      mileage: reading.mileage,
      timestamp: reading.timestamp,
      blockNumber: reading.blockNumber.toString(),
      transactionHash: reading.transactionHash,
    })),
    ...(verdict && {
      verdict: { level: verdict.level, findings: verdict.findings.map(datedFinding), owners: verdict.owners },
    }),
  };
}

export type ExportVerification =
  | { ok: true; records: number; laterRecords: number; readings: number; documentHashes: Hex[] }
  | {
      ok: false;
      /** What the page words in the reader's language (public.json, exportTools.problem). */
      problem: 'not-an-export' | 'altered' | 'other-chain' | 'unreadable-head' | 'not-on-chain';
      /** The same in English, with the technical detail, for logs and non-React callers. */
      reason: string;
    };

/** A chain of the consortium as the verifier needs it: its id and its CarBook (a `ShardConfig` is one). */
export interface ExportShard {
  chainId: number;
  contracts: { carBook: Address };
}

/**
 * Verifies an exported history offline-first, then against the consortium's chain it names: the records must add
 * up to the exported head, and that chain's CarBook must have held that head at the exported block. Records added
 * since are counted.
 *
 * The file is untrusted, its `carBook` address too: the head is read only from the CarBook the consortium's
 * configuration lists for the file's chain (`consortium.shards`), never from the address the file names, or a
 * forger's own contract on the same chain would "hold" any head. `clientFor` gives the read client of that chain.
 */
export async function verifyExportedHistory<S extends ExportShard>(
  input: unknown,
  consortium: { shards: readonly S[] },
  clientFor: (shard: S) => PublicClient,
): Promise<ExportVerification> {
  const parsed = v.safeParse(ExportSchema, input);
  if (!parsed.success) {
    return {
      ok: false,
      problem: 'not-an-export',
      reason: `Not a CarBook history export: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? 'file'}: ${i.message}`).join('; ')}`,
    };
  }
  const file = parsed.output;
  const tokenId = BigInt(file.tokenId);
  const records: HistoryRecord[] = file.records.map((r) => ({ ...r, blockNumber: BigInt(r.blockNumber) }));
  const offline = verifyChain(tokenId, records, file.head, records.length);
  if (!offline.ok)
    return { ok: false, problem: 'altered', reason: `The file's records do not add up to its head: ${offline.detail}` };
  const readings = file.readings ?? [];
  if (file.readings) {
    const legacy = file.legacyReadings ?? readings.length;
    const head = readings.reduce<Hex>(
      (previous, r, i) => (i < legacy ? nextReadingHead : nextAppendedHead)(previous, tokenId, r.mileage, r.timestamp),
      zeroHash,
    );
    if (legacy > readings.length || head !== (file.readingsHead ?? zeroHash))
      return {
        ok: false,
        problem: 'altered',
        reason: "The file's telematics readings do not add up to its readings head",
      };
  }

  const shard = consortium.shards.find((candidate) => candidate.chainId === file.chainId);
  if (!shard)
    return {
      ok: false,
      problem: 'other-chain',
      reason: `Exported from chain ${file.chainId}, which is not one of this consortium's chains`,
    };
  if (shard.contracts.carBook.toLowerCase() !== file.carBook.toLowerCase())
    return {
      ok: false,
      problem: 'not-on-chain',
      reason: `The file names ${file.carBook} as its CarBook, which is not the consortium's on chain ${file.chainId}`,
    };
  const client = clientFor(shard);
  const chainId = await client.getChainId();
  if (chainId !== file.chainId)
    return {
      ok: false,
      problem: 'other-chain',
      reason: `Exported from chain ${file.chainId}, but this node serves chain ${chainId}`,
    };
  let headThen: Hex;
  try {
    headThen = await client.readContract({
      address: shard.contracts.carBook,
      abi: carBookAbi,
      functionName: 'historyHead',
      args: [tokenId],
      blockNumber: BigInt(file.atBlock),
    });
  } catch (error) {
    return {
      ok: false,
      problem: 'unreadable-head',
      reason: `Could not read the head at block ${file.atBlock}: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  let readingsHeadThen: Hex | undefined;
  if (file.readings) {
    readingsHeadThen = await client.readContract({
      address: shard.contracts.carBook,
      abi: carBookAbi,
      functionName: 'readingsHead',
      args: [tokenId],
      blockNumber: BigInt(file.atBlock),
    });
  }
  if (headThen !== file.head || (file.readings && readingsHeadThen !== (file.readingsHead ?? zeroHash))) {
    return {
      ok: false,
      problem: 'not-on-chain',
      reason: `The chain did not hold this history at block ${file.atBlock}: the file was altered or is not from this consortium`,
    };
  }
  const book = await client.readContract({
    address: shard.contracts.carBook,
    abi: carBookAbi,
    functionName: 'book',
    args: [tokenId],
  });
  return {
    ok: true,
    records: records.length,
    laterRecords: book.recordCount - records.length,
    readings: readings.length,
    documentHashes: records.map((r) => r.documentHash).filter((h) => h !== zeroHash),
  };
}
