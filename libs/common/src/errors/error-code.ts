/** Every error that crosses the transport carries one of these codes; the gateway maps them to HTTP. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Forbidden = 'FORBIDDEN',
  AccountDisabled = 'ACCOUNT_DISABLED',
  CsrfFailed = 'CSRF_FAILED',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Throttled = 'THROTTLED',
  Unavailable = 'UNAVAILABLE',
  Internal = 'INTERNAL',
  /** A sensitive operation, and the session's last credential check is older than REAUTH_MAX_AGE_SECONDS. */
  ReauthRequired = 'REAUTH_REQUIRED',
  /** The password grant for an account with a second factor, without one. */
  MfaRequired = 'MFA_REQUIRED',
  /** The account holds a role of MFA_REQUIRED_ROLES and has no second factor yet. */
  MfaEnrolmentRequired = 'MFA_ENROLMENT_REQUIRED',
  /** A login with REQUIRE_VERIFIED_EMAIL=true, the right password, and an unverified address. */
  EmailNotVerified = 'EMAIL_NOT_VERIFIED',
  /** A reset or verification token that is unknown, expired or spent. */
  InvalidToken = 'INVALID_TOKEN',
}
