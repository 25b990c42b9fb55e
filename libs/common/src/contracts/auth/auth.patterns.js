"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BroadcastChannels = exports.AuthPatterns = void 0;
exports.AuthPatterns = {
    Register: 'auth.user.register',
    Login: 'auth.login',
    Logout: 'auth.logout',
    ResolveSession: 'auth.session.resolve',
    ListSessions: 'auth.sessions.list',
    RevokeSession: 'auth.sessions.revoke',
    RevokeOtherSessions: 'auth.sessions.revoke-others',
    ChangePassword: 'auth.password.change',
    PasswordGrant: 'auth.token.password',
    RefreshGrant: 'auth.token.refresh',
    GetJwks: 'auth.jwks.get',
    AdminListUsers: 'auth.admin.users.list',
    AdminGetUser: 'auth.admin.users.get',
    AdminUpdateUser: 'auth.admin.users.update',
    AdminListUserSessions: 'auth.admin.users.sessions.list',
    AdminRevokeUserSessions: 'auth.admin.users.sessions.revoke',
    AdminListAudit: 'auth.admin.audit.list',
    Health: 'auth.health',
};
exports.BroadcastChannels = {
    Revoked: 'auth.broadcast.revoked',
};
//# sourceMappingURL=auth.patterns.js.map