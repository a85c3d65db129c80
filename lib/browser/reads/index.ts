/**
 * Every chain read the wallet pages show, as plain functions of a viem PublicClient and the runtime
 * configuration (`ReadConfig`). How each one finds its data (event scans today) is its own business: callers
 * never pass block numbers. React hooks wrap these in app/(wallet)/_components/hooks/.
 */
export type { ReadConfig } from './config';
export { booksOf, bookHistory, bookSummary } from './books';
export type { BookSummary } from './books';
export { membershipOf, organisations, parameterOf, staffOf } from './consortium';
export type { Organisation } from './consortium';
export { grantsOf, accessOf } from './grants';
export { coverOf, insurerDesk, expertClaims, mergeInsurerDesks } from './insurance';
export type { ClaimView } from './insurance';
export { proposals } from './proposals';
export type { ProposalView } from './proposals';
export { anchorOf, anchorOnChains, anchorShardOf } from './anchors';
export { hasReadingKey, readingKeyOf, liveShareKeys, orgKeyState } from './keys';
export { connectedCars, connectedCarsPage, mileageSeries, mileageSeriesCsv } from './telematics';
export type { ConnectedCar } from './telematics';
export { parseDeadLetters, deadLettersByCar, MAX_DEAD_LETTER_BYTES } from './dead-letters';
export type { DeadLetterFile } from './dead-letters';
export { heldBooksPage, expertMandatesPage } from './lists';
// Paged lists that span chains; the maker's connected-cars list reuses them.
/** @public */
export { mergedNewestFirstPage } from './merged';
/** @public */
export type { ChainIndex, IndexView, MergedPage, OnChain } from './merged';
export { compareShards, INSURANCE_IS_OWN, readShardState } from './shard-state';
export type { Divergence } from './shard-state';
