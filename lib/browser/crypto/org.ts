/**
 * Organisations read as one reader: the organisation has its own X25519 key pair (random, not derived
 * from any wallet), its public key is what books wrap epoch keys for, and its secret is wrapped for
 * each staff member's personal reading key (same 137-byte wrap format, organisation context).
 * Removing a staff member = `rotateOrgKey`: a new organisation key (next key version) wrapped for the
 * remaining staff; the new public key is registered, and every book the organisation reads must rotate
 * its epoch before the next write (the removed member knew the old organisation secret).
 */
import { bytesEqual, requireBytes } from './bytes';
import { CryptoError } from './errors';
import { randomKeyPair, keyPairFromSecretKey, type KeyPair } from './keys';
import { openKey, orgContextHash, sealKey, type OrgContext } from './wrap';
import { publicKeyFromSecret } from './x25519';

export type StaffWrap = { staffPublicKey: Uint8Array; wrap: Uint8Array };

/** A fresh organisation key pair (32 random bytes). */
export function createOrgKey(): KeyPair {
  return randomKeyPair();
}

/** Wrap the organisation's secret for one staff member. `context.orgPublicKey` must be the secret's public key. */
export function wrapOrgKeyForStaff(orgSecret: Uint8Array, staffPublicKey: Uint8Array, context: OrgContext): Uint8Array {
  requireBytes(orgSecret, 32, 'organisation secret key');
  if (!bytesEqual(publicKeyFromSecret(orgSecret), context.orgPublicKey)) {
    throw new CryptoError('invalid-argument', 'the organisation secret does not belong to context.orgPublicKey');
  }
  return sealKey(orgSecret, staffPublicKey, orgContextHash(context, staffPublicKey));
}

/** A staff member opens the organisation key with their own reading secret key. */
export function unwrapOrgKey(wrap: Uint8Array, staffSecretKey: Uint8Array, expectedContext: OrgContext): KeyPair {
  const staffPublicKey = publicKeyFromSecret(requireBytes(staffSecretKey, 32, 'staff secret key'));
  const secret = openKey(wrap, staffSecretKey, orgContextHash(expectedContext, staffPublicKey));
  const pair = keyPairFromSecretKey(secret);
  if (!bytesEqual(pair.publicKey, expectedContext.orgPublicKey)) {
    // Unreachable unless the wrapper lied about the key: the context hash already names orgPublicKey.
    throw new CryptoError(
      'context-mismatch',
      'the unwrapped organisation key is not the registered organisation public key',
    );
  }
  return pair;
}

export type OrgRotation = {
  /** The new organisation key pair (keep the secret only in memory). */
  orgKey: KeyPair;
  /** Register this on chain as the organisation's reading key, with `keyVersion`. */
  publicKey: Uint8Array;
  keyVersion: number;
  /** One wrap per remaining staff member, to emit on chain. */
  wraps: StaffWrap[];
};

/**
 * New organisation key for the remaining staff (after removing someone). `keyVersion` of the new key is
 * `previousKeyVersion + 1`. Duplicated staff keys are wrapped once.
 */
export function rotateOrgKey(
  remainingStaffPublicKeys: readonly Uint8Array[],
  context: Omit<OrgContext, 'orgPublicKey' | 'keyVersion'> & { previousKeyVersion: number },
): OrgRotation {
  const { previousKeyVersion, ...rest } = context;
  if (!Number.isInteger(previousKeyVersion) || previousKeyVersion < 0 || previousKeyVersion >= 0xffff_ffff) {
    throw new CryptoError('invalid-argument', 'previousKeyVersion must be a uint32 below 2^32 - 1');
  }
  const orgKey = createOrgKey();
  const keyVersion = previousKeyVersion + 1;
  const orgContext: OrgContext = { ...rest, keyVersion, orgPublicKey: orgKey.publicKey };
  const seen = new Set<string>();
  const wraps: StaffWrap[] = [];
  for (const staffPublicKey of remainingStaffPublicKeys) {
    const id = Array.from(requireBytes(staffPublicKey, 32, 'staff public key')).join(',');
    if (seen.has(id)) continue;
    seen.add(id);
    wraps.push({ staffPublicKey, wrap: wrapOrgKeyForStaff(orgKey.secretKey, staffPublicKey, orgContext) });
  }
  return { orgKey, publicKey: orgKey.publicKey, keyVersion, wraps };
}
