import { safeNextPath } from './safe-redirect';

describe('safeNextPath', () => {
  it.each(['/dashboard', '/admin', '/dashboard?tab=sessions', '/a/b#c', '/caf%C3%A9', '/dashboard?q=a%20b', '/'])(
    'keeps the same-site path %s',
    (path) => {
      expect(safeNextPath(path)).toBe(path);
    },
  );

  it.each([
    ['protocol-relative', '//evil.com'],
    ['absolute http', 'http://evil.com'],
    ['absolute https', 'https://evil.com'],
    ['backslash after slash', '/\\evil.com'],
    ['backslash anywhere', '/dashboard\\..\\evil'],
    ['encoded slashes', '/%2F%2Fevil.com'],
    ['encoded slash after slash', '/%2Fevil.com'],
    ['lower-case encoded slashes', '/%2f%2fevil.com'],
    ['encoded backslash', '/%5Cevil.com'],
    ['double-encoded slashes', '/%252F%252Fevil.com'],
    ['double-encoded backslash', '/%255Cevil.com'],
    ['tab inside', '/\t/evil.com'],
    ['newline inside', '/dashboard\r\nSet-Cookie: x=y'],
    ['encoded newline', '/dashboard%0d%0aLocation:%20//evil.com'],
    ['NUL', '/dash\u0000board'],
    ['leading space', ' /dashboard'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['relative without slash', 'dashboard'],
    ['malformed escape', '/%E0%A4%A'],
    ['empty', ''],
  ])('refuses %s', (_name, path) => {
    expect(safeNextPath(path)).toBeUndefined();
  });

  it('refuses anything that is not a string, and over-long paths', () => {
    expect(safeNextPath(undefined)).toBeUndefined();
    expect(safeNextPath(['/dashboard'])).toBeUndefined();
    expect(safeNextPath(`/${'a'.repeat(5000)}`)).toBeUndefined();
  });
});
