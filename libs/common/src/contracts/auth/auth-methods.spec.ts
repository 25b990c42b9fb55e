import { AuthMethod, amrAfter } from './auth-methods';

describe('amrAfter', () => {
  it('records a first login as what it used', () => {
    expect(amrAfter([], [AuthMethod.Password])).toEqual(['pwd']);
    expect(amrAfter([], [AuthMethod.HardwareKey, AuthMethod.MultipleFactors])).toEqual(['hwk', 'mfa']);
  });

  it('adds mfa, last, once a password and a code or passkey were both checked', () => {
    expect(amrAfter(['pwd'], ['otp'])).toEqual(['pwd', 'otp', 'mfa']);
    expect(amrAfter(['pwd'], ['hwk'])).toEqual(['pwd', 'hwk', 'mfa']);
    expect(amrAfter(['hwk', 'mfa'], ['pwd'])).toEqual(['hwk', 'pwd', 'mfa']);
  });

  it('keeps every method of a re-authenticated session, each once', () => {
    expect(amrAfter(['pwd', 'otp', 'mfa'], ['pwd'])).toEqual(['pwd', 'otp', 'mfa']);
    expect(amrAfter(['pwd'], ['pwd'])).toEqual(['pwd']);
  });
});
