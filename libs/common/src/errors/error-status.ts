import { ErrorCode } from './error-code';

/** An error code's HTTP answer; `public` codes are also sent in the body, for clients to branch on. */
export interface ErrorHttpStatus {
  status: number;
  error: string;
  public?: true;
}

/** The one table from error code to HTTP status and reason phrase. */
export const ERROR_HTTP_STATUS: Readonly<Record<ErrorCode, ErrorHttpStatus>> = {
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
  // The codes the contract fixes (API.md, "Error codes"): every other answer keeps {statusCode, error, message} only.
  [ErrorCode.ReauthRequired]: { status: 403, error: 'Forbidden', public: true },
  [ErrorCode.MfaRequired]: { status: 403, error: 'Forbidden', public: true },
  [ErrorCode.MfaEnrolmentRequired]: { status: 403, error: 'Forbidden', public: true },
  [ErrorCode.EmailNotVerified]: { status: 403, error: 'Forbidden', public: true },
  [ErrorCode.InvalidToken]: { status: 400, error: 'Bad Request', public: true },
};

/** Maps an error code to its HTTP status and reason phrase. */
export function httpStatusOf(code: ErrorCode): { status: number; error: string } {
  const { status, error } = ERROR_HTTP_STATUS[code] ?? ERROR_HTTP_STATUS[ErrorCode.Internal];
  return { status, error };
}

/** The code an HTTP error body carries for clients, or undefined for the codes that stay internal. */
export function publicErrorCode(code: ErrorCode): ErrorCode | undefined {
  return ERROR_HTTP_STATUS[code]?.public ? code : undefined;
}
