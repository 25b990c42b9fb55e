/** The provider's two assurance levels: one factor, or more than one (a second factor, a passkey). */
export const ACR_VALUES = ['1fa', '2fa'] as const;

/** The `acr` of a session from its RFC 8176 `amr`. */
export function acrOf(amr: readonly string[]): (typeof ACR_VALUES)[number] {
  return amr.includes('mfa') || amr.includes('otp') || amr.includes('hwk') ? '2fa' : '1fa';
}
