import type { Hex } from 'viem';
import type { RecordKindName } from '@/lib/contracts/roles';

/** What a record's private part is about; the encryption will read its details from here. */
export interface RecordPayloadContext {
  tokenId: bigint;
  kind: RecordKindName;
  mileage: bigint;
}

/**
 * The encrypted payload of a record, the one place every writer (owner, workshop, expert) gets it from.
 * Private fields are not encrypted yet: the record carries an empty payload until the privacy protocol
 * (lib/crypto) is plugged in here.
 */
export async function recordPayload(_context: RecordPayloadContext): Promise<Hex> {
  return '0x';
}
