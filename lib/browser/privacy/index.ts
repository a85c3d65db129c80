/**
 * The privacy protocol on chain: what the dApp calls. Reading keys and organisation keys (`keys`), the book's
 * readers (`readers`), epochs and private writes (`epochs`), reading (`history`), documents, share links.
 * Protocol and threat model: lib/browser/crypto/PROTOCOL.md and ./README.md.
 */
export { privacyConfigFrom, contractRefusal, sendContract } from './chain';
export { addOrgStaffWraps } from './ui-org-staff';
export type { PrivacyConfig } from './chain';
export { unlockKeys, unlockOrgKey, publishOrgKey } from './keys';
export type { OrgKeyUnavailable, UnlockedOrgKey } from './keys';
export { readersOf } from './readers';
export { loadKeyring, publishWraps, writePrivateRecord, publishHistoryFor } from './epochs';
export type { EpochKeyring } from './epochs';
export { decryptHistory, readPrivateHistory } from './history';
export type { DecryptedRecord, PrivatePart } from './history';
export { openDocument } from './documents';
export { createBuyerShare, revokeBuyerShare, readWithShareLink } from './share';
export { hasPrivatePart, newDocument, writeRecordWithDocuments } from './records';
export type { WrittenRecord } from './records';
export { sealedOpener, submitDiagnosisWithReport } from './diagnosis';
