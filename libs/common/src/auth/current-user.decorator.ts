import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { AuthenticatedUser, callerOf } from './authenticated-user';

/** The AuthenticatedUser the guard resolved, for HTTP and message handlers alike. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const caller = callerOf(context);
  if (!caller) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
  return caller;
});
