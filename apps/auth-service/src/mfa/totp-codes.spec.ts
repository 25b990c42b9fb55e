import { timeStep, totpAt } from '../../../../test/support/totp';
import { matchingTimeStep, newTotpSecret, otpauthUrlOf, timeStepAt } from './totp-codes';

// RFC 6238 Appendix B (SHA-1): secret "12345678901234567890" in base32; the RFC's 8 digits cut to 6.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: Array<[number, string]> = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('TOTP codes (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift)', () => {
  it.each(RFC_VECTORS)('the tests’ independent implementation gives the RFC’s code at T=%i', (seconds, code) => {
    expect(totpAt(RFC_SECRET, Math.floor(seconds / 30))).toBe(code);
  });

  it.each(RFC_VECTORS)('accepts the RFC’s code at T=%i as that time step', (seconds, code) => {
    expect(matchingTimeStep(RFC_SECRET, code, seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it('accepts the previous and the next step, and nothing further away', () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const step = timeStepAt(now);
    expect(step).toBe(timeStep(now));
    for (const delta of [-1, 0, 1]) expect(matchingTimeStep(secret, totpAt(secret, step + delta), now)).toBe(step + delta);
    for (const delta of [-3, -2, 2, 3]) {
      const code = totpAt(secret, step + delta);
      // A code of a far step may equal one of the window's by chance (1 in 10^6 per pair): only then is it "accepted".
      const collides = [-1, 0, 1].some((near) => totpAt(secret, step + near) === code);
      if (!collides) expect(matchingTimeStep(secret, code, now)).toBeNull();
    }
    expect(matchingTimeStep(secret, '12345', now)).toBeNull();
  });

  it('makes 160-bit base32 secrets and an otpauth URI with the contract’s parameters', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrlOf(secret, 'auth.example.org', 'alice'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/auth.example.org:alice');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret,
      issuer: 'auth.example.org',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
