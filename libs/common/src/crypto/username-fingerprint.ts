import { createHmac } from 'node:crypto';

/** The fingerprint keeps 16 bytes (128 bits) of the HMAC: no collision among any number of names a log will see. */
const FINGERPRINT_BYTES = 16;
/** A key shorter than SHA-256's output would make the fingerprints easier to recompute by guessing the key. */
export const USERNAME_FINGERPRINT_KEY_MIN_BYTES = 32;
/** Separates these HMACs from any other use of the same key. */
const CONTEXT = 'audit.unknown-username.v1\u0000';

/**
 * What the audit log records for a username that matches no account: HMAC-SHA-256 under a server-side
 * key, 16 bytes, base64url (22 characters). Attempts on one unknown name can be correlated, but what was
 * typed (perhaps a password in the wrong field) cannot be read back, nor guessed without the key. The
 * name is lower-cased first, as usernames are matched case-insensitively.
 */
export function usernameFingerprint(username: string, key: string | Buffer): string {
  const keyBytes = typeof key === 'string' ? Buffer.byteLength(key, 'utf8') : key.length;
  if (keyBytes < USERNAME_FINGERPRINT_KEY_MIN_BYTES) {
    throw new Error(`the username fingerprint key must be at least ${USERNAME_FINGERPRINT_KEY_MIN_BYTES} bytes`);
  }
  return createHmac('sha256', key)
    .update(CONTEXT, 'utf8')
    .update(username.toLowerCase(), 'utf8')
    .digest()
    .subarray(0, FINGERPRINT_BYTES)
    .toString('base64url');
}
