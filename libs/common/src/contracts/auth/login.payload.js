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
exports.RefreshGrantPayload = exports.PasswordGrantPayload = exports.RegisterPayload = exports.LoginPayload = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const message_payload_1 = require("../message.payload");
const auth_fields_1 = require("./auth.fields");
const credential_payload_1 = require("./credential.payload");
class LoginPayload extends message_payload_1.MessagePayload {
}
exports.LoginPayload = LoginPayload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(64),
    __metadata("design:type", String)
], LoginPayload.prototype, "username", void 0);
__decorate([
    (0, auth_fields_1.IsPassword)(),
    __metadata("design:type", String)
], LoginPayload.prototype, "password", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], LoginPayload.prototype, "remember", void 0);
__decorate([
    (0, class_validator_1.IsDefined)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => credential_payload_1.ClientInfoPayload),
    __metadata("design:type", credential_payload_1.ClientInfoPayload)
], LoginPayload.prototype, "client", void 0);
class RegisterPayload extends message_payload_1.MessagePayload {
}
exports.RegisterPayload = RegisterPayload;
__decorate([
    (0, auth_fields_1.IsUsername)(),
    __metadata("design:type", String)
], RegisterPayload.prototype, "username", void 0);
__decorate([
    (0, auth_fields_1.IsPassword)(),
    __metadata("design:type", String)
], RegisterPayload.prototype, "password", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, auth_fields_1.IsEmailAddress)(),
    __metadata("design:type", String)
], RegisterPayload.prototype, "email", void 0);
__decorate([
    (0, class_validator_1.IsDefined)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => credential_payload_1.ClientInfoPayload),
    __metadata("design:type", credential_payload_1.ClientInfoPayload)
], RegisterPayload.prototype, "client", void 0);
class PasswordGrantPayload extends LoginPayload {
}
exports.PasswordGrantPayload = PasswordGrantPayload;
class RefreshGrantPayload extends message_payload_1.MessagePayload {
}
exports.RefreshGrantPayload = RefreshGrantPayload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(1),
    (0, class_validator_1.MaxLength)(512),
    __metadata("design:type", String)
], RefreshGrantPayload.prototype, "refreshToken", void 0);
__decorate([
    (0, class_validator_1.IsDefined)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => credential_payload_1.ClientInfoPayload),
    __metadata("design:type", credential_payload_1.ClientInfoPayload)
], RefreshGrantPayload.prototype, "client", void 0);
//# sourceMappingURL=login.payload.js.map