import type { Address, Hex } from 'viem';

/**
 * Query keys in one place, so a write invalidates exactly what it touched. Keys are prefixes of each other
 * where one write touches a family (e.g. `grants(carBook, id)` also covers one grantee's grant; `privacy()`
 * covers every key-registry read).
 */
export const queryKeys = {
  /** Every account's books (`owner` omitted): a transfer changes two lists. */
  myBooks: (carBook: Address, owner?: Address) =>
    owner ? (['books', carBook, owner] as const) : (['books', carBook] as const),
  history: (carBook: Address, tokenId: bigint) => ['history', carBook, tokenId.toString()] as const,
  /** A book's summary, under its history: whatever refreshes the history refreshes the summary. */
  bookSummary: (carBook: Address, tokenId: bigint) => [...queryKeys.history(carBook, tokenId), 'summary'] as const,
  /** The viewer's epoch key ring of a book, under its history. */
  keyring: (carBook: Address, tokenId: bigint, keysId: string) =>
    [...queryKeys.history(carBook, tokenId), 'keyring', keysId] as const,
  /** Every account's membership (`account` omitted). */
  membership: (consortium: Address, account?: Address) =>
    account ? (['membership', consortium, account] as const) : (['membership', consortium] as const),
  grants: (carBook: Address, tokenId: bigint, grantee?: Address) =>
    grantee
      ? (['grants', carBook, tokenId.toString(), grantee] as const)
      : (['grants', carBook, tokenId.toString()] as const),
  cover: (insurance: Address, tokenId: bigint) => ['cover', insurance, tokenId.toString()] as const,
  /** Every insurer's desk (`orgId` omitted). */
  insurerDesk: (insurance: Address, orgId?: number) =>
    orgId === undefined ? (['insurer', insurance] as const) : (['insurer', insurance, orgId] as const),
  expertClaims: (insurance: Address, expert?: Address) =>
    expert ? (['expertClaims', insurance, expert] as const) : (['expertClaims', insurance] as const),
  organisations: (consortium: Address) => ['organisations', consortium] as const,
  parameter: (consortium: Address, key: Hex) => ['parameter', consortium, key] as const,
  /** Every organisation's view of the proposals (`orgId` omitted). */
  proposals: (consortium: Address, orgId?: number) =>
    orgId === undefined ? (['proposals', consortium] as const) : (['proposals', consortium, orgId] as const),
  staff: (consortium: Address, orgId: number) => ['staff', consortium, orgId] as const,
  anchor: (documentAnchor: Address, documentHash: Hex) => ['anchor', documentAnchor, documentHash] as const,
  /** Everything read from the key registry: unlocking or locking refreshes it all. */
  privacy: () => ['privacy'] as const,
  readingKey: (registry: Address, account: Address) => ['privacy', 'readingKey', registry, account] as const,
  shareKeys: (registry: Address, tokenId: bigint) => ['privacy', 'shares', registry, tokenId.toString()] as const,
  /** An organisation's key state (`staff` omitted: for every staff list). */
  orgKey: (registry: Address, orgId: number, staff?: readonly Address[]) =>
    staff
      ? (['privacy', 'orgKey', registry, orgId, staff.join(',')] as const)
      : (['privacy', 'orgKey', registry, orgId] as const),
};
