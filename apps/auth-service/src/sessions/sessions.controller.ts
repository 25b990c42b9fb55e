import {
  AuthPatterns,
  AuthenticatedPayload,
  ChangePasswordPayload,
  LogoutPayload,
  LogoutResult,
  PasswordChangeResult,
  ResolvedSession,
  RevokeSessionPayload,
  RevokedSession,
  RevokedSessions,
  SessionList,
} from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';

/** Sessions: log out, resolve a credential, list, revoke, change the password. */
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordService,
  ) {}

  @MessagePattern(AuthPatterns.Logout)
  async logOut(@Payload() payload: LogoutPayload): Promise<LogoutResult> {
    return { revokedSessionId: await this.sessions.logout(payload.credential, payload.client) };
  }

  @MessagePattern(AuthPatterns.ResolveSession)
  resolve(@Payload() payload: AuthenticatedPayload): Promise<ResolvedSession | null> {
    return this.sessions.resolve(payload.credential);
  }

  @MessagePattern(AuthPatterns.ListSessions)
  async list(@Payload() payload: AuthenticatedPayload): Promise<SessionList> {
    return { items: await this.sessions.listForCaller(payload.credential) };
  }

  @MessagePattern(AuthPatterns.RevokeSession)
  async revoke(@Payload() payload: RevokeSessionPayload): Promise<RevokedSession> {
    await this.sessions.revokeOwn(payload.credential, payload.sessionId);
    return { revokedSessionId: payload.sessionId };
  }

  @MessagePattern(AuthPatterns.RevokeOtherSessions)
  async revokeOthers(@Payload() payload: AuthenticatedPayload): Promise<RevokedSessions> {
    return { revoked: await this.sessions.revokeOthers(payload.credential) };
  }

  @MessagePattern(AuthPatterns.ChangePassword)
  changePassword(@Payload() payload: ChangePasswordPayload): Promise<PasswordChangeResult> {
    return this.passwords.change(payload);
  }
}
