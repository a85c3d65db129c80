/**
 * The privacy protocol on chain: what the dApp calls. Reading keys and organisation keys (`keys`), the book's
 * readers (`readers`), epochs and private writes (`epochs`), reading (`history`), documents, share links.
 * Protocol and threat model: lib/browser/crypto/PROTOCOL.md and ./README.md.
 */
export { privacyConfigFrom, contractRefusal, sendContract } from './chain';
export type { PrivacyConfig } from './chain';
export { unlockKeys, unlockOrgKey, publishOrgKey } from './keys';
export type { UnlockedOrgKey } from './keys';
export { readersOf } from './readers';
export { loadKeyring, prepareRecordPayload, publishWraps, writePrivateRecord, publishHistoryFor } from './epochs';
export type { EpochWrapsBatch } from './epochs';
export { decryptHistory, readPrivateHistory } from './history';
export type { DecryptedRecord, PrivatePart } from './history';
export { uploadDocument, openDocument, documentRef, documentHashOf } from './documents';
export { createBuyerShare, revokeBuyerShare, readWithShareLink } from './share';
export { writeRecordWithDocuments } from './records';
export { staffWithoutCurrentOrgKey, addOrgStaffWraps } from './ui-org-staff';
