import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ALLOW_WITHOUT_MFA_KEY } from './allow-without-mfa.decorator';
import { AuthenticatedUser } from './authenticated-user';

/**
 * The MFA_REQUIRED_ROLES policy, the one check every auth guard makes once it knows the caller: a
 * user who must enrol a second factor is refused with MfaEnrolmentRequired, except on @AllowWithoutMfa() handlers.
 */
export function enforceMfaEnrolment(reflector: Reflector, context: ExecutionContext, caller: AuthenticatedUser): void {
  if (!caller.mfaEnrolmentRequired) return;
  if (reflector.getAllAndOverride<boolean | undefined>(ALLOW_WITHOUT_MFA_KEY, [context.getHandler(), context.getClass()])) return;
  throw new DomainError(ErrorCode.MfaEnrolmentRequired, 'Set up a second factor (an authenticator app or a passkey) first');
}
