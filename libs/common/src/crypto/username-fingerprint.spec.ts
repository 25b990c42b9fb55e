import { createHmac } from 'node:crypto';
import { usernameFingerprint } from './username-fingerprint';

const KEY = 'k'.repeat(32);
const OTHER_KEY = Buffer.alloc(32, 7);

describe('usernameFingerprint', () => {
  it('is 16 bytes of HMAC-SHA-256 in base64url: 22 characters', () => {
    const fingerprint = usernameFingerprint('alice', KEY);
    expect(fingerprint).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(fingerprint, 'base64url')).toHaveLength(16);
    const expected = createHmac('sha256', KEY)
      .update('audit.unknown-username.v1\u0000alice')
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(fingerprint).toBe(expected);
  });

  it('is stable for a name whatever its case, and differs between names', () => {
    expect(usernameFingerprint('Alice', KEY)).toBe(usernameFingerprint('alice', KEY));
    expect(usernameFingerprint('alice', KEY)).not.toBe(usernameFingerprint('alicf', KEY));
  });

  it('depends on the key, so it cannot be recomputed from a list of guesses without it', () => {
    expect(usernameFingerprint('alice', KEY)).not.toBe(usernameFingerprint('alice', OTHER_KEY));
  });

  it('never contains what was typed', () => {
    const typed = 'Tr0ub4dor&3-my-password';
    const fingerprint = usernameFingerprint(typed, KEY);
    expect(fingerprint.toLowerCase()).not.toContain('tr0ub4dor');
    expect(fingerprint).not.toContain(Buffer.from(typed).toString('base64url').slice(0, 8));
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => usernameFingerprint('alice', 'short')).toThrow(/at least 32 bytes/);
    expect(() => usernameFingerprint('alice', Buffer.alloc(31))).toThrow(/at least 32 bytes/);
  });
});
