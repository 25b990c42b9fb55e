/** The second factor's messages (issue 16), part of AuthPatterns: the login's second step and the TOTP commands. */
export const MfaPatterns = {
  /** `POST /auth/login/mfa`: an mfaToken from the password step, and a TOTP or recovery code. */
  LoginSecondFactor: 'auth.login.mfa',
  TotpSetup: 'auth.mfa.totp.setup',
  TotpConfirm: 'auth.mfa.totp.confirm',
  TotpDisable: 'auth.mfa.totp.disable',
  RegenerateRecoveryCodes: 'auth.mfa.recovery-codes.regenerate',
  /** What the account page shows: TOTP on or off, a setup awaiting its first code, recovery codes left. */
  MfaStatus: 'auth.mfa.status',
} as const;
