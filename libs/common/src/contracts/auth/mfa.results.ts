import { LoginResult } from './auth.results';

/** The ways a login's second step can be passed, as `methods` names them. */
export type SecondFactorMethod = 'totp' | 'recovery_code';

/** The password was right, and the account has a second factor: no session yet, only this token for `POST /auth/login/mfa`. */
export interface MfaChallenge {
  mfaRequired: true;
  /** Opaque, ≥128 random bits; the auth-service keeps only its SHA-256. */
  mfaToken: string;
  methods: SecondFactorMethod[];
  /** ISO 8601: the token is dead after this (5 minutes). */
  expiresAt: string;
}

/** A password login's reply: a session, or the second step it still needs. */
export type LoginOutcome = LoginResult | MfaChallenge;

/** A new TOTP secret, not active until a code from it confirms it. */
export interface TotpSetupResult {
  /** Base32 (RFC 4648), for typing into an authenticator app. */
  secret: string;
  /** The `otpauth://totp/…` URI an authenticator app scans (as a QR code). */
  otpauthUrl: string;
}

/** A fresh set of recovery codes, shown once: only their hashes are kept. */
export interface RecoveryCodesResult {
  recoveryCodes: string[];
}

/** The caller's second factor as the account page shows it. */
export interface MfaStatusResult {
  totp: boolean;
  /** A setup awaiting its first code, shown only while the session is fresh (else null). */
  pending: TotpSetupResult | null;
  recoveryCodesLeft: number;
}

/** Whether a login answer is the second step's challenge rather than a session. */
export function isMfaChallenge(outcome: LoginOutcome): outcome is MfaChallenge {
  return 'mfaRequired' in outcome && outcome.mfaRequired === true;
}
