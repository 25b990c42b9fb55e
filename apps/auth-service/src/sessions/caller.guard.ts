import { CredentialPayload, DomainError, ErrorCode, attachCaller, enforceMfaEnrolment, toAuthenticatedUser } from '@app/common';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SessionsService } from './sessions.service';

/**
 * Defence in depth: a command made on someone's behalf carries their credential, and the auth-service
 * resolves it itself (never trusting the caller service), then RolesGuard checks the role and
 * FreshnessGuard a @RequireFresh() handler's freshness. A caller who must enrol a second factor first
 * is refused here unless the handler is @AllowWithoutMfa(). `@UseGuards(CallerGuard, RolesGuard, FreshnessGuard)`.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const data = context.switchToRpc().getData<{ credential?: CredentialPayload }>();
    const credential = data?.credential;
    if (!credential || (credential.kind !== 'session' && credential.kind !== 'bearer') || typeof credential.token !== 'string') {
      throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    }
    const resolved = await this.sessions.resolve({ kind: credential.kind, token: credential.token.slice(0, 4096) });
    if (!resolved) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    const caller = toAuthenticatedUser(resolved);
    attachCaller(context, caller);
    enforceMfaEnrolment(this.reflector, context, caller);
    return true;
  }
}
