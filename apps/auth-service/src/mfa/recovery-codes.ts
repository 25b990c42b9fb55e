import { createHash, randomBytes } from 'node:crypto';

/** RFC 4648 base32: no 0/1/8/9, so nothing reads as O, I or B. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 16;

/**
 * A new recovery code: 16 base32 characters (80 random bits) shown as `ABCD-EFGH-JKLM-NPQR`. 80 bits
 * make a plain SHA-256 enough at rest (no offline guessing of a random 80-bit value), unlike passwords.
 */
export function newRecoveryCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  const characters = [...bytes].map((byte) => ALPHABET[byte & 31]);
  return [0, 4, 8, 12].map((start) => characters.slice(start, start + 4).join('')).join('-');
}

/** A set of new codes. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, newRecoveryCode);
}

/** What is stored of a code: the SHA-256 (hex) of its canonical form (upper case, no dashes), so `abcd efgh…` as typed still matches. */
export function recoveryCodeHash(code: string): string {
  const canonical = code.replace(/[\s-]/g, '').toUpperCase();
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
