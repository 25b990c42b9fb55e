import { ErrorCode } from './error-code';

/** The one table from error code to HTTP status and reason phrase. */
export const ERROR_HTTP_STATUS: Readonly<Record<ErrorCode, { status: number; error: string }>> = {
  [ErrorCode.ValidationFailed]: { status: 400, error: 'Bad Request' },
  [ErrorCode.Unauthenticated]: { status: 401, error: 'Unauthorized' },
  [ErrorCode.InvalidCredentials]: { status: 401, error: 'Unauthorized' },
  [ErrorCode.Forbidden]: { status: 403, error: 'Forbidden' },
  [ErrorCode.AccountDisabled]: { status: 403, error: 'Forbidden' },
  [ErrorCode.CsrfFailed]: { status: 403, error: 'Forbidden' },
  [ErrorCode.NotFound]: { status: 404, error: 'Not Found' },
  [ErrorCode.Conflict]: { status: 409, error: 'Conflict' },
  [ErrorCode.PayloadTooLarge]: { status: 413, error: 'Payload Too Large' },
  [ErrorCode.Throttled]: { status: 429, error: 'Too Many Requests' },
  [ErrorCode.Unavailable]: { status: 503, error: 'Service Unavailable' },
  [ErrorCode.Internal]: { status: 500, error: 'Internal Server Error' },
};

/** Maps an error code to its HTTP status and reason phrase. */
export function httpStatusOf(code: ErrorCode): { status: number; error: string } {
  return ERROR_HTTP_STATUS[code] ?? ERROR_HTTP_STATUS[ErrorCode.Internal];
}
