import { constantTimeEquals, generateToken, hashToken } from './tokens';

describe('session tokens', () => {
  it('are 256 random bits in base64url, never repeating', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('hash to a stable SHA-256 that differs from the token', () => {
    const token = generateToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(token);
    expect(hashToken('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('compare equal only when identical, whatever the length', () => {
    expect(constantTimeEquals('secret', 'secret')).toBe(true);
    expect(constantTimeEquals('secret', 'secreT')).toBe(false);
    expect(constantTimeEquals('secret', 'secret-longer')).toBe(false);
    expect(constantTimeEquals('', 'x')).toBe(false);
    expect(constantTimeEquals('é', 'é')).toBe(true);
  });
});
