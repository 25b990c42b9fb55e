"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcClient = void 0;
const rxjs_1 = require("rxjs");
const domain_error_1 = require("../errors/domain-error");
const error_code_1 = require("../errors/error-code");
const request_context_1 = require("./request-context");
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
class RpcClient {
    constructor(proxy, timeoutMs, observe) {
        this.proxy = proxy;
        this.timeoutMs = timeoutMs;
        this.observe = observe;
    }
    async send(pattern, payload) {
        const started = process.hrtime.bigint();
        const message = { ...payload, requestId: request_context_1.RequestContext.requestId() };
        try {
            const result = await (0, rxjs_1.lastValueFrom)(this.proxy.send(pattern, message).pipe((0, rxjs_1.timeout)(this.timeoutMs)));
            this.record(pattern, started, 'ok');
            return result;
        }
        catch (error) {
            this.record(pattern, started, error instanceof rxjs_1.TimeoutError ? 'timeout' : 'error');
            throw RpcClient.translate(error);
        }
    }
    async close() {
        await this.proxy.close();
    }
    record(pattern, started, outcome) {
        this.observe?.(pattern, Number(process.hrtime.bigint() - started) / 1e9, outcome);
    }
    static translate(error) {
        if (error instanceof domain_error_1.DomainError)
            return error;
        if (error instanceof rxjs_1.TimeoutError) {
            return new domain_error_1.DomainError(error_code_1.ErrorCode.Unavailable, 'A service did not answer in time', UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        if (typeof error === 'object' && error !== null && 'code' in error)
            return domain_error_1.DomainError.fromWire(error);
        return new domain_error_1.DomainError(error_code_1.ErrorCode.Unavailable, 'A service is unavailable', UNAVAILABLE_RETRY_AFTER_SECONDS);
    }
}
exports.RpcClient = RpcClient;
//# sourceMappingURL=rpc-client.js.map