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
