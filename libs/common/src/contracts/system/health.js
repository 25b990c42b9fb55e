"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HealthPayload = void 0;
const message_payload_1 = require("../message.payload");
class HealthPayload extends message_payload_1.MessagePayload {
}
exports.HealthPayload = HealthPayload;
//# sourceMappingURL=health.js.map