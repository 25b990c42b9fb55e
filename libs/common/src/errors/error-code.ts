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
}
