/**
 * Errors of the privacy protocol. Every failure is a `CryptoError` with a stable `code`, so callers
 * (the dApp, the history reader) can branch on it and show a sentence, never a stack trace.
 */
export type CryptoErrorCode =
  | 'invalid-argument' // the caller passed something out of range (wrong key length, bad address, ...)
  | 'malformed' // a byte string does not follow the format (length, layout)
  | 'unsupported-version' // a format version this code does not know
  | 'decryption-failed' // authentication failed: wrong key, or bytes were altered
  | 'context-mismatch' // a key wrap opened but was made for another book / epoch / reader / organisation
  | 'key-mismatch' // derived key differs from the registered one
  | 'wrong-signer' // a signature was not made by the expected account
  | 'no-key' // the reader holds no key for the epoch a record was written in
  | 'invalid-payload' // a decrypted payload breaks a field rule
  | 'too-large' // over a size limit (record payload 4096 bytes on chain)
  | 'hash-mismatch'; // a decrypted document does not have the announced sha256

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/**
 * The key derived from the wallet's signature is not the one registered on chain. Either the wallet's
 * signatures are not deterministic (some wallets randomise ECDSA nonces), or another account signed.
 */
export class KeyMismatchError extends CryptoError {
  readonly derivedPublicKey: Uint8Array;
  readonly registeredPublicKey: Uint8Array;
  constructor(derivedPublicKey: Uint8Array, registeredPublicKey: Uint8Array) {
    super(
      'key-mismatch',
      'The reading key derived from this signature does not match the key registered on chain: ' +
        "this wallet's signatures are not deterministic, or a different account was used to sign. " +
        'Sign with the account that registered the key, using a wallet with deterministic (RFC 6979) signatures.',
    );
    this.name = 'KeyMismatchError';
    this.derivedPublicKey = derivedPublicKey;
    this.registeredPublicKey = registeredPublicKey;
  }
}
