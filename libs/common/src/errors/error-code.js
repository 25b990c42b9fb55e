"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ErrorCode = void 0;
var ErrorCode;
(function (ErrorCode) {
    ErrorCode["ValidationFailed"] = "VALIDATION_FAILED";
    ErrorCode["Unauthenticated"] = "UNAUTHENTICATED";
    ErrorCode["InvalidCredentials"] = "INVALID_CREDENTIALS";
    ErrorCode["Forbidden"] = "FORBIDDEN";
    ErrorCode["AccountDisabled"] = "ACCOUNT_DISABLED";
    ErrorCode["CsrfFailed"] = "CSRF_FAILED";
    ErrorCode["NotFound"] = "NOT_FOUND";
    ErrorCode["Conflict"] = "CONFLICT";
    ErrorCode["PayloadTooLarge"] = "PAYLOAD_TOO_LARGE";
    ErrorCode["Throttled"] = "THROTTLED";
    ErrorCode["Unavailable"] = "UNAVAILABLE";
    ErrorCode["Internal"] = "INTERNAL";
})(ErrorCode || (exports.ErrorCode = ErrorCode = {}));
//# sourceMappingURL=error-code.js.map