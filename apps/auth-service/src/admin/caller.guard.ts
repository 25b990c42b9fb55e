import { CredentialPayload, DomainError, ErrorCode, attachCaller } from '@app/common';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { SessionsService } from '../sessions/sessions.service';

/**
 * Defence in depth: a command made on someone's behalf carries their credential, and the auth-service
 * resolves it itself (never trusting the caller service), then RolesGuard checks the role.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(private readonly sessions: SessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const data = context.switchToRpc().getData<{ credential?: CredentialPayload }>();
    const credential = data?.credential;
    if (!credential || (credential.kind !== 'session' && credential.kind !== 'bearer') || typeof credential.token !== 'string') {
      throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    }
    const resolved = await this.sessions.resolve({ kind: credential.kind, token: credential.token.slice(0, 4096) });
    if (!resolved) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    attachCaller(context, {
      id: resolved.user.id,
      username: resolved.user.username,
      roles: resolved.user.roles,
      sessionId: resolved.session.id,
      via: resolved.via,
    });
    return true;
  }
}
