"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PASSWORD_MAX_BYTES = exports.PASSWORD_MIN_BYTES = exports.USERNAME_PATTERN = void 0;
exports.IsUsername = IsUsername;
exports.IsPassword = IsPassword;
exports.IsEmailAddress = IsEmailAddress;
const common_1 = require("@nestjs/common");
const class_validator_1 = require("class-validator");
exports.USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
exports.PASSWORD_MIN_BYTES = 8;
exports.PASSWORD_MAX_BYTES = 72;
function IsUsername() {
    return (0, common_1.applyDecorators)((0, class_validator_1.IsString)(), (0, class_validator_1.Matches)(exports.USERNAME_PATTERN, { message: 'username must be 3-32 characters of letters, digits, "_", "." or "-"' }));
}
function IsPassword(options) {
    return (0, common_1.applyDecorators)((0, class_validator_1.IsString)(options), (0, class_validator_1.ValidateBy)({
        name: 'isPasswordLength',
        validator: {
            validate: (value) => {
                if (typeof value !== 'string')
                    return false;
                const bytes = Buffer.byteLength(value, 'utf8');
                return bytes >= exports.PASSWORD_MIN_BYTES && bytes <= exports.PASSWORD_MAX_BYTES;
            },
            defaultMessage: (args) => `${args?.property ?? 'password'} must be ${exports.PASSWORD_MIN_BYTES} to ${exports.PASSWORD_MAX_BYTES} bytes of UTF-8`,
        },
    }, options));
}
function IsEmailAddress() {
    return (0, common_1.applyDecorators)((0, class_validator_1.IsString)(), (0, class_validator_1.MaxLength)(254), (0, class_validator_1.MinLength)(3), (0, class_validator_1.IsEmail)({}, { message: 'email must be a valid address' }));
}
//# sourceMappingURL=auth.fields.js.map