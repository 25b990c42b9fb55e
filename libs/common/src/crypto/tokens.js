"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generateToken = generateToken;
exports.hashToken = hashToken;
exports.constantTimeEquals = constantTimeEquals;
const node_crypto_1 = require("node:crypto");
function generateToken(bytes = 32) {
    return (0, node_crypto_1.randomBytes)(bytes).toString('base64url');
}
function hashToken(token) {
    return (0, node_crypto_1.createHash)('sha256').update(token, 'utf8').digest('base64url');
}
function constantTimeEquals(a, b) {
    const left = Buffer.from(a, 'utf8');
    const right = Buffer.from(b, 'utf8');
    if (left.length !== right.length)
        return false;
    return (0, node_crypto_1.timingSafeEqual)(left, right);
}
//# sourceMappingURL=tokens.js.map