"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DomainRpcExceptionFilter = void 0;
const common_1 = require("@nestjs/common");
const rxjs_1 = require("rxjs");
const domain_error_1 = require("./domain-error");
const error_code_1 = require("./error-code");
let DomainRpcExceptionFilter = class DomainRpcExceptionFilter {
    constructor() {
        this.logger = new common_1.Logger('RpcExceptionFilter');
    }
    catch(exception, host) {
        if (exception instanceof domain_error_1.DomainError)
            return (0, rxjs_1.throwError)(() => exception.toWire());
        const pattern = host.getType() === 'rpc' ? host.switchToRpc().getContext() : undefined;
        this.logger.error({ err: exception, pattern: pattern?.getPattern?.() }, exception instanceof Error ? exception.stack : String(exception));
        return (0, rxjs_1.throwError)(() => new domain_error_1.DomainError(error_code_1.ErrorCode.Internal, 'Internal server error').toWire());
    }
};
exports.DomainRpcExceptionFilter = DomainRpcExceptionFilter;
exports.DomainRpcExceptionFilter = DomainRpcExceptionFilter = __decorate([
    (0, common_1.Catch)()
], DomainRpcExceptionFilter);
//# sourceMappingURL=rpc-exception.filter.js.map