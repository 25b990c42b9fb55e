"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SESSION_RESOLVER_OPTIONS = exports.BROADCAST_BUS = exports.AUTH_RPC_CLIENT = void 0;
exports.AUTH_RPC_CLIENT = Symbol('AUTH_RPC_CLIENT');
exports.BROADCAST_BUS = Symbol('BROADCAST_BUS');
exports.SESSION_RESOLVER_OPTIONS = Symbol('SESSION_RESOLVER_OPTIONS');
//# sourceMappingURL=auth.tokens.js.map