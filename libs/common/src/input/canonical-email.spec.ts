import { EMAIL_MAX_BYTES, canonicalEmail, hasInvisibleOrControlCharacter } from './canonical-email';

describe('canonicalEmail', () => {
  it.each([
    ['Alice@Example.ORG', 'alice@example.org'],
    ['alice@example.org', 'alice@example.org'],
    ['user@bücher.example', 'user@xn--bcher-kva.example'],
    ['USER@BÜCHER.EXAMPLE', 'user@xn--bcher-kva.example'],
    ['user@bu\u0308cher.example', 'user@xn--bcher-kva.example'],
    ['user@xn--bcher-kva.example', 'user@xn--bcher-kva.example'],
    ['j\u00f6rg@example.org', 'j\u00f6rg@example.org'],
    ['jo\u0308rg@example.org', 'j\u00f6rg@example.org'],
    ['J\u00d6RG@example.org', 'j\u00f6rg@example.org'],
    ['alice@ＥＸＡＭＰＬＥ.org', 'alice@example.org'],
    ['alice+tag@example.org', 'alice+tag@example.org'],
    ['a@b.co', 'a@b.co'],
  ])('%j → %j', (input, canonical) => {
    expect(canonicalEmail(input)).toBe(canonical);
  });

  it('gives composed and decomposed local parts one form', () => {
    expect(canonicalEmail('rene\u0301@example.org')).toBe(canonicalEmail('ren\u00e9@example.org'));
  });

  it.each([
    ['ali\u200bce@example.org', 'zero-width space in the local part'],
    ['alice@exa\u200bmple.org', 'zero-width space in the domain (domainToASCII would drop it)'],
    ['alice@exa\u00admple.org', 'soft hyphen (domainToASCII would drop it)'],
    ['ali\u200cce@example.org', 'zero-width non-joiner'],
    ['ali\u200dce@example.org', 'zero-width joiner'],
    ['ali\u2060ce@example.org', 'word joiner'],
    ['\ufeffalice@example.org', 'byte-order mark'],
    ['alice\u202e@example.org', 'right-to-left override'],
    ['alice\u2066@example.org', 'left-to-right isolate'],
    ['alice\u0000@example.org', 'NUL'],
    ['alice\n@example.org', 'line feed'],
    ['alice\u0085@example.org', 'C1 control (next line)'],
    ['alice\u00a0@example.org', 'no-break space'],
    ['alice\ufe0f@example.org', 'variation selector'],
    ['alice\ud800@example.org', 'lone surrogate'],
  ])('refuses %j (%s)', (input) => {
    expect(canonicalEmail(input)).toBeNull();
  });

  it.each([
    ['a@b', 'no dot in the domain'],
    ['a@b.c', 'a one-letter top-level domain'],
    ['@b.co', 'no local part'],
    ['a@', 'no domain'],
    ['a', 'no @'],
    ['', 'empty'],
    ['a@@b.co', 'two @'],
    ['a@b.co.', 'a trailing dot'],
    ['a..b@example.org', 'two dots in a row'],
    [' a@b.co', 'a leading space'],
    ['a@127.0.0.1', 'an IP address'],
    ['a@[127.0.0.1]', 'an IP literal'],
    ['a@xn--zz.example', 'invalid punycode'],
    ['a@exa mple.org', 'a space in the domain'],
  ])('refuses %j (%s)', (input) => {
    expect(canonicalEmail(input)).toBeNull();
  });

  it('keeps an address of 254 bytes and refuses one of 255', () => {
    // A 64-byte local part (the most isEmail takes) and a domain of labels up to 63 bytes.
    const address = (bytes: number): string => `${'l'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(bytes - 65 - 132)}.org`;
    expect(address(EMAIL_MAX_BYTES)).toHaveLength(254);
    expect(canonicalEmail(address(EMAIL_MAX_BYTES))).toBe(address(EMAIL_MAX_BYTES));
    expect(canonicalEmail(address(EMAIL_MAX_BYTES + 1))).toBeNull();
    expect(canonicalEmail(`${'x'.repeat(5000)}@example.org`)).toBeNull();
  });

  it('is idempotent: the canonical form of a canonical form is itself', () => {
    for (const input of ['Alice@Example.ORG', 'USER@BU\u0308CHER.example', 'jo\u0308rg@Ｅxample.org']) {
      const once = canonicalEmail(input);
      expect(once).not.toBeNull();
      expect(canonicalEmail(once as string)).toBe(once);
    }
  });
});

describe('hasInvisibleOrControlCharacter', () => {
  it('tells invisible characters from visible ones, ASCII space included among the visible', () => {
    expect(['\u200b', '\u00ad', '\u202a', '\u2069', '\u0007', '\u009f', '\u3164'].every(hasInvisibleOrControlCharacter)).toBe(true);
    expect(['a', 'é', 'ß', '東', '😀', ' ', '+'].some(hasInvisibleOrControlCharacter)).toBe(false);
  });
});
