import {
  ClientInfoPayload,
  Credential,
  DomainError,
  ErrorCode,
  IssuedSession,
  PublicUser,
  Reauthentication,
  ResolvedSession,
  SessionListItem,
  amrAfter,
} from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { OidcGrants } from '../oidc/oidc-grants';
import { TokenService } from '../tokens/token.service';
import { RevocationPublisher } from './revocation.publisher';
import { SessionPolicy } from './session-policy';
import { NewSession, SessionStore } from './session.store';
import { StoredSession, toCallerSession, toSessionListItem } from './stored-session';

interface Lookup {
  session: StoredSession;
  via: 'session' | 'bearer';
  cacheUntil: number;
}

/** Session use cases: issue, resolve a credential, list, revoke (one, the others, all of a user). */
@Injectable()
export class SessionsService {
  constructor(
    private readonly store: SessionStore,
    private readonly tokens: TokenService,
    private readonly publisher: RevocationPublisher,
    private readonly audit: AuditService,
    private readonly policy: SessionPolicy,
    private readonly oidcGrants: OidcGrants,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Creates a session and shapes what the gateway puts in the cookie. */
  async issue(input: NewSession): Promise<{ issued: IssuedSession; session: StoredSession }> {
    const { token, session } = await this.store.create(input);
    const issued: IssuedSession = {
      sessionToken: token,
      csrfToken: session.csrfToken,
      expiresAt: new Date(session.expiresAt).toISOString(),
    };
    if (session.remember) issued.cookieMaxAgeSeconds = Math.floor(this.config.session.rememberLifetimeMs / 1000);
    return { issued, session };
  }

  /**
   * Who a credential belongs to, or null. Cookie tokens and bearer tokens end at the same session.
   * Freshness and the MFA-enrolment answer come from the session hash alone: no database read.
   */
  async resolve(credential: Credential): Promise<ResolvedSession | null> {
    const found = await this.lookup(credential);
    if (!found) return null;
    const { session, via, cacheUntil } = found;
    return {
      user: session.user,
      session: toCallerSession(session),
      csrfToken: via === 'session' ? session.csrfToken : '',
      via,
      cacheUntil,
      freshUntil: this.policy.freshUntil(session),
      mfaEnrolmentRequired: this.policy.mfaEnrolmentRequired(session.user),
    };
  }

  /**
   * A credential was just checked again for this session (re-authentication, a second factor): it is
   * fresh from now, its `amr` gains what was `used`, and every cached resolution of it is dropped.
   * Null when the session ended meanwhile (it is never brought back).
   */
  async recordAuthentication(session: StoredSession, used: readonly string[]): Promise<Reauthentication | null> {
    const at = Date.now();
    const amr = amrAfter(session.amr, used);
    if (!(await this.store.markAuthenticated(session.id, at, amr))) return null;
    await this.publisher.publish({ sessionIds: [session.id] });
    return { sessionId: session.id, authenticatedAt: new Date(at).toISOString(), amr };
  }

  /** The caller's live session, or Unauthenticated. */
  async requireSession(credential: Credential): Promise<StoredSession> {
    const found = await this.lookup(credential);
    if (!found) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    return found.session;
  }

  async listForCaller(credential: Credential): Promise<SessionListItem[]> {
    const current = await this.requireSession(credential);
    return this.listForUser(current.userId, current.id);
  }

  async listForUser(userId: string, currentSessionId?: string): Promise<SessionListItem[]> {
    const sessions = await this.store.listForUser(userId);
    return sessions.map((session) => toSessionListItem(session, currentSessionId));
  }

  async countForUser(userId: string): Promise<number> {
    return (await this.store.listForUser(userId)).length;
  }

  /** Logout: the session is deleted; an unknown credential is not an error (logout is idempotent). */
  async logout(credential: Credential, client: ClientInfoPayload): Promise<string | null> {
    const found = await this.lookup(credential);
    if (!found) return null;
    await this.revokeOne(found.session.id);
    await this.audit.recordDetached({
      type: 'logout',
      userId: found.session.userId,
      actorId: found.session.userId,
      ip: client.ip,
      detail: { sessionId: found.session.id },
    });
    return found.session.id;
  }

  /** Revokes one of the caller's own sessions; someone else's is NotFound, as if it did not exist. */
  async revokeOwn(credential: Credential, sessionId: string): Promise<void> {
    const caller = await this.requireSession(credential);
    const target = await this.store.peek(sessionId);
    if (!target || target.userId !== caller.userId) throw new DomainError(ErrorCode.NotFound, 'No such session');
    await this.revokeOne(sessionId);
    await this.audit.recordDetached({
      type: 'session.revoked',
      userId: caller.userId,
      actorId: caller.userId,
      ip: caller.ip,
      detail: { sessionIds: [sessionId] },
    });
  }

  async revokeOthers(credential: Credential): Promise<number> {
    const caller = await this.requireSession(credential);
    const revoked = await this.revokeAllForUser(caller.userId, caller.id);
    if (revoked.length) {
      await this.audit.recordDetached({
        type: 'session.revoked',
        userId: caller.userId,
        actorId: caller.userId,
        ip: caller.ip,
        detail: { sessionIds: revoked },
      });
    }
    return revoked.length;
  }

  /** Deletes every session (and so every token) of a user but `exceptId`, and tells every cache. */
  async revokeAllForUser(userId: string, exceptId?: string): Promise<string[]> {
    const revoked = await this.store.revokeAllForUser(userId, exceptId);
    await this.publisher.publish(exceptId ? { sessionIds: revoked } : { userId, sessionIds: revoked });
    await this.oidcGrants.endFor(revoked, exceptId ? undefined : userId);
    return revoked;
  }

  async revokeOne(sessionId: string): Promise<void> {
    await this.store.revoke(sessionId);
    await this.publisher.publish({ sessionIds: [sessionId] });
    await this.oidcGrants.endFor([sessionId]);
  }

  /** Keeps the user snapshot on live sessions current and drops cached copies everywhere. */
  async refreshUser(user: PublicUser): Promise<void> {
    await this.store.updateUserSnapshot(user);
    await this.publisher.publish({ userId: user.id });
  }

  private async lookup(credential: Credential): Promise<Lookup | null> {
    if (credential.kind === 'session') {
      const session = await this.store.resolveByToken(credential.token);
      if (!session || !session.user.active || session.kind !== 'browser') return null;
      return { session, via: 'session', cacheUntil: SessionsService.cacheUntil(session) };
    }
    const claims = await this.tokens.verifyAccessToken(credential.token);
    if (!claims) return null;
    const session = await this.store.resolveById(claims.sid);
    if (!session || session.userId !== claims.sub || !session.user.active) return null;
    return { session, via: 'bearer', cacheUntil: Math.min(SessionsService.cacheUntil(session), claims.exp * 1000) };
  }

  /**
   * How long a resolver may answer from memory. Cache hits do not reach Redis, so they do not slide
   * the idle deadline: the answer must be asked again (and the session touched) well before that
   * deadline, i.e. within half the idle timeout of the last recorded use.
   */
  private static cacheUntil(session: StoredSession): number {
    if (!session.idleTimeoutMs) return session.expiresAt;
    return Math.min(session.expiresAt, session.lastSeenAt + session.idleTimeoutMs / 2);
  }
}
