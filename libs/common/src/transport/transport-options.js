"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.transportKind = transportKind;
exports.transportOptions = transportOptions;
const microservices_1 = require("@nestjs/microservices");
function transportKind(url) {
    const protocol = new URL(url).protocol;
    if (protocol === 'redis:' || protocol === 'rediss:')
        return 'redis';
    if (protocol === 'nats:' || protocol === 'tls:')
        return 'nats';
    throw new Error(`TRANSPORT_URL must start with redis:// or nats:// (got ${protocol})`);
}
function transportOptions(url, queue) {
    const parsed = new URL(url);
    if (transportKind(url) === 'redis') {
        return {
            transport: microservices_1.Transport.REDIS,
            options: {
                host: parsed.hostname || '127.0.0.1',
                port: Number(parsed.port || 6379),
                username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
                password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
                tls: parsed.protocol === 'rediss:' ? {} : undefined,
                retryAttempts: Number.MAX_SAFE_INTEGER,
                retryDelay: 500,
                maxRetriesPerRequest: 1,
                enableOfflineQueue: true,
            },
        };
    }
    return {
        transport: microservices_1.Transport.NATS,
        options: {
            servers: [`nats://${parsed.host}`],
            user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
            pass: parsed.password ? decodeURIComponent(parsed.password) : undefined,
            queue,
            maxReconnectAttempts: -1,
            reconnectTimeWait: 500,
        },
    };
}
//# sourceMappingURL=transport-options.js.map