"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ERROR_HTTP_STATUS = void 0;
exports.httpStatusOf = httpStatusOf;
const error_code_1 = require("./error-code");
exports.ERROR_HTTP_STATUS = {
    [error_code_1.ErrorCode.ValidationFailed]: { status: 400, error: 'Bad Request' },
    [error_code_1.ErrorCode.Unauthenticated]: { status: 401, error: 'Unauthorized' },
    [error_code_1.ErrorCode.InvalidCredentials]: { status: 401, error: 'Unauthorized' },
    [error_code_1.ErrorCode.Forbidden]: { status: 403, error: 'Forbidden' },
    [error_code_1.ErrorCode.AccountDisabled]: { status: 403, error: 'Forbidden' },
    [error_code_1.ErrorCode.CsrfFailed]: { status: 403, error: 'Forbidden' },
    [error_code_1.ErrorCode.NotFound]: { status: 404, error: 'Not Found' },
    [error_code_1.ErrorCode.Conflict]: { status: 409, error: 'Conflict' },
    [error_code_1.ErrorCode.PayloadTooLarge]: { status: 413, error: 'Payload Too Large' },
    [error_code_1.ErrorCode.Throttled]: { status: 429, error: 'Too Many Requests' },
    [error_code_1.ErrorCode.Unavailable]: { status: 503, error: 'Service Unavailable' },
    [error_code_1.ErrorCode.Internal]: { status: 500, error: 'Internal Server Error' },
};
function httpStatusOf(code) {
    return exports.ERROR_HTTP_STATUS[code] ?? exports.ERROR_HTTP_STATUS[error_code_1.ErrorCode.Internal];
}
//# sourceMappingURL=error-status.js.map