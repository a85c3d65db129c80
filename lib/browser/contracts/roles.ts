import { keccak256, toHex, type Hex } from 'viem';

/*
 * Everything here mirrors the contracts (contracts/src). lib/browser/contracts/mirrors.test.ts checks each constant
 * against a deployed local consortium and the compiled AST: a value changed on one side only fails that test.
 */

/** Staff roles as the Solidity `Roles` library defines them (keccak256 of the name). */
export const ROLES = {
  ORG_ADMIN: keccak256(toHex('ORG_ADMIN')),
  DEALER: keccak256(toHex('DEALER')),
  OFFICIAL_WORKSHOP: keccak256(toHex('OFFICIAL_WORKSHOP')),
  TELEMATICS_OPERATOR: keccak256(toHex('TELEMATICS_OPERATOR')),
  CLAIMS_HANDLER: keccak256(toHex('CLAIMS_HANDLER')),
  ARCHIVIST: keccak256(toHex('ARCHIVIST')),
  DISMANTLER: keccak256(toHex('DISMANTLER')),
} as const satisfies Record<string, Hex>;

export type RoleName = keyof typeof ROLES;

export function roleName(role: Hex): RoleName | undefined {
  return (Object.keys(ROLES) as RoleName[]).find((name) => ROLES[name] === role);
}

/** Governance parameter keys, as `contracts/src/Parameters.sol` defines them (keccak256 of the name). */
export const PARAMETERS = {
  PROPOSAL_LIFETIME: keccak256(toHex('consortium.proposalLifetime')),
  MAX_GRANT_DURATION: keccak256(toHex('carbook.maxGrantDuration')),
  MIN_READING_INTERVAL: keccak256(toHex('carbook.minReadingInterval')),
  VIN_SALT: keccak256(toHex('vin.salt')),
  VIN_SCRYPT_N: keccak256(toHex('vin.scryptN')),
  VIN_SCRYPT_R: keccak256(toHex('vin.scryptR')),
  VIN_SCRYPT_P: keccak256(toHex('vin.scryptP')),
  INSURANCE_REGISTRY: keccak256(toHex('registry.insurance')),
  CLAIM_LIFETIME: keccak256(toHex('insurance.claimLifetime')),
  MAX_KM_PER_DAY: keccak256(toHex('carbook.maxKmPerDay')),
  DAPP_CID: keccak256(toHex('dapp.cid')),
} as const satisfies Record<string, Hex>;

/** Mirrors `IConsortium.ProposalAction`. */
export const PROPOSAL_ACTIONS = ['None', 'AddMember', 'RemoveMember', 'SetParameter', 'UpgradeContract'] as const;
export const ProposalAction = { None: 0, AddMember: 1, RemoveMember: 2, SetParameter: 3, UpgradeContract: 4 } as const;

/** Mirrors `IConsortium.OrgKind`. */
export const ORG_KINDS = ['None', 'Manufacturer', 'Insurer', 'ArchivingService', 'Recycler'] as const;
export const OrgKind = { None: 0, Manufacturer: 1, Insurer: 2, ArchivingService: 3, Recycler: 4 } as const;

/** Staff roles an organisation of each kind may give, as `Roles.isStaffRoleOf` allows (ORG_ADMIN is never given). */
export const STAFF_ROLES: Record<(typeof ORG_KINDS)[number], RoleName[]> = {
  None: [],
  Manufacturer: ['DEALER', 'OFFICIAL_WORKSHOP', 'TELEMATICS_OPERATOR'],
  Insurer: ['CLAIMS_HANDLER'],
  ArchivingService: ['ARCHIVIST'],
  Recycler: ['DISMANTLER'],
};

/** Mirrors `ICarBook.RecordKind`. */
export const RECORD_KINDS = [
  'None',
  'OdometerReading',
  'Service',
  'Repair',
  'Inspection',
  'ExpertDiagnosis',
  'OdometerCorrection',
  'Note',
  'EntryVoided',
] as const;
export type RecordKindName = (typeof RECORD_KINDS)[number];
export const RecordKind = Object.fromEntries(RECORD_KINDS.map((name, index) => [name, index])) as {
  [K in RecordKindName]: number;
};

/** Mirrors `ICarBook.BookStatus`. */
export const BOOK_STATUSES = ['None', 'Active', 'Wrecked', 'Destroyed', 'Voided'] as const;
export type BookStatusName = (typeof BOOK_STATUSES)[number];
export const BookStatus = { None: 0, Active: 1, Wrecked: 2, Destroyed: 3, Voided: 4 } as const;

/** Mirrors `ICarBook.ReadingSkipReason`: why a telematics reading in a batch was skipped. */
export const READING_SKIP_REASONS = [
  'None',
  'BookNotActive',
  'NoDeviceKey',
  'BadSignature',
  'FromTheFuture',
  'NotNewer',
  'TooSoon',
  'MileageImplausible',
  'MileageDecreased',
] as const;

/** Mirrors `IInsurance.CoverStatus` and `IInsurance.Verdict`. */
export const COVER_STATUSES = ['None', 'Requested', 'Active', 'Ended'] as const;
export const CoverStatus = { None: 0, Requested: 1, Active: 2, Ended: 3 } as const;
export const VERDICTS = ['None', 'Repairable', 'TotalLoss'] as const;
export const Verdict = { None: 0, Repairable: 1, TotalLoss: 2 } as const;

/**
 * EIP-712 types CarBook verifies (domain: name "CarBook", version "1", the chain id, the CarBook proxy address).
 * A device signs `TelematicsReading`; the owner and an official workshop both sign `OdometerCorrection`, whose
 * `previousMileage` and `recordIndex` are the book's current mileage and record count (one use only).
 */
export const EIP712_TYPES = {
  TelematicsReading: [
    { name: 'tokenId', type: 'uint256' },
    { name: 'mileage', type: 'uint64' },
    { name: 'timestamp', type: 'uint64' },
  ],
  OdometerCorrection: [
    { name: 'tokenId', type: 'uint256' },
    { name: 'previousMileage', type: 'uint64' },
    { name: 'correctedMileage', type: 'uint64' },
    { name: 'recordIndex', type: 'uint32' },
    { name: 'documentHash', type: 'bytes32' },
    { name: 'payloadHash', type: 'bytes32' },
  ],
} as const;

export function carBookDomain(chainId: number, carBook: `0x${string}`) {
  return { name: 'CarBook', version: '1', chainId, verifyingContract: carBook } as const;
}
