/** Public entry point of the VIN module: validation rules and the on-chain commitment. */
export { validateVin } from './vin';
export {
  vinCommitment,
  DEV_VIN_COMMITMENT_PARAMS,
  bookIdOf,
  bookIdFromParts,
  bookIdCandidates,
  wmiOf,
  wmiHolderKey,
} from './commitment';
export type { VinCommitmentOptions, VinCommitmentParams } from './commitment';
// The identity decoder (./identity) is imported by /verify directly, without the commitment this entry carries.
