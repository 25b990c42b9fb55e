import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { attachCaller, toAuthenticatedUser } from './authenticated-user';
import { enforceMfaEnrolment } from './mfa-enrolment';
import { Credential, SessionResolver } from './session-resolver';

function credentialOf(data: unknown): Credential | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const credential = (data as { credential?: unknown }).credential;
  if (typeof credential !== 'object' || credential === null) return undefined;
  const { kind, token } = credential as Record<string, unknown>;
  if ((kind !== 'session' && kind !== 'bearer') || typeof token !== 'string' || token.length > 4096) return undefined;
  return { kind, token };
}

/**
 * Guards a message handler: the message's `credential` is resolved through the auth-service
 * (via the cached SessionResolver) and the caller attached for @CurrentUser(); none → Unauthenticated.
 * A caller who must enrol a second factor first is refused unless the handler is @AllowWithoutMfa().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly resolver: SessionResolver,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const credential = credentialOf(context.switchToRpc().getData());
    if (!credential) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    const resolved = await this.resolver.resolve(credential);
    if (!resolved) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    const caller = toAuthenticatedUser(resolved);
    attachCaller(context, caller);
    enforceMfaEnrolment(this.reflector, context, caller);
    return true;
  }
}
