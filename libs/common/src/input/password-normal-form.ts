/**
 * A password in Unicode NFC, the form to hash, compare and check against the policy (NIST SP 800-63B
 * 5.1.1.2, OWASP): "é" typed precomposed (U+00E9) or as "e" + U+0301 is then one password, whatever the
 * keyboard or operating system produced. NFC can also make a password longer (composition exclusions such
 * as U+0958 become two code points), so bcrypt's 72-byte limit must be checked on this form.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

/**
 * The forms to try, in order, when verifying a password against a stored hash: the NFC form, then the
 * password as typed when that differs. A hash made before passwords were normalised matches only the
 * second; a login that succeeds with it should store a new hash of the first (the transparent upgrade).
 */
export function passwordVerificationForms(password: string): readonly string[] {
  const normalized = normalizePassword(password);
  return normalized === password ? [normalized] : [normalized, password];
}
