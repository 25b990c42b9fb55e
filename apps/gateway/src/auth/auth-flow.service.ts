import {
  AUTH_RPC_CLIENT,
  AuthContract,
  AuthPatterns,
  Credential,
  DomainError,
  ErrorCode,
  IssuedSession,
  RpcClient,
  SESSION_ID_PATTERN,
  SessionResolver,
} from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { RequestAuth, clientInfoOf, headerOf } from '../http/gateway-request';
import { assertCsrfToken, assertSameOrigin } from './csrf';
import { SessionCookie } from './session-cookie';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Session changes made through the gateway. After each one this process drops what its own cache
 * holds at once (the auth-service's broadcast does the same for every other replica), so the very
 * next request through this gateway is refused.
 */
@Injectable()
export class AuthFlowService {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly resolver: SessionResolver,
    private readonly cookie: SessionCookie,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Logout is idempotent (204 without a session), but a live cookie still needs its CSRF token. */
  async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const credential = await this.optionalCredential(request);
    if (credential) {
      const { revokedSessionId } = await this.auth.send(AuthPatterns.Logout, { credential, client: clientInfoOf(request) });
      if (revokedSessionId) this.resolver.forget({ sessionIds: [revokedSessionId] });
    }
    this.cookie.clear(reply);
    reply.header('Clear-Site-Data', '"cookies"');
  }

  /**
   * After a login, the session the browser had before (if any) is ended: a login always starts a new
   * session, and the old token must not stay alive behind the new cookie.
   */
  async discardPreviousSession(request: FastifyRequest): Promise<void> {
    const previous = this.cookie.read(request);
    if (!previous) return;
    const { revokedSessionId } = await this.auth.send(AuthPatterns.Logout, {
      credential: { kind: 'session', token: previous },
      client: clientInfoOf(request),
    });
    if (revokedSessionId) this.resolver.forget({ sessionIds: [revokedSessionId] });
  }

  async revokeSession(auth: RequestAuth, sessionId: string, reply: FastifyReply): Promise<void> {
    if (!SESSION_ID_PATTERN.test(sessionId)) throw new DomainError(ErrorCode.NotFound, 'No such session');
    await this.auth.send(AuthPatterns.RevokeSession, { credential: auth.credential, sessionId });
    this.resolver.forget({ sessionIds: [sessionId] });
    if (sessionId === auth.resolved.session.id && auth.credential.kind === 'session') this.cookie.clear(reply);
  }

  async revokeOtherSessions(auth: RequestAuth): Promise<void> {
    await this.auth.send(AuthPatterns.RevokeOtherSessions, { credential: auth.credential });
    this.resolver.forget({ userId: auth.resolved.user.id });
  }

  async changePassword(
    auth: RequestAuth,
    request: FastifyRequest,
    reply: FastifyReply,
    passwords: { currentPassword: string; newPassword: string },
  ): Promise<IssuedSession | null> {
    const { session } = await this.auth.send(AuthPatterns.ChangePassword, {
      credential: auth.credential,
      ...passwords,
      client: clientInfoOf(request),
    });
    this.resolver.forget({ userId: auth.resolved.user.id });
    if (session) this.cookie.set(reply, session);
    return session;
  }

  private async optionalCredential(request: FastifyRequest): Promise<Credential | undefined> {
    const bearer = BEARER.exec(headerOf(request, 'authorization') ?? '');
    if (bearer) return { kind: 'bearer', token: bearer[1] };
    const token = this.cookie.read(request);
    if (!token) return undefined;
    const resolved = await this.resolver.resolve({ kind: 'session', token });
    if (!resolved) return undefined;
    assertSameOrigin(request, this.config.allowedOrigins);
    assertCsrfToken(request, resolved.csrfToken);
    return { kind: 'session', token };
  }
}
