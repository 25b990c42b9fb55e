"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toAuthenticatedUser = toAuthenticatedUser;
exports.attachCaller = attachCaller;
exports.callerOf = callerOf;
function toAuthenticatedUser(resolved) {
    return {
        id: resolved.user.id,
        username: resolved.user.username,
        roles: resolved.user.roles,
        sessionId: resolved.session.id,
        via: resolved.via,
    };
}
const CALLER = Symbol('caller');
function carrierOf(context) {
    const carrier = context.getType() === 'http' ? context.switchToHttp().getRequest() : context.switchToRpc().getData();
    return typeof carrier === 'object' && carrier !== null ? carrier : undefined;
}
function attachCaller(context, caller) {
    const carrier = carrierOf(context);
    if (carrier)
        carrier[CALLER] = caller;
}
function callerOf(context) {
    return carrierOf(context)?.[CALLER];
}
//# sourceMappingURL=authenticated-user.js.map