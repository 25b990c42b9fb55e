"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CurrentUser = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../errors/domain-error");
const error_code_1 = require("../errors/error-code");
const authenticated_user_1 = require("./authenticated-user");
exports.CurrentUser = (0, common_1.createParamDecorator)((_data, context) => {
    const caller = (0, authenticated_user_1.callerOf)(context);
    if (!caller)
        throw new domain_error_1.DomainError(error_code_1.ErrorCode.Unauthenticated, 'Authentication required');
    return caller;
});
//# sourceMappingURL=current-user.decorator.js.map