import {
  ADMIN_RPC_CLIENT,
  AUTH_RPC_CLIENT,
  AdminContract,
  AddedPasskey,
  AdminPatterns,
  AuthContract,
  AuthPatterns,
  ClientInfoPayload,
  Credential,
  DomainError,
  ErrorCode,
  IssuedSession,
  LogoutResult,
  Reauthentication,
  RegisterPasskeyPayload,
  RemovedPasskey,
  RevocationEvent,
  RevokedSession,
  RevokedSessions,
  RpcClient,
  SessionResolver,
  UpdatedUser,
} from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { RequestAuth } from '../http/gateway-request';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every call that ends or changes sessions, through one door: each drops what this process's resolver
 * cache holds for them as soon as the service has answered (the auth-service's broadcast does the
 * same for every other replica, a moment later), so the very next request through this gateway sees it.
 */
@Injectable()
export class SessionCommands {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    @Inject(ADMIN_RPC_CLIENT) private readonly admin: RpcClient<AdminContract>,
    private readonly resolver: SessionResolver,
  ) {}

  /** Ends the session a credential names, if it is live (logout is idempotent). */
  logout(credential: Credential, client: ClientInfoPayload): Promise<LogoutResult> {
    return this.dropping(this.auth.send(AuthPatterns.Logout, { credential, client }), ({ revokedSessionId }) =>
      revokedSessionId ? { sessionIds: [revokedSessionId] } : null,
    );
  }

  revokeSession(caller: RequestAuth, sessionId: string): Promise<RevokedSession> {
    return this.dropping(this.auth.send(AuthPatterns.RevokeSession, { credential: caller.credential, sessionId }), () => ({
      sessionIds: [sessionId],
    }));
  }

  revokeOtherSessions(caller: RequestAuth): Promise<RevokedSessions> {
    return this.dropping(this.auth.send(AuthPatterns.RevokeOtherSessions, { credential: caller.credential }), () => ({
      userId: caller.resolved.user.id,
    }));
  }

  /** The rotated cookie session, or null for a bearer caller; every other session of the user is gone. */
  async changePassword(
    caller: RequestAuth,
    passwords: { currentPassword: string; newPassword: string },
    client: ClientInfoPayload,
  ): Promise<IssuedSession | null> {
    const payload = { credential: caller.credential, ...passwords, client };
    const { session } = await this.dropping(this.auth.send(AuthPatterns.ChangePassword, payload), () => ({
      userId: caller.resolved.user.id,
    }));
    return session;
  }

  /**
   * A credential checked again for the caller's own session (POST /auth/reauthenticate, issue 16): the
   * cached resolution of that session still carries the old `freshUntil`, so it is dropped.
   */
  reauthenticate(caller: RequestAuth, proof: { password?: string; totp?: string }, client: ClientInfoPayload): Promise<Reauthentication> {
    const payload = { credential: caller.credential, ...proof, client };
    return this.dropping(this.auth.send(AuthPatterns.Reauthenticate, payload), ({ sessionId }) => ({ sessionIds: [sessionId] }));
  }

  /** A new passkey changes the user's second factors (the MFA-enrolment answer): every cached resolution of them is stale. */
  registerPasskey(
    caller: RequestAuth,
    registration: { response: RegisterPasskeyPayload['response']; name?: string },
    client: ClientInfoPayload,
  ): Promise<AddedPasskey> {
    const payload = { credential: caller.credential, ...registration, client };
    return this.dropping(this.auth.send(AuthPatterns.PasskeyRegister, payload), () => ({ userId: caller.resolved.user.id }));
  }

  /** A passkey removed: as for a new one, the user's cached resolutions are dropped. A malformed id is no one's (404). */
  removePasskey(caller: RequestAuth, passkeyId: string, client: ClientInfoPayload): Promise<RemovedPasskey> {
    if (!UUID.test(passkeyId)) return Promise.reject(new DomainError(ErrorCode.NotFound, 'No such passkey'));
    const payload = { credential: caller.credential, passkeyId, client };
    return this.dropping(this.auth.send(AuthPatterns.RemovePasskey, payload), () => ({ userId: caller.resolved.user.id }));
  }

  /**
   * A change of the caller's own second factor (issue 16): TOTP on revokes their other sessions, and on
   * or off changes the user snapshot (`mfa`, the enrolment policy), so every cached resolution of the user is stale.
   */
  secondFactorChange<T>(caller: RequestAuth, command: Promise<T>): Promise<T> {
    return this.dropping(command, () => ({ userId: caller.resolved.user.id }));
  }

  /** Enabling, disabling or new roles: every cached resolution of that user is stale. */
  updateUser(
    caller: RequestAuth,
    userId: string,
    change: { active?: boolean; roles?: string[] },
    client: ClientInfoPayload,
  ): Promise<UpdatedUser> {
    const payload = { credential: caller.credential, userId, ...change, client };
    return this.dropping(this.admin.send(AdminPatterns.UpdateUser, payload), () => ({ userId }));
  }

  revokeUserSessions(caller: RequestAuth, userId: string, client: ClientInfoPayload): Promise<RevokedSessions> {
    return this.dropping(this.admin.send(AdminPatterns.RevokeUserSessions, { credential: caller.credential, userId, client }), () => ({
      userId,
    }));
  }

  /** The one place that drops cached resolutions: after the command succeeded, for what its answer says is gone. */
  private async dropping<T>(command: Promise<T>, revoked: (result: T) => RevocationEvent | null): Promise<T> {
    const result = await command;
    const event = revoked(result);
    if (event) this.resolver.forget(event);
    return result;
  }
}
