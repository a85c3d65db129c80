/**
 * Public entry point of the client-side privacy protocol (see PROTOCOL.md). Pure TypeScript over
 * tweetnacl and @noble/hashes; runs in browsers and Node. The randomness hook for tests and
 * known-answer vectors lives in `./testing`, never here.
 */
export { CryptoError, KeyMismatchError } from './errors';
export { toHex, fromHex, toBase64url } from './bytes';
export type { Hex } from './bytes';
export {
  encryptionKeyTypedData,
  encryptionKeyTypedDataJson,
  keyPairFromSignature,
  deriveKeyPair,
  unlock,
  normaliseSignature,
} from './keys';
export type { KeyPair, ReadingKeyDomain } from './keys';
export { createOrgKey, wrapOrgKeyForStaff, unwrapOrgKey, rotateOrgKey } from './org';
export { newEpochKey, wrapEpochKey, unwrapEpochKey, wrapEpochKeyForReaders, WRAP_LENGTH } from './wrap';
export type { BookContext, EpochContext, OrgContext } from './wrap';
export {
  encryptPayload,
  decryptPayload,
  payloadEpoch,
  encodePayload,
  decodePayload,
  MAX_PAYLOAD_BYTES,
} from './payload';
export type { RecordPayload, DocumentRef } from './payload';
export { planEpoch, activeReaders, wrapsForNewReader } from './rotation';
export type { ReaderEntry, EpochPlan } from './rotation';
export { createShareLink, readShareFragment } from './share';
export { isLowOrderPublicKey } from './x25519';
export { encryptDocument, decryptDocument, documentCiphertextLength, DOCUMENT_CHUNK_BYTES } from './document';
