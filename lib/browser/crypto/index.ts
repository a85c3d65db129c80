/**
 * Public entry point of the client-side privacy protocol (see PROTOCOL.md). Pure TypeScript over
 * tweetnacl and @noble/hashes; runs in browsers and Node. The randomness hook for tests and
 * known-answer vectors lives in `./testing`, never here.
 */
export { CryptoError, KeyMismatchError } from './errors';
export type { CryptoErrorCode } from './errors';
export { toHex, fromHex, toBase64url, fromBase64url } from './bytes';
export type { Hex } from './bytes';
export {
  encryptionKeyTypedData,
  encryptionKeyTypedDataJson,
  keyPairFromSignature,
  deriveKeyPair,
  unlock,
  normaliseSignature,
  EIP712_DOMAIN_NAME,
  EIP712_DOMAIN_VERSION,
  ENCRYPTION_KEY_PURPOSE,
} from './keys';
export type { KeyPair, SignTypedData, EncryptionKeyTypedData } from './keys';
export { createOrgKey, wrapOrgKeyForStaff, unwrapOrgKey, rotateOrgKey } from './org';
export type { StaffWrap, OrgRotation } from './org';
export {
  newEpochKey,
  wrapEpochKey,
  unwrapEpochKey,
  wrapEpochKeyForReaders,
  epochContextHash,
  orgContextHash,
  WRAP_VERSION,
  WRAP_LENGTH,
} from './wrap';
export type { BookContext, EpochContext, OrgContext, ReaderWrap } from './wrap';
export {
  encryptPayload,
  decryptPayload,
  payloadEpoch,
  encodePayload,
  decodePayload,
  validatePayload,
  PAYLOAD_VERSION,
  MAX_PAYLOAD_BYTES,
  MAX_PAYLOAD_PLAINTEXT_BYTES,
  LIMITS as PAYLOAD_LIMITS,
} from './payload';
export type { RecordPayload, DocumentRef, KeyForEpoch } from './payload';
export { planEpoch, activeReaders, wrapsForNewReader } from './rotation';
export type { ReaderEntry, EpochState, EpochPlan, RotationReason, EpochKeys, EpochWrap } from './rotation';
export { createShareLink, readShareFragment } from './share';
export type { ShareLink } from './share';
export {
  encryptDocument,
  decryptDocument,
  documentCiphertextLength,
  DOCUMENT_VERSION,
  DOCUMENT_CHUNK_BYTES,
} from './document';
export type { EncryptedDocument } from './document';
