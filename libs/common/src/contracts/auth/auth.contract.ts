import { ListAuditPayload, ListUsersPayload, UpdateUserPayload, UserActionPayload, UserIdPayload } from '../admin/admin.payload';
import { HealthPayload, HealthResult } from '../system/health';
import { AuthPatterns } from './auth.patterns';
import {
  AdminUserDetail,
  AuditEventView,
  IssuedSession,
  Jwks,
  LoginResult,
  Page,
  PublicUser,
  ResolvedSession,
  SessionListItem,
  TokenResult,
} from './auth.results';
import { AuthenticatedPayload } from './credential.payload';
import { LoginPayload, PasswordGrantPayload, RefreshGrantPayload, RegisterPayload } from './login.payload';
import { ChangePasswordPayload, LogoutPayload, RevokeSessionPayload } from './session.payload';

/** Pattern → payload and reply of every auth-service message, typed both ways. */
export interface AuthContract {
  [AuthPatterns.Register]: { payload: RegisterPayload; result: PublicUser };
  [AuthPatterns.Login]: { payload: LoginPayload; result: LoginResult };
  [AuthPatterns.Logout]: { payload: LogoutPayload; result: { revokedSessionId: string | null } };
  [AuthPatterns.ResolveSession]: { payload: AuthenticatedPayload; result: ResolvedSession | null };
  [AuthPatterns.ListSessions]: { payload: AuthenticatedPayload; result: { items: SessionListItem[] } };
  [AuthPatterns.RevokeSession]: { payload: RevokeSessionPayload; result: { revokedSessionId: string } };
  [AuthPatterns.RevokeOtherSessions]: { payload: AuthenticatedPayload; result: { revoked: number } };
  [AuthPatterns.ChangePassword]: { payload: ChangePasswordPayload; result: { session: IssuedSession | null } };
  [AuthPatterns.PasswordGrant]: { payload: PasswordGrantPayload; result: TokenResult };
  [AuthPatterns.RefreshGrant]: { payload: RefreshGrantPayload; result: TokenResult };
  [AuthPatterns.GetJwks]: { payload: HealthPayload; result: Jwks };
  [AuthPatterns.AdminListUsers]: { payload: ListUsersPayload; result: Page<PublicUser> };
  [AuthPatterns.AdminGetUser]: { payload: UserIdPayload; result: AdminUserDetail };
  [AuthPatterns.AdminUpdateUser]: { payload: UpdateUserPayload; result: { user: PublicUser } };
  [AuthPatterns.AdminListUserSessions]: { payload: UserIdPayload; result: { items: SessionListItem[] } };
  [AuthPatterns.AdminRevokeUserSessions]: { payload: UserActionPayload; result: { revoked: number } };
  [AuthPatterns.AdminListAudit]: { payload: ListAuditPayload; result: Page<AuditEventView> };
  [AuthPatterns.Health]: { payload: HealthPayload; result: HealthResult };
}
