import {
  AuthMethod,
  DomainError,
  ErrorCode,
  LoginOutcome,
  LoginPayload,
  PasswordGrantPayload,
  RefreshGrantPayload,
  TokenResult,
} from '@app/common';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CredentialsService } from '../credentials/credentials.service';
import { MfaLoginService } from '../mfa/mfa-login.service';
import { TokenService } from '../tokens/token.service';
import { toPublicUser } from '../users/public-user';
import { SessionStore } from '../sessions/session.store';
import { SessionsService } from '../sessions/sessions.service';
import { StoredSession } from '../sessions/stored-session';

/** Logging in: a cookie session for browsers, a token pair for API clients, and refresh-token rotation. */
@Injectable()
export class LoginService {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly store: SessionStore,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly mfaLogin: MfaLoginService,
  ) {}

  /**
   * Always a brand-new session: any session the client had is not reused (no fixation). An account
   * with TOTP gets no session yet, only the second step's challenge (MfaLoginService).
   */
  async login(payload: LoginPayload): Promise<LoginOutcome> {
    const verified = await this.credentials.verify(payload.username, payload.password, payload.client, 'session');
    if (verified.totpEnabledAt) return this.mfaLogin.challenge(verified, payload.remember === true);
    const user = toPublicUser(verified);
    const { issued } = await this.sessions.issue({
      user,
      remember: payload.remember === true,
      kind: 'browser',
      ip: payload.client.ip,
      userAgent: payload.client.userAgent,
      amr: [AuthMethod.Password],
    });
    return { user, ...issued };
  }

  /** The password grant: a session like a login's, named by the access token's `sid`. */
  async passwordGrant(payload: PasswordGrantPayload): Promise<TokenResult> {
    const verified = await this.credentials.verify(payload.username, payload.password, payload.client, 'token');
    const { session } = verified.totpEnabledAt
      ? await this.sessions.issue(
          this.mfaLogin.newSession(
            await this.mfaLogin.passwordGrantCode(verified, payload.totp, payload.client),
            false,
            'api',
            payload.client,
          ),
        )
      : await this.sessions.issue({
          user: toPublicUser(verified),
          remember: false,
          kind: 'api',
          ip: payload.client.ip,
          userAgent: payload.client.userAgent,
          amr: [AuthMethod.Password],
        });
    const refresh = this.tokens.newRefreshToken(session.id);
    await this.store.setRefreshHash(session.id, refresh.secretHash);
    return this.tokenResult(session, refresh.token);
  }

  /** Single-use refresh tokens; a spent one presented again revokes its whole session (theft detection). */
  async refreshGrant(payload: RefreshGrantPayload): Promise<TokenResult> {
    const unknown = new DomainError(ErrorCode.Unauthenticated, 'Invalid refresh token');
    const presented = this.tokens.parseRefreshToken(payload.refreshToken);
    if (!presented) throw unknown;
    const next = this.tokens.newRefreshToken(presented.sessionId);
    const rotation = await this.store.rotateRefresh(presented.sessionId, presented.secretHash, next.secretHash);
    if (rotation.outcome === 'reused') {
      const owner = await this.store.peek(presented.sessionId);
      await this.sessions.revokeOne(presented.sessionId);
      await this.audit.recordDetached({
        type: 'token.reuse_detected',
        userId: owner?.userId,
        ip: payload.client.ip,
        detail: { sessionId: presented.sessionId },
      });
      throw unknown;
    }
    if (rotation.outcome !== 'ok' || !rotation.session.user.active) throw unknown;
    return this.tokenResult(rotation.session, next.token);
  }

  private async tokenResult(session: StoredSession, refreshToken: string): Promise<TokenResult> {
    const access = await this.tokens.signAccessToken(session);
    return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, refresh_token: refreshToken };
  }
}
