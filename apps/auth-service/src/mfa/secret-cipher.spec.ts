import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret } from './secret-cipher';

describe('secrets at rest (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips, with a fresh IV each time, and never holds the plaintext', () => {
    const first = encryptSecret(key, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    const second = encryptSecret(key, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(decryptSecret(key, first, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another key, another row’s context, a changed byte and a malformed value', () => {
    const sealed = encryptSecret(key, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(() => decryptSecret(randomBytes(32), sealed, 'totp:u1')).toThrow();
    expect(() => decryptSecret(key, sealed, 'totp:u2')).toThrow();
    const [version, iv, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptSecret(key, [version, iv, flipped.toString('base64url')].join('.'), 'totp:u1')).toThrow();
    for (const malformed of ['', 'v2.a.b', 'v1..', 'v1.AAAA.AAAA', 'JBSWY3DPEHPK3PXP'])
      expect(() => decryptSecret(key, malformed, 'totp:u1')).toThrow();
  });
});
