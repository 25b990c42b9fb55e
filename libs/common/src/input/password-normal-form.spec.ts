import { normalizePassword, passwordVerificationForms } from './password-normal-form';

describe('normalizePassword', () => {
  it('makes a decomposed "e" + combining acute and the precomposed "é" one password', () => {
    const decomposed = 'cafe\u0301-au-lait';
    const precomposed = 'caf\u00e9-au-lait';
    expect(decomposed).not.toBe(precomposed);
    expect(normalizePassword(decomposed)).toBe(normalizePassword(precomposed));
    expect(normalizePassword(decomposed)).toBe(precomposed);
  });

  it('composes Hangul jamo and keeps compatibility characters (NFC, not NFKC)', () => {
    expect(normalizePassword('\u1112\u1161\u11ab')).toBe('\ud55c');
    expect(normalizePassword('ﬁx²')).toBe('ﬁx²');
  });

  it('can make a password longer, so the 72-byte limit must be measured on the normalised form', () => {
    const password = '\u0958'.repeat(24); // DEVANAGARI LETTER QA, a composition exclusion: NFC decomposes it
    expect(Buffer.byteLength(password)).toBe(72);
    expect(Buffer.byteLength(normalizePassword(password))).toBe(144);
  });

  it('leaves ASCII alone and is idempotent', () => {
    for (const password of ['Tr0ub4dor&3', 'correct horse', 'e\u0301\u0327']) {
      expect(normalizePassword(normalizePassword(password))).toBe(normalizePassword(password));
    }
    expect(normalizePassword('Tr0ub4dor&3')).toBe('Tr0ub4dor&3');
  });
});

describe('passwordVerificationForms', () => {
  it('tries the NFC form first, then the password as typed (for hashes made before normalisation)', () => {
    expect(passwordVerificationForms('cafe\u0301')).toEqual(['caf\u00e9', 'cafe\u0301']);
  });

  it('tries one form when the password is already in NFC', () => {
    expect(passwordVerificationForms('caf\u00e9')).toEqual(['caf\u00e9']);
    expect(passwordVerificationForms('plain ascii')).toEqual(['plain ascii']);
  });
});
