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
exports.LogoutPayload = exports.ChangePasswordPayload = exports.RevokeSessionPayload = exports.SESSION_ID_PATTERN = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const auth_fields_1 = require("./auth.fields");
const credential_payload_1 = require("./credential.payload");
exports.SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;
class RevokeSessionPayload extends credential_payload_1.AuthenticatedPayload {
}
exports.RevokeSessionPayload = RevokeSessionPayload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(64),
    (0, class_validator_1.Matches)(exports.SESSION_ID_PATTERN, { message: 'sessionId is not a session id' }),
    __metadata("design:type", String)
], RevokeSessionPayload.prototype, "sessionId", void 0);
class ChangePasswordPayload extends credential_payload_1.AuthenticatedPayload {
}
exports.ChangePasswordPayload = ChangePasswordPayload;
__decorate([
    (0, auth_fields_1.IsPassword)(),
    __metadata("design:type", String)
], ChangePasswordPayload.prototype, "currentPassword", void 0);
__decorate([
    (0, auth_fields_1.IsPassword)(),
    __metadata("design:type", String)
], ChangePasswordPayload.prototype, "newPassword", void 0);
__decorate([
    (0, class_validator_1.IsDefined)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => credential_payload_1.ClientInfoPayload),
    __metadata("design:type", credential_payload_1.ClientInfoPayload)
], ChangePasswordPayload.prototype, "client", void 0);
class LogoutPayload extends credential_payload_1.AuthenticatedPayload {
}
exports.LogoutPayload = LogoutPayload;
__decorate([
    (0, class_validator_1.IsDefined)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => credential_payload_1.ClientInfoPayload),
    __metadata("design:type", credential_payload_1.ClientInfoPayload)
], LogoutPayload.prototype, "client", void 0);
//# sourceMappingURL=session.payload.js.map