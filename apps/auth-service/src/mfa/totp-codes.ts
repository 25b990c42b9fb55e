import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as the contract fixes it: SHA-1, 6 digits, 30-second steps, one step of clock drift either way. */
const TOTP_PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const DRIFT_STEPS = 1;
/** 160 bits, the HMAC-SHA-1 block RFC 4226 recommends. */
const SECRET_BYTES = 20;

/** A new random TOTP secret, base32 (what authenticator apps take). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The `otpauth://totp/<issuer>:<account>?…` URI an authenticator app scans. */
export function otpauthUrlOf(secret: string, issuer: string, account: string): string {
  return new TOTP({ ...TOTP_PARAMETERS, issuer, label: account, secret: Secret.fromBase32(secret) }).toString();
}

/** The RFC 6238 time step (counter) of a moment. */
export function timeStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PARAMETERS.period);
}

/**
 * The time step whose code `code` is, within one step of now, or null. The caller makes it single-use
 * by recording the step (UserRepository.advanceTotpStep): a code of that step or an earlier one is then refused.
 */
export function matchingTimeStep(secret: string, code: string, nowMs: number): number | null {
  const delta = TOTP.validate({
    ...TOTP_PARAMETERS,
    secret: Secret.fromBase32(secret),
    token: code,
    timestamp: nowMs,
    window: DRIFT_STEPS,
  });
  return delta === null ? null : timeStepAt(nowMs) + delta;
}
