import { PublicUser } from '../auth/auth.results';

/** One page of a cursor-paginated list: `nextCursor` is the last id of this page, or null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One user as an admin sees them, with how many sessions they have open. */
export interface AdminUserDetail {
  user: PublicUser;
  activeSessions: number;
}

/** The reply to an admin's change of a user: the user as it now is. */
export interface UpdatedUser {
  user: PublicUser;
}

/** One line of the audit log as it leaves the auth-service. */
export interface AuditEventView {
  id: string;
  type: string;
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  at: string;
  detail: Record<string, unknown>;
}
