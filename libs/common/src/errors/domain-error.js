"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DomainError = void 0;
const error_code_1 = require("./error-code");
const KNOWN_CODES = new Set(Object.values(error_code_1.ErrorCode));
class DomainError extends Error {
    constructor(code, publicMessage = code, retryAfterSeconds) {
        super(Array.isArray(publicMessage) ? publicMessage.join('; ') : publicMessage);
        this.code = code;
        this.publicMessage = publicMessage;
        this.retryAfterSeconds = retryAfterSeconds;
        this.name = 'DomainError';
    }
    toWire() {
        const wire = { code: this.code, message: this.publicMessage };
        if (this.retryAfterSeconds !== undefined)
            wire.retryAfterSeconds = this.retryAfterSeconds;
        return wire;
    }
    static fromWire(value) {
        if (typeof value === 'object' && value !== null && KNOWN_CODES.has(String(value.code))) {
            const wire = value;
            const message = typeof wire.message === 'string' || Array.isArray(wire.message) ? wire.message : wire.code;
            const retry = typeof wire.retryAfterSeconds === 'number' ? wire.retryAfterSeconds : undefined;
            return new DomainError(wire.code, message, retry);
        }
        return new DomainError(error_code_1.ErrorCode.Internal, 'Internal server error');
    }
}
exports.DomainError = DomainError;
//# sourceMappingURL=domain-error.js.map