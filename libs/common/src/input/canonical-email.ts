import { isEmail } from 'class-validator';
import { domainToASCII } from 'node:url';
import { isWellFormedUnicode } from './well-formed-input';

/** An address is at most 254 octets (RFC 5321's 256-octet path, less its angle brackets). */
export const EMAIL_MAX_BYTES = 254;

/** Longer input cannot shrink to 254 bytes under NFC; refusing it first bounds the work. */
const MAX_INPUT_LENGTH = 1024;

/**
 * Characters that make a look-alike of another address without showing: controls and format characters
 * (\p{C}: C0/C1 controls, zero-width space/joiner/non-joiner, word joiner, BOM, bidi embeddings,
 * overrides and isolates, tags, plus unassigned and private-use code points), Unicode's default-ignorable
 * code points (soft hyphen, variation selectors, the combining grapheme joiner, Hangul fillers), line and
 * paragraph separators, and spaces other than ASCII's. `domainToASCII` would silently drop some of them
 * (soft hyphen, zero-width space), turning a look-alike into a duplicate.
 */
const INVISIBLE_OR_CONTROL = /[\p{C}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;

/** True when the string holds an invisible, formatting or control character (see INVISIBLE_OR_CONTROL). */
export function hasInvisibleOrControlCharacter(value: string): boolean {
  return INVISIBLE_OR_CONTROL.test(value);
}

/**
 * The one form of an e-mail address that uniqueness is checked on, or null when it is not a valid address:
 * NFC, the domain in its ASCII (punycode) form by `domainToASCII` (UTS #46, which also lower-cases it and
 * maps full-width letters), the local part lower-cased; refused when not well-formed Unicode, when it
 * holds an invisible or control character, when longer than 254 bytes, or when the result is not an
 * address (class-validator's isEmail: a dot in the domain, no IP literal). Applying it twice changes nothing.
 */
export function canonicalEmail(value: string): string | null {
  if (value.length > MAX_INPUT_LENGTH || !isWellFormedUnicode(value)) return null;
  const composed = value.normalize('NFC');
  if (hasInvisibleOrControlCharacter(composed)) return null;
  const at = composed.lastIndexOf('@');
  if (at < 1 || at === composed.length - 1) return null;
  const domain = domainToASCII(composed.slice(at + 1));
  if (!domain) return null;
  const address = `${composed.slice(0, at).toLowerCase().normalize('NFC')}@${domain}`;
  if (Buffer.byteLength(address, 'utf8') > EMAIL_MAX_BYTES || !isEmail(address)) return null;
  return address;
}
