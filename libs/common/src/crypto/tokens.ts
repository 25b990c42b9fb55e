import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh opaque token: 32 random bytes (256 bits), base64url. */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a token, base64url: what is stored and what names a session, never the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Compares two secrets in constant time (for equal lengths; unequal lengths fail at once, which leaks only the length). */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
