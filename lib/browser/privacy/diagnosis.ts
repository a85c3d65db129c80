/**
 * Expert diagnoses with a report document. A mandated expert is no reader of the book and no key publisher
 * (README.md), so it cannot encrypt with the book's epoch key. Instead the diagnosis payload is *sealed* for the
 * book's readers: a fresh payload key encrypts the payload (the record payload format, epoch 0), and that key is
 * wrapped for each current reader key, the wraps travelling inside the payload itself.
 *
 * Sealed payload (≤ CarBook.MAX_PAYLOAD_BYTES):
 *   0xd1 | n (1 byte) | n × key wrap (137 bytes, lib/browser/crypto wrap format v1) | record payload v1 under the key
 * Wrap context: sha256("carbook-ledger/v1/sealed-payload-wrap\0" || chainId uint256 BE || carBook (20)
 *   || tokenId uint256 BE || reader public key (32)): a wrap copied to another book or reader is refused.
 * Readers: the owner's reading key, the maker organisation's key and the covering insurer's key first, then any
 * other current reader (granted workshops, share links) while the payload fits.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { zeroHash, type PublicClient, type WalletClient } from 'viem';
import { insuranceAbi } from '../contracts/generated';
import { sendContract, simulateContract } from '../chain/send';
import {
  CryptoError,
  decryptPayload,
  encryptPayload,
  toHex,
  WRAP_LENGTH,
  type KeyPair,
  type RecordPayload,
} from '../crypto';
import { addressBytes, concatBytes, uintBe } from '../crypto/bytes';
import { randomBytes } from '../crypto/random';
import { openKey, sealKey } from '../crypto/wrap';
import { publicKeyFromSecret } from '../crypto/x25519';
import type { IpfsClient } from '../ipfs';
import type { PrivacyConfig } from './chain';
import { documentHashOf, documentRef, uploadDocument } from './documents';
import { readersOf, type BookReader } from './readers';
import { DocumentUploadError, type NewDocument } from './records';
import type { PrivatePart } from './history';

const SEALED_PAYLOAD_MARKER = 0xd1;
const MAX_PAYLOAD_BYTES = 4096; // CarBook.MAX_PAYLOAD_BYTES
const SEALED_WRAP_TAG = new TextEncoder().encode('carbook-ledger/v1/sealed-payload-wrap\0');
/** Who gets a wrap first: the readers the issue names (owner, maker network, covering insurer). */
const PRIORITY: Record<BookReader['kind'], number> = { owner: 0, maker: 1, insurer: 2, workshop: 3, share: 4 };

type SealContext = { chainId: number; carBook: `0x${string}`; tokenId: bigint };

function sealedContextHash(context: SealContext, readerPublicKey: Uint8Array): Uint8Array {
  return sha256(
    concatBytes(
      SEALED_WRAP_TAG,
      uintBe(BigInt(context.chainId), 32, 'chainId'),
      addressBytes(context.carBook, 'carBook'),
      uintBe(context.tokenId, 32, 'tokenId'),
      readerPublicKey,
    ),
  );
}

/** Whether payload bytes are a sealed payload (rather than an epoch-key payload). */
export function isSealedPayload(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === SEALED_PAYLOAD_MARKER;
}

/**
 * Seals `payload` for the given reader public keys (pure apart from randomness). Readers are taken in order
 * while the payload fits; returns the bytes and how many readers got a wrap.
 */
export function sealPayload(
  payload: RecordPayload,
  readerPublicKeys: readonly Uint8Array[],
  context: SealContext,
): { bytes: Uint8Array; sealedFor: number } {
  const key = randomBytes(32);
  const inner = encryptPayload(payload, key, 0);
  const room = Math.floor((MAX_PAYLOAD_BYTES - 2 - inner.length) / WRAP_LENGTH);
  const readers = readerPublicKeys.slice(0, Math.min(room, 255));
  if (readers.length === 0) {
    key.fill(0);
    throw new Error('The report cannot be sealed: the book has no reader with a registered key.');
  }
  const wraps = readers.map((reader) => sealKey(key, reader, sealedContextHash(context, reader)));
  key.fill(0);
  return {
    bytes: concatBytes(Uint8Array.of(SEALED_PAYLOAD_MARKER, readers.length), ...wraps, inner),
    sealedFor: readers.length,
  };
}

/** Opens a sealed payload with any of the viewer's keys (a person's reading key or an organisation key). */
export function openSealedPayload(
  bytes: Uint8Array,
  viewerKeys: readonly KeyPair[],
  context: SealContext,
): PrivatePart {
  if (!isSealedPayload(bytes)) return { locked: true, reason: 'malformed' };
  const count = bytes[1];
  const innerStart = 2 + count * WRAP_LENGTH;
  if (bytes.length <= innerStart) return { locked: true, reason: 'malformed' };
  for (const viewer of viewerKeys) {
    const expected = sealedContextHash(context, publicKeyFromSecret(viewer.secretKey));
    for (let i = 0; i < count; i++) {
      const wrap = bytes.subarray(2 + i * WRAP_LENGTH, 2 + (i + 1) * WRAP_LENGTH);
      let key: Uint8Array;
      try {
        key = openKey(wrap, viewer.secretKey, expected);
      } catch (error) {
        if (error instanceof CryptoError) continue;
        throw error;
      }
      try {
        const { payload } = decryptPayload(bytes.subarray(innerStart), () => key);
        return { locked: false, epoch: 0, payload };
      } catch (error) {
        if (!(error instanceof CryptoError)) throw error;
        return { locked: true, reason: 'undecryptable' };
      } finally {
        key.fill(0);
      }
    }
  }
  return { locked: true, reason: 'no-key' };
}

/** What `decryptHistory` uses to open the sealed payloads of one book (see `openSealedPayload`). */
export type SealedOpener = (bytes: Uint8Array) => PrivatePart;

export function sealedOpener(
  config: Pick<PrivacyConfig, 'chainId' | 'contracts'>,
  tokenId: bigint,
  viewerKeys: readonly KeyPair[],
): SealedOpener {
  return (bytes) =>
    openSealedPayload(bytes, viewerKeys, { chainId: config.chainId, carBook: config.contracts.carBook, tokenId });
}

export type DiagnosisInput = {
  claimId: bigint;
  tokenId: bigint;
  mileage: number | bigint;
  /** IInsurance.Verdict as a number (1 repairable, 2 total loss). */
  verdict: number;
  /** The expert's report, sealed for the book's readers; without it the diagnosis is public only. */
  report?: NewDocument;
  onProgress?: (sent: number, total: number) => void;
};

/**
 * The mandated expert's diagnosis, in the same safe order as `writeRecordWithDocuments`: the call is simulated
 * first (a lapsed claim, a conflict of interest, a bad mileage are refused before anything is uploaded), then the
 * report is encrypted and uploaded (`DocumentUploadError` before any transaction), its reference sealed for the
 * book's current readers, and `submitDiagnosis` sent with the report's sha256 as the public document hash.
 */
export async function submitDiagnosisWithReport(
  walletClient: WalletClient,
  publicClient: PublicClient,
  config: PrivacyConfig,
  ipfs: IpfsClient | (() => Promise<IpfsClient>) | undefined,
  input: DiagnosisInput,
): Promise<{ blockNumber: bigint; documentHash: `0x${string}`; sealedFor: number }> {
  const call = (documentHash: `0x${string}`, payload: `0x${string}`) =>
    ({
      address: config.contracts.insurance,
      abi: insuranceAbi,
      functionName: 'submitDiagnosis',
      args: [input.claimId, BigInt(input.mileage), input.verdict, documentHash, payload],
    }) as const;
  await simulateContract(publicClient, walletClient, call(zeroHash, '0x'));
  if (!input.report) {
    const { blockNumber } = await sendContract(publicClient, walletClient, call(zeroHash, '0x'));
    return { blockNumber, documentHash: zeroHash, sealedFor: 0 };
  }
  if (!ipfs) throw new Error('This consortium has no IPFS node configured (ipfs.api): documents are unavailable.');
  const client = typeof ipfs === 'function' ? await ipfs() : ipfs;
  let uploaded;
  try {
    uploaded = await uploadDocument(input.report.bytes, client, input.onProgress);
  } catch (error) {
    throw new DocumentUploadError(input.report.name, { cause: error });
  }
  const { readers } = await readersOf(publicClient, config, input.tokenId);
  const ordered = [...readers].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind]).map((r) => r.publicKey);
  const { bytes, sealedFor } = sealPayload(
    {
      label: 'Expert report',
      details: '',
      documents: [documentRef(uploaded, input.report.name, input.report.mime)],
    },
    ordered,
    { chainId: config.chainId, carBook: config.contracts.carBook, tokenId: input.tokenId },
  );
  const documentHash = documentHashOf(uploaded);
  const { blockNumber } = await sendContract(publicClient, walletClient, call(documentHash, toHex(bytes)));
  return { blockNumber, documentHash, sealedFor };
}
