/**
 * Public entry of the contract mirrors: the ABIs generated from the forge build (`generated.ts`, every contract,
 * re-exported whole so a new contract needs no edit here) and the hand-written mirrors of roles, enums,
 * parameters and EIP-712 types (`roles.ts`).
 */
export * from './generated';
export {
  ROLES,
  PARAMETERS,
  ProposalAction,
  ORG_KINDS,
  OrgKind,
  RecordKind,
  Verdict,
  STAFF_ROLES,
  READING_SKIP_REASONS,
} from './roles';
export type { RoleName } from './roles';
