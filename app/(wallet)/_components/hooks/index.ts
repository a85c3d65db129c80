/**
 * The wallet pages' chain reads as React queries: thin wrappers over lib/browser/reads, one file per concern,
 * keys from ./queryKeys.
 */
export { queryKeys } from './queryKeys';
export { useBookHistory, useBookSummary, useHeldBooksPage, useMyBooks } from './useBooks';
export { useMembership, useOrgNames, useOrganisations, useParameter } from './useConsortium';
export { useStaff } from './useStaff';
export { useProposals } from './useProposals';
export { useAccessOf, useGrants } from './useGrants';
export { useCover, useExpertMandatesPage, useInsurerDesk } from './useInsurance';
export { useAnchor } from './useAnchor';
export { useHasReadingKey, useOrgKeyState, useShareKeys } from './useKeyRegistry';
export type { ClaimView, Organisation, ProposalView } from '@/lib/browser/reads';
