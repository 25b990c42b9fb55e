/** RFC 8176 names of the ways a credential was checked, as a session records them in `amr`. */
export const AuthMethod = {
  Password: 'pwd',
  /** A one-time code: TOTP or a recovery code. */
  OneTimePassword: 'otp',
  /** A hardware-bound key: a passkey. */
  HardwareKey: 'hwk',
  /** More than one factor was used. */
  MultipleFactors: 'mfa',
} as const;

export type AuthMethodName = (typeof AuthMethod)[keyof typeof AuthMethod];

const POSSESSION: readonly string[] = [AuthMethod.OneTimePassword, AuthMethod.HardwareKey];

/**
 * A session's `amr` after another credential check: what it had, plus what was just used (each name
 * once, in the order first used), with `mfa` last whenever either side said so or a password and a
 * possession factor (a code or a passkey) now both appear. A re-authentication never loses a method.
 */
export function amrAfter(current: readonly string[], used: readonly string[]): string[] {
  const all = [...new Set([...current, ...used])];
  const methods = all.filter((method) => method !== AuthMethod.MultipleFactors);
  const multiple =
    all.includes(AuthMethod.MultipleFactors) ||
    (methods.includes(AuthMethod.Password) && methods.some((method) => POSSESSION.includes(method)));
  return multiple ? [...methods, AuthMethod.MultipleFactors] : methods;
}
