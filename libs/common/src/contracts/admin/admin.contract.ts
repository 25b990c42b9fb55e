import { AdminUserDetail, AuditEventView, Page, PublicUser, SessionListItem } from '../auth/auth.results';
import { HealthPayload, HealthResult } from '../system/health';
import { AdminPatterns } from './admin.patterns';
import { ListAuditPayload, ListUsersPayload, UpdateUserPayload, UserActionPayload, UserIdPayload } from './admin.payload';

/** Pattern → payload and reply of every admin-service message. */
export interface AdminContract {
  [AdminPatterns.ListUsers]: { payload: ListUsersPayload; result: Page<PublicUser> };
  [AdminPatterns.GetUser]: { payload: UserIdPayload; result: AdminUserDetail };
  [AdminPatterns.UpdateUser]: { payload: UpdateUserPayload; result: { user: PublicUser } };
  [AdminPatterns.ListUserSessions]: { payload: UserIdPayload; result: { items: SessionListItem[] } };
  [AdminPatterns.RevokeUserSessions]: { payload: UserActionPayload; result: { revoked: number } };
  [AdminPatterns.ListAudit]: { payload: ListAuditPayload; result: Page<AuditEventView> };
  [AdminPatterns.Health]: { payload: HealthPayload; result: HealthResult };
}
