/** Public entry point of the VIN module: validation rules and the on-chain commitment. */
export { normaliseVin, validateVin, parseVin, wmiRegion, usesCheckDigit, VinError, VIN_LENGTH } from './vin';
export type { VinValidation, VinErrorReason, WmiRegion } from './vin';
export { computeCheckDigit, withCheckDigit } from './check-digit';
export { vinCommitment, tokenIdFromCommitment, DEV_VIN_COMMITMENT_PARAMS } from './commitment';
export type { VinCommitmentParams, VinCommitmentOptions } from './commitment';
