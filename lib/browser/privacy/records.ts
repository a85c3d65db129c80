/**
 * Writing a record, the one path the dApp and the tests share, in the only safe order:
 * 1. the record is simulated as the writer (not a writer, mileage going down, a closed book: refused here,
 *    before anything is uploaded or signed);
 * 2. every document is encrypted and uploaded (any upload failure throws `DocumentUploadError` before a
 *    transaction is signed);
 * 3. the key wraps (if the book needs them) and the record are sent, each simulated again and awaited.
 * A record with no label, details or document carries no private part: an empty payload, no key needed.
 */
import { zeroHash, type Address, type PublicClient, type WalletClient } from 'viem';
import { carBookAbi } from '../contracts/generated';
import { sendContract, simulateContract, type TxStep } from '../chain/send';
import type { KeyPair } from '../crypto';
import type { IpfsClient } from '../ipfs';
import type { PrivacyConfig } from './chain';
import { documentHashOf, documentRef, uploadDocument } from './documents';
import { writePrivateRecord, type PreparedRecord, type RecordStepLabel } from './epochs';

export type NewDocument = { bytes: Uint8Array; name: string; mime: string };

/** A document could not be stored: nothing was sent to the chain. */
export class DocumentUploadError extends Error {
  override readonly name = 'DocumentUploadError';
  constructor(
    readonly document: string,
    options: { cause: unknown },
  ) {
    super(`Uploading ${document} failed (${(options.cause as Error)?.message}). No record was written.`, options);
  }
}

/** What a record write needs: the privacy configuration, or just the car book for records without a private part. */
export type RecordWriteConfig = PrivacyConfig | { contracts: { carBook: Address } };

export type RecordInput = {
  tokenId: bigint;
  mileage: number | bigint;
  /** ICarBook.RecordKind as a number (lib/browser/contracts/roles RecordKind). */
  kind: number;
  label: string;
  details: string;
  documents: readonly NewDocument[];
  /** The writer's unlocked keys (needed only with a private part). */
  writerKeys: readonly KeyPair[];
  /** Upload progress of document `document` (0-based), in bytes. */
  onProgress?: (document: number, sent: number, total: number) => void;
  /** Called before each transaction is sent (see `writePrivateRecord`). */
  onStep?: (step: TxStep<RecordStepLabel>) => void;
};

export type WrittenRecord = {
  blockNumber: bigint;
  documents: ReturnType<typeof documentRef>[];
  /** Absent for a record without a private part. */
  epoch?: number;
  /** The record started a new key period (its wraps carried a new key). */
  rotated: boolean;
  /** Key wraps were published before the record (two transactions). */
  wrapsPublished: boolean;
  prepared?: PreparedRecord;
};

/** Whether the typed fields make a private part (any label, details or document). */
export function hasPrivatePart(input: { label: string; details: string; documents: readonly unknown[] }): boolean {
  return input.label.trim() !== '' || input.details.trim() !== '' || input.documents.length > 0;
}

function isPrivacyConfig(config: RecordWriteConfig): config is PrivacyConfig {
  return 'keyRegistry' in config.contracts;
}

export async function writeRecordWithDocuments(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: RecordWriteConfig,
  ipfs: IpfsClient | (() => Promise<IpfsClient>) | undefined,
  input: RecordInput,
): Promise<WrittenRecord> {
  const mileage = BigInt(input.mileage);
  const append = (documentHash: `0x${string}`, payload: `0x${string}`) =>
    ({
      address: config.contracts.carBook,
      abi: carBookAbi,
      functionName: 'appendRecord',
      args: [input.tokenId, mileage, input.kind, documentHash, payload],
    }) as const;
  // The payload does not change whether the record is accepted (writer, kind, mileage, book status).
  await simulateContract(publicClient, walletClient, append(zeroHash, '0x'));

  if (!hasPrivatePart(input)) {
    input.onStep?.({ index: 1, total: 1, label: 'record' });
    const { blockNumber } = await sendContract(publicClient, walletClient, append(zeroHash, '0x'));
    return { blockNumber, documents: [], rotated: false, wrapsPublished: false };
  }
  if (!isPrivacyConfig(config))
    throw new Error(
      'This consortium has no key registry configured (contracts.keyRegistry): private records are unavailable',
    );
  if (input.writerKeys.length === 0)
    throw new Error('Unlock private details first: your reading key encrypts the private fields.');

  const uploaded = [];
  if (input.documents.length > 0) {
    if (!ipfs) throw new Error('This consortium has no IPFS node configured (ipfs.api): documents are unavailable.');
    const client = typeof ipfs === 'function' ? await ipfs() : ipfs;
    for (const [i, doc] of input.documents.entries()) {
      try {
        uploaded.push(
          await uploadDocument(
            doc.bytes,
            client,
            input.onProgress ? (sent, total) => input.onProgress?.(i, sent, total) : undefined,
          ),
        );
      } catch (error) {
        throw new DocumentUploadError(doc.name, { cause: error });
      }
    }
  }
  const refs = uploaded.map((u, i) => documentRef(u, input.documents[i].name, input.documents[i].mime));
  const written = await writePrivateRecord(walletClient, publicClient, config, {
    tokenId: input.tokenId,
    mileage,
    kind: input.kind,
    // The chain carries one public document hash per record: the first document's (the invoice).
    documentHash: uploaded[0] ? documentHashOf(uploaded[0]) : undefined,
    payload: { label: input.label.trim(), details: input.details.trim(), documents: refs },
    writerKeys: input.writerKeys,
    onStep: input.onStep,
  });
  return { ...written, documents: refs, wrapsPublished: Boolean(written.prepared.wrapsToPublish) };
}

/** A file as the payload accepts it: a name without path separators or control characters (≤ 255 bytes), a MIME type. */
export async function newDocument(file: File): Promise<NewDocument> {
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: safeName(file.name), mime: mimeOf(file.type) };
}

function safeName(name: string): string {
  const cleaned = name.replace(/[\\/\p{Cc}\u2028\u2029]/gu, '_').trim() || 'document';
  let out = cleaned;
  while (new TextEncoder().encode(out).length > 255) out = out.slice(0, -1);
  return out;
}

function mimeOf(type: string): string {
  const lower = type.toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(lower) && lower.length <= 127
    ? lower
    : 'application/octet-stream';
}
