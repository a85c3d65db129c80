import { zeroHash, type Hex, type PublicClient } from 'viem';
import type { RecordKindName } from '@/lib/browser/contracts';
import type { KeyPair } from '@/lib/browser/crypto';
import type { IpfsClient } from '@/lib/browser/ipfs';
import {
  documentHashOf,
  documentRef,
  prepareRecordPayload,
  uploadDocument,
  type EpochWrapsBatch,
  type PrivacyConfig,
} from '@/lib/browser/privacy';

/** What a record is about (public), whatever its private part. */
export interface RecordPayloadContext {
  tokenId: bigint;
  kind: RecordKindName;
  mileage: bigint;
}

/** The optional private part a writer typed: only the book's readers can open it. */
export interface PrivateFields {
  label: string;
  details: string;
  files: readonly File[];
}

/** What the encryption needs: the writer's unlocked keys, the registry, an IPFS client for documents. */
export interface PrivateWriter {
  publicClient: PublicClient;
  config: PrivacyConfig;
  writerKeys: readonly KeyPair[];
  ipfs: () => Promise<IpfsClient>;
  /** Upload progress of document `index` (0-based) of `count`, in bytes. */
  onUpload?: (progress: { index: number; count: number; name: string; sent: number; total: number }) => void;
}

export interface PreparedRecordPayload {
  /** The bytes `appendRecord` carries: '0x' for a record without a private part. */
  payload: Hex;
  /** sha256 of the first document (public, anchored by the archive), or zero. */
  documentHash: Hex;
  /** Key wraps to publish before the record (`publishEpochWrapsBatch`), when the book needs them. */
  wraps?: EpochWrapsBatch[];
  /** The record starts a new key period (a reader left, the car was sold): the wraps carry a new key. */
  rotates: boolean;
}

export function hasPrivateFields(fields: PrivateFields | undefined): fields is PrivateFields {
  return Boolean(fields && (fields.label.trim() !== '' || fields.details.trim() !== '' || fields.files.length > 0));
}

/** Thrown when a document could not be stored: nothing was sent to the chain. */
export class DocumentUploadError extends Error {
  override readonly name = 'DocumentUploadError';
}

/**
 * The payload of a record, the one place every writer (owner, workshop, expert) gets it from.
 *
 * A record with no private field carries an empty payload ('0x'): lib/browser/privacy reads it as "no private part"
 * (a plain odometer reading), nobody has to unlock for it, and it never rotates the book's key. That an empty
 * record has no private part is visible anyway: every payload's length is public.
 *
 * With private fields: every document is encrypted and uploaded first (a failed upload throws
 * `DocumentUploadError` before any transaction), then lib/browser/privacy encrypts the label, details and document keys
 * under the book's current key period, or a new one (`prepareRecordPayload`), and lists the key wraps to publish
 * first. Nothing is sent to the chain here.
 */
export async function recordPayload(
  context: RecordPayloadContext,
  fields?: PrivateFields,
  writer?: PrivateWriter,
): Promise<PreparedRecordPayload> {
  if (!hasPrivateFields(fields)) return { payload: '0x', documentHash: zeroHash, rotates: false };
  if (!writer) throw new Error('Unlock private details first: your reading key encrypts the private fields.');
  const documents = [];
  if (fields.files.length > 0) {
    const ipfs = await writer.ipfs();
    for (const [index, file] of fields.files.entries()) {
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const uploaded = await uploadDocument(bytes, ipfs, (sent, total) =>
          writer.onUpload?.({ index, count: fields.files.length, name: file.name, sent, total }),
        );
        documents.push({ uploaded, ref: documentRef(uploaded, safeName(file.name), mimeOf(file)) });
      } catch (error) {
        throw new DocumentUploadError(
          `Uploading ${file.name} failed (${(error as Error).message}). No record was written.`,
          { cause: error },
        );
      }
    }
  }
  const prepared = await prepareRecordPayload(writer.publicClient, writer.config, {
    tokenId: context.tokenId,
    payload: { label: fields.label.trim(), details: fields.details.trim(), documents: documents.map((d) => d.ref) },
    writerKeys: writer.writerKeys,
  });
  return {
    payload: prepared.payloadBytes,
    documentHash: documents[0] ? documentHashOf(documents[0].uploaded) : zeroHash,
    wraps: prepared.wrapsToPublish,
    rotates: prepared.plan.rotate,
  };
}

/** A file name the payload accepts: no path separators or control characters, at most 255 bytes. */
function safeName(name: string): string {
  const cleaned = name.replace(/[\\/\p{Cc}\u2028\u2029]/gu, '_').trim() || 'document';
  let out = cleaned;
  while (new TextEncoder().encode(out).length > 255) out = out.slice(0, -1);
  return out;
}

function mimeOf(file: File): string {
  const type = file.type.toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) && type.length <= 127
    ? type
    : 'application/octet-stream';
}
