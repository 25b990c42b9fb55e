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
exports.AuthenticatedPayload = exports.ClientInfoPayload = exports.CredentialPayload = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const message_payload_1 = require("../message.payload");
class CredentialPayload {
}
exports.CredentialPayload = CredentialPayload;
__decorate([
    (0, class_validator_1.IsIn)(['session', 'bearer']),
    __metadata("design:type", String)
], CredentialPayload.prototype, "kind", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(4096),
    __metadata("design:type", String)
], CredentialPayload.prototype, "token", void 0);
class ClientInfoPayload {
}
exports.ClientInfoPayload = ClientInfoPayload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(64),
    __metadata("design:type", String)
], ClientInfoPayload.prototype, "ip", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(512),
    __metadata("design:type", String)
], ClientInfoPayload.prototype, "userAgent", void 0);
class AuthenticatedPayload extends message_payload_1.MessagePayload {
}
exports.AuthenticatedPayload = AuthenticatedPayload;
__decorate([
    (0, class_validator_1.IsDefined)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => CredentialPayload),
    __metadata("design:type", CredentialPayload)
], AuthenticatedPayload.prototype, "credential", void 0);
//# sourceMappingURL=credential.payload.js.map