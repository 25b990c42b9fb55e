/** Message patterns the admin-service answers; each is served only to callers with role `admin`. */
export const AdminPatterns = {
  ListUsers: 'admin.users.list',
  GetUser: 'admin.users.get',
  UpdateUser: 'admin.users.update',
  ListUserSessions: 'admin.users.sessions.list',
  RevokeUserSessions: 'admin.users.sessions.revoke',
  ListAudit: 'admin.audit.list',
  Health: 'admin.health',
} as const;

/**
 * The auth-service's side of each admin operation, which the admin-service asks with the admin's own
 * credential; part of AuthPatterns (`AuthPatterns.AdminListUsers`, ...). Kept here, beside the
 * admin-service's patterns, so that one admin operation is written in one place.
 */
export const AuthAdminPatterns = {
  AdminListUsers: 'auth.admin.users.list',
  AdminGetUser: 'auth.admin.users.get',
  AdminUpdateUser: 'auth.admin.users.update',
  AdminListUserSessions: 'auth.admin.users.sessions.list',
  AdminRevokeUserSessions: 'auth.admin.users.sessions.revoke',
  AdminListAudit: 'auth.admin.audit.list',
} as const;
