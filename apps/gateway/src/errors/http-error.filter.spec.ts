import { DomainError, ErrorCode } from '@app/common';
import { renderError } from './http-error.filter';

describe('renderError', () => {
  it('adds the code to the body for the codes clients branch on', () => {
    expect(renderError(new DomainError(ErrorCode.ReauthRequired, 'sign in again'))).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: 'sign in again', code: 'REAUTH_REQUIRED' },
      retryAfter: undefined,
    });
    expect(renderError(new DomainError(ErrorCode.InvalidToken, 'spent')).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'spent',
      code: 'INVALID_TOKEN',
    });
    for (const code of [ErrorCode.MfaRequired, ErrorCode.MfaEnrolmentRequired, ErrorCode.EmailNotVerified]) {
      expect(renderError(new DomainError(code)).body).toMatchObject({ statusCode: 403, code });
    }
  });

  it('keeps every other answer exactly {statusCode, error, message}', () => {
    for (const code of [ErrorCode.Forbidden, ErrorCode.ValidationFailed, ErrorCode.Unauthenticated, ErrorCode.Throttled]) {
      expect(Object.keys(renderError(new DomainError(code, 'no')).body).sort()).toEqual(['error', 'message', 'statusCode']);
    }
    expect(Object.keys(renderError(new Error('boom')).body).sort()).toEqual(['error', 'message', 'statusCode']);
  });
});
