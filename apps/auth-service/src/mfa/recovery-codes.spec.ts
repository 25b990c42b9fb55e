import { RECOVERY_CODE_PATTERN } from '@app/common';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';

describe('recovery codes', () => {
  it('are ten distinct 80-bit base32 codes in groups of four, matching the contract’s pattern', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
      expect(RECOVERY_CODE_PATTERN.test(code)).toBe(true);
    }
  });

  it('hash the same however they are typed (case, dashes), and differently for different codes', () => {
    const [code, other] = newRecoveryCodes(2);
    const hash = recoveryCodeHash(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash(code.toLowerCase().replace(/-/g, ''))).toBe(hash);
    expect(recoveryCodeHash(other)).not.toBe(hash);
  });
});
