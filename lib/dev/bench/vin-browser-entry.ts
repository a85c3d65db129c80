/**
 * Bundled by `bench-browser.ts` and run inside Chromium: times VIN commitments at the development
 * parameters with exactly the code the dApp ships (async scrypt from @noble/hashes, viem keccak256).
 */
import { timeCommitments } from './vin-stats';

(globalThis as { timeCommitments?: typeof timeCommitments }).timeCommitments = timeCommitments;
