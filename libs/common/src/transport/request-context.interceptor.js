"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MessageContextInterceptor = void 0;
const common_1 = require("@nestjs/common");
const rxjs_1 = require("rxjs");
const request_context_1 = require("./request-context");
let MessageContextInterceptor = class MessageContextInterceptor {
    intercept(context, next) {
        const data = context.switchToRpc().getData();
        const requestId = typeof data === 'object' && data !== null && typeof data.requestId === 'string'
            ? data.requestId.slice(0, 128)
            : undefined;
        return new rxjs_1.Observable((subscriber) => request_context_1.RequestContext.run(requestId, () => next.handle().subscribe(subscriber)));
    }
};
exports.MessageContextInterceptor = MessageContextInterceptor;
exports.MessageContextInterceptor = MessageContextInterceptor = __decorate([
    (0, common_1.Injectable)()
], MessageContextInterceptor);
//# sourceMappingURL=request-context.interceptor.js.map