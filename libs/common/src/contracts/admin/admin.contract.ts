import { PublicUser, RevokedSessions, SessionList } from '../auth/auth.results';
import { HealthPayload, HealthResult } from '../system/health';
import { AdminPatterns } from './admin.patterns';
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

/** Injection token of the `RpcClient<AdminContract>` (registered with RpcClientModule): `@Inject(ADMIN_RPC_CLIENT)`. */
export const ADMIN_RPC_CLIENT = Symbol('ADMIN_RPC_CLIENT');
