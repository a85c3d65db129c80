/**
 * The privacy protocol on chain: what the dApp calls. Reading keys and organisation keys (`keys`), the book's
 * readers (`readers`), epochs and private writes (`epochs`), reading (`history`), documents, share links.
 * Protocol and threat model: lib/browser/crypto/PROTOCOL.md and ./README.md.
 */
export { privacyConfigFrom, bookContext, contractRefusal, ContractRefusal, sendContract } from './chain';
export { addOrgStaffWraps } from './ui-org-staff';
export type { PrivacyConfig } from './chain';
export { unlockKeys, unlockOrgKey, publishOrgKey } from './keys';
export type { OrgKeyUnavailable, OrgKeyUnlock, UnlockedKeys, UnlockedOrgKey } from './keys';
export { readersOf } from './readers';
export type { BookReader, BookReaders, ReaderKind } from './readers';
export {
  bookKeyState,
  keyringFor,
  loadKeyring,
  prepareRecordPayload,
  publishWraps,
  writePrivateRecord,
  publishHistoryFor,
} from './epochs';
export type {
  BookKeyState,
  EpochKeyring,
  EpochWrapsBatch,
  PreparedRecord,
  PrivateRecordInput,
  PublishedWrap,
  RecordStepLabel,
} from './epochs';
export { decryptHistory, readPrivateHistory } from './history';
export type { DecryptedRecord, PrivatePart } from './history';
export { uploadDocument, openDocument, documentRef, documentHashOf } from './documents';
export type { UploadedDocument } from './documents';
export { createBuyerShare, revokeBuyerShare, readWithShareLink, parseShareLink } from './share';
export { DocumentUploadError, hasPrivatePart, newDocument, writeRecordWithDocuments } from './records';
export type { NewDocument, RecordInput, RecordWriteConfig, WrittenRecord } from './records';
