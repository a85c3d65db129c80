/**
 * A private record with documents, in the only safe order: every document is encrypted and uploaded first
 * (any upload failure throws before a transaction is signed), then the wraps and the record are sent.
 */
import { type PublicClient, type WalletClient } from 'viem';
import type { KeyPair } from '../crypto';
import type { IpfsClient } from '../ipfs';
import type { PrivacyConfig } from './chain';
import { documentHashOf, documentRef, uploadDocument } from './documents';
import { writePrivateRecord } from './epochs';

export type NewDocument = { bytes: Uint8Array; name: string; mime: string };

export async function writeRecordWithDocuments(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  ipfs: IpfsClient,
  input: {
    tokenId: bigint;
    mileage: number | bigint;
    kind: number;
    label: string;
    details: string;
    documents: readonly NewDocument[];
    writerKeys: readonly KeyPair[];
    onProgress?: (document: number, sent: number, total: number) => void;
  },
) {
  const uploaded = [];
  for (const [i, doc] of input.documents.entries()) {
    uploaded.push(
      await uploadDocument(
        doc.bytes,
        ipfs,
        input.onProgress ? (sent, total) => input.onProgress!(i, sent, total) : undefined,
      ),
    );
  }
  const refs = uploaded.map((u, i) => documentRef(u, input.documents[i].name, input.documents[i].mime));
  const written = await writePrivateRecord(walletClient, publicClient, config, {
    tokenId: input.tokenId,
    mileage: input.mileage,
    kind: input.kind,
    // The chain carries one public document hash per record: the first document's (the invoice).
    documentHash: uploaded[0] ? documentHashOf(uploaded[0]) : undefined,
    payload: { label: input.label, details: input.details, documents: refs },
    writerKeys: input.writerKeys,
  });
  return { ...written, documents: refs };
}
