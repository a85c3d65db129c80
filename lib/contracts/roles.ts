import { keccak256, toHex, type Hex } from 'viem';

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

/** Mirrors `IConsortium.OrgKind`. */
export const ORG_KINDS = ['None', 'Manufacturer', 'Insurer', 'ArchivingService', 'Recycler'] as const;
export const OrgKind = { None: 0, Manufacturer: 1, Insurer: 2, ArchivingService: 3, Recycler: 4 } as const;

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
] as const;
export type RecordKindName = (typeof RECORD_KINDS)[number];
export const RecordKind = Object.fromEntries(RECORD_KINDS.map((name, index) => [name, index])) as {
  [K in RecordKindName]: number;
};

export const RECORD_KIND_LABELS: Record<RecordKindName, string> = {
  None: 'Unknown',
  OdometerReading: 'Odometer reading',
  Service: 'Service',
  Repair: 'Repair',
  Inspection: 'Inspection',
  ExpertDiagnosis: 'Expert diagnosis',
  OdometerCorrection: 'Odometer correction',
  Note: 'Note',
};

/** Mirrors `ICarBook.BookStatus`. */
export const BOOK_STATUSES = ['None', 'Active', 'Wrecked', 'Destroyed'] as const;
export type BookStatusName = (typeof BOOK_STATUSES)[number];
