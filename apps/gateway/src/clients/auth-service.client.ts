import {
  AUTH_RPC_CLIENT,
  AuthContract,
  AuthPatterns,
  AuthenticatedPayload,
  ChangePasswordPayload,
  HealthResult,
  IssuedSession,
  Jwks,
  LoginPayload,
  LoginResult,
  LogoutPayload,
  OutgoingPayload,
  PasswordGrantPayload,
  PublicUser,
  RefreshGrantPayload,
  RegisterPayload,
  RevokeSessionPayload,
  RpcClient,
  SessionListItem,
  TokenResult,
} from '@app/common';
import { Inject, Injectable } from '@nestjs/common';

/** The gateway's client of the auth-service, one method per use case. */
@Injectable()
export class AuthServiceClient {
  constructor(@Inject(AUTH_RPC_CLIENT) private readonly rpc: RpcClient<AuthContract>) {}

  register(payload: OutgoingPayload<RegisterPayload>): Promise<PublicUser> {
    return this.rpc.send(AuthPatterns.Register, payload);
  }

  login(payload: OutgoingPayload<LoginPayload>): Promise<LoginResult> {
    return this.rpc.send(AuthPatterns.Login, payload);
  }

  logout(payload: OutgoingPayload<LogoutPayload>): Promise<{ revokedSessionId: string | null }> {
    return this.rpc.send(AuthPatterns.Logout, payload);
  }

  listSessions(payload: OutgoingPayload<AuthenticatedPayload>): Promise<{ items: SessionListItem[] }> {
    return this.rpc.send(AuthPatterns.ListSessions, payload);
  }

  revokeSession(payload: OutgoingPayload<RevokeSessionPayload>): Promise<{ revokedSessionId: string }> {
    return this.rpc.send(AuthPatterns.RevokeSession, payload);
  }

  revokeOtherSessions(payload: OutgoingPayload<AuthenticatedPayload>): Promise<{ revoked: number }> {
    return this.rpc.send(AuthPatterns.RevokeOtherSessions, payload);
  }

  changePassword(payload: OutgoingPayload<ChangePasswordPayload>): Promise<{ session: IssuedSession | null }> {
    return this.rpc.send(AuthPatterns.ChangePassword, payload);
  }

  passwordGrant(payload: OutgoingPayload<PasswordGrantPayload>): Promise<TokenResult> {
    return this.rpc.send(AuthPatterns.PasswordGrant, payload);
  }

  refreshGrant(payload: OutgoingPayload<RefreshGrantPayload>): Promise<TokenResult> {
    return this.rpc.send(AuthPatterns.RefreshGrant, payload);
  }

  jwks(): Promise<Jwks> {
    return this.rpc.send(AuthPatterns.GetJwks, {});
  }

  health(): Promise<HealthResult> {
    return this.rpc.send(AuthPatterns.Health, {});
  }
}
