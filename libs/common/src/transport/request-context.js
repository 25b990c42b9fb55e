"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RequestContext = void 0;
const node_async_hooks_1 = require("node:async_hooks");
const node_crypto_1 = require("node:crypto");
const storage = new node_async_hooks_1.AsyncLocalStorage();
exports.RequestContext = {
    run(requestId, fn) {
        return storage.run({ requestId: requestId || (0, node_crypto_1.randomUUID)() }, fn);
    },
    requestId() {
        return storage.getStore()?.requestId;
    },
};
//# sourceMappingURL=request-context.js.map