import { PublicUser, RevokedSessions, SessionList } from '../auth/auth.results';
import { HealthPayload, HealthResult } from '../system/health';
import { AdminPatterns, AuthAdminPatterns } from './admin.patterns';
import { ListAuditPayload, ListUsersPayload, UpdateUserPayload, UserActionPayload, UserIdPayload } from './admin.payload';
import { AdminUserDetail, AuditEventView, Page, UpdatedUser } from './admin.results';

/** Pattern → payload and reply of every admin-service message: what `RpcClient<AdminContract>` is typed from. */
export interface AdminContract {
  [AdminPatterns.ListUsers]: { payload: ListUsersPayload; result: Page<PublicUser> };
  [AdminPatterns.GetUser]: { payload: UserIdPayload; result: AdminUserDetail };
  [AdminPatterns.UpdateUser]: { payload: UpdateUserPayload; result: UpdatedUser };
  [AdminPatterns.ListUserSessions]: { payload: UserIdPayload; result: SessionList };
  [AdminPatterns.RevokeUserSessions]: { payload: UserActionPayload; result: RevokedSessions };
  [AdminPatterns.ListAudit]: { payload: ListAuditPayload; result: Page<AuditEventView> };
  [AdminPatterns.Health]: { payload: HealthPayload; result: HealthResult };
}

/** The auth-service's admin commands (part of AuthContract): the same payload and reply as the admin-service's. */
export interface AuthAdminContract {
  [AuthAdminPatterns.AdminListUsers]: AdminContract[typeof AdminPatterns.ListUsers];
  [AuthAdminPatterns.AdminGetUser]: AdminContract[typeof AdminPatterns.GetUser];
  [AuthAdminPatterns.AdminUpdateUser]: AdminContract[typeof AdminPatterns.UpdateUser];
  [AuthAdminPatterns.AdminListUserSessions]: AdminContract[typeof AdminPatterns.ListUserSessions];
  [AuthAdminPatterns.AdminRevokeUserSessions]: AdminContract[typeof AdminPatterns.RevokeUserSessions];
  [AuthAdminPatterns.AdminListAudit]: AdminContract[typeof AdminPatterns.ListAudit];
}

/** Injection token of the `RpcClient<AdminContract>` (registered with RpcClientModule): `@Inject(ADMIN_RPC_CLIENT)`. */
export const ADMIN_RPC_CLIENT = Symbol('ADMIN_RPC_CLIENT');
