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
exports.UpdateUserPayload = exports.UserActionPayload = exports.UserIdPayload = exports.ListAuditPayload = exports.ListUsersPayload = exports.PageQueryPayload = exports.AUDIT_TYPE_PATTERN = exports.ROLE_PATTERN = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const credential_payload_1 = require("../auth/credential.payload");
exports.ROLE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
exports.AUDIT_TYPE_PATTERN = /^[a-z][a-z0-9_.]{0,63}$/;
class PageQueryPayload extends credential_payload_1.AuthenticatedPayload {
}
exports.PageQueryPayload = PageQueryPayload;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100),
    __metadata("design:type", Number)
], PageQueryPayload.prototype, "limit", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    (0, class_validator_1.Matches)(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not a cursor' }),
    __metadata("design:type", String)
], PageQueryPayload.prototype, "cursor", void 0);
class ListUsersPayload extends PageQueryPayload {
}
exports.ListUsersPayload = ListUsersPayload;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(254),
    __metadata("design:type", String)
], ListUsersPayload.prototype, "query", void 0);
class ListAuditPayload extends PageQueryPayload {
}
exports.ListAuditPayload = ListAuditPayload;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], ListAuditPayload.prototype, "userId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(exports.AUDIT_TYPE_PATTERN, { message: 'type is not an event type' }),
    __metadata("design:type", String)
], ListAuditPayload.prototype, "type", void 0);
class UserIdPayload extends credential_payload_1.AuthenticatedPayload {
}
exports.UserIdPayload = UserIdPayload;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], UserIdPayload.prototype, "userId", void 0);
class UserActionPayload extends UserIdPayload {
}
exports.UserActionPayload = UserActionPayload;
__decorate([
    (0, class_validator_1.IsDefined)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => credential_payload_1.ClientInfoPayload),
    __metadata("design:type", credential_payload_1.ClientInfoPayload)
], UserActionPayload.prototype, "client", void 0);
class UpdateUserPayload extends UserActionPayload {
}
exports.UpdateUserPayload = UpdateUserPayload;
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], UpdateUserPayload.prototype, "active", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMaxSize)(16),
    (0, class_validator_1.IsString)({ each: true }),
    (0, class_validator_1.Matches)(exports.ROLE_PATTERN, { each: true, message: 'each role must be 1-32 characters of a-z, 0-9, "_" or "-"' }),
    __metadata("design:type", Array)
], UpdateUserPayload.prototype, "roles", void 0);
//# sourceMappingURL=admin.payload.js.map