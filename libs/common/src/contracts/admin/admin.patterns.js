"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AdminPatterns = void 0;
exports.AdminPatterns = {
    ListUsers: 'admin.users.list',
    GetUser: 'admin.users.get',
    UpdateUser: 'admin.users.update',
    ListUserSessions: 'admin.users.sessions.list',
    RevokeUserSessions: 'admin.users.sessions.revoke',
    ListAudit: 'admin.audit.list',
    Health: 'admin.health',
};
//# sourceMappingURL=admin.patterns.js.map