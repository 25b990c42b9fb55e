"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthGuard = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../errors/domain-error");
const error_code_1 = require("../errors/error-code");
const authenticated_user_1 = require("./authenticated-user");
const session_resolver_1 = require("./session-resolver");
function credentialOf(data) {
    if (typeof data !== 'object' || data === null)
        return undefined;
    const credential = data.credential;
    if (typeof credential !== 'object' || credential === null)
        return undefined;
    const { kind, token } = credential;
    if ((kind !== 'session' && kind !== 'bearer') || typeof token !== 'string' || token.length > 4096)
        return undefined;
    return { kind, token };
}
let AuthGuard = class AuthGuard {
    constructor(resolver) {
        this.resolver = resolver;
    }
    async canActivate(context) {
        const credential = credentialOf(context.switchToRpc().getData());
        if (!credential)
            throw new domain_error_1.DomainError(error_code_1.ErrorCode.Unauthenticated, 'Authentication required');
        const resolved = await this.resolver.resolve(credential);
        if (!resolved)
            throw new domain_error_1.DomainError(error_code_1.ErrorCode.Unauthenticated, 'Authentication required');
        (0, authenticated_user_1.attachCaller)(context, (0, authenticated_user_1.toAuthenticatedUser)(resolved));
        return true;
    }
};
exports.AuthGuard = AuthGuard;
exports.AuthGuard = AuthGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [session_resolver_1.SessionResolver])
], AuthGuard);
//# sourceMappingURL=auth.guard.js.map