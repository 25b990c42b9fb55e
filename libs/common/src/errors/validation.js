"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validationMessages = validationMessages;
exports.strictValidationPipe = strictValidationPipe;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("./domain-error");
const error_code_1 = require("./error-code");
function flatten(errors, parent = '') {
    return errors.flatMap((error) => {
        const path = parent ? `${parent}.${error.property}` : error.property;
        const own = Object.values(error.constraints ?? {}).map((message) => parent ? message.replace(error.property, path) : message);
        return [...own, ...flatten(error.children ?? [], path)];
    });
}
function validationMessages(errors) {
    return flatten(errors);
}
function strictValidationPipe() {
    return new common_1.ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
        transform: true,
        transformOptions: { enableImplicitConversion: false },
        validationError: { target: false, value: false },
        exceptionFactory: (errors) => new domain_error_1.DomainError(error_code_1.ErrorCode.ValidationFailed, validationMessages(errors)),
    });
}
//# sourceMappingURL=validation.js.map