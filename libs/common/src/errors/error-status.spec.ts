import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';
import { ERROR_HTTP_STATUS, httpStatusOf, publicErrorCode } from './error-status';

describe('error codes', () => {
  it('map to the HTTP statuses of the contract', () => {
    expect(httpStatusOf(ErrorCode.ValidationFailed).status).toBe(400);
    expect(httpStatusOf(ErrorCode.InvalidCredentials).status).toBe(401);
    expect(httpStatusOf(ErrorCode.Unauthenticated).status).toBe(401);
    expect(httpStatusOf(ErrorCode.AccountDisabled).status).toBe(403);
    expect(httpStatusOf(ErrorCode.CsrfFailed).status).toBe(403);
    expect(httpStatusOf(ErrorCode.NotFound).status).toBe(404);
    expect(httpStatusOf(ErrorCode.Conflict).status).toBe(409);
    expect(httpStatusOf(ErrorCode.PayloadTooLarge).status).toBe(413);
    expect(httpStatusOf(ErrorCode.Throttled)).toEqual({ status: 429, error: 'Too Many Requests' });
    expect(httpStatusOf(ErrorCode.Unavailable).status).toBe(503);
  });

  it('map the codes clients branch on to the contract statuses, and only those are public', () => {
    expect(httpStatusOf(ErrorCode.ReauthRequired)).toEqual({ status: 403, error: 'Forbidden' });
    expect(httpStatusOf(ErrorCode.MfaRequired)).toEqual({ status: 403, error: 'Forbidden' });
    expect(httpStatusOf(ErrorCode.MfaEnrolmentRequired)).toEqual({ status: 403, error: 'Forbidden' });
    expect(httpStatusOf(ErrorCode.EmailNotVerified)).toEqual({ status: 403, error: 'Forbidden' });
    expect(httpStatusOf(ErrorCode.InvalidToken)).toEqual({ status: 400, error: 'Bad Request' });
    const published = Object.values(ErrorCode).filter((code) => publicErrorCode(code) !== undefined);
    expect(published.sort()).toEqual(['EMAIL_NOT_VERIFIED', 'INVALID_TOKEN', 'MFA_ENROLMENT_REQUIRED', 'MFA_REQUIRED', 'REAUTH_REQUIRED']);
  });

  it('cover every code', () => {
    for (const code of Object.values(ErrorCode)) expect(ERROR_HTTP_STATUS[code]).toBeDefined();
  });

  it('survive the wire with their message and Retry-After', () => {
    const original = new DomainError(ErrorCode.Throttled, 'slow down', 42);
    const copy = DomainError.fromWire(JSON.parse(JSON.stringify(original.toWire())));
    expect(copy).toBeInstanceOf(DomainError);
    expect(copy.code).toBe(ErrorCode.Throttled);
    expect(copy.publicMessage).toBe('slow down');
    expect(copy.retryAfterSeconds).toBe(42);
  });

  it('turn anything unrecognised from the wire into a bare Internal error', () => {
    for (const junk of [null, 'boom', { status: 'error', message: 'Internal server error' }, { code: 'NOPE', message: 'x' }]) {
      const error = DomainError.fromWire(junk);
      expect(error.code).toBe(ErrorCode.Internal);
      expect(error.publicMessage).toBe('Internal server error');
    }
  });
});
