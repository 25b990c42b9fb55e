"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createBroadcastBus = createBroadcastBus;
const common_1 = require("@nestjs/common");
const ioredis_1 = __importDefault(require("ioredis"));
const nats_1 = require("nats");
const transport_options_1 = require("./transport-options");
const logger = new common_1.Logger('BroadcastBus');
function parse(raw) {
    try {
        return JSON.parse(raw);
    }
    catch {
        return undefined;
    }
}
class RedisBroadcastBus {
    constructor(url) {
        this.handlers = new Map();
        const options = { maxRetriesPerRequest: 1, retryStrategy: () => 500, lazyConnect: false };
        this.publisher = new ioredis_1.default(url, options);
        this.subscriber = new ioredis_1.default(url, options);
        for (const connection of [this.publisher, this.subscriber]) {
            connection.on('error', (error) => logger.warn(`broadcast connection: ${error.message}`));
        }
        this.subscriber.on('message', (channel, raw) => {
            const message = parse(raw);
            for (const handler of this.handlers.get(channel) ?? [])
                handler(message);
        });
    }
    async publish(channel, message) {
        await this.publisher.publish(channel, JSON.stringify(message));
    }
    async subscribe(channel, handler) {
        const existing = this.handlers.get(channel);
        if (existing)
            existing.push(handler);
        else
            this.handlers.set(channel, [handler]);
        if (!existing)
            await this.subscriber.subscribe(channel);
    }
    async close() {
        this.publisher.disconnect();
        this.subscriber.disconnect();
    }
}
class NatsBroadcastBus {
    constructor(url) {
        this.codec = (0, nats_1.JSONCodec)();
        const parsed = new URL(url);
        this.connection = (0, nats_1.connect)({
            servers: [`nats://${parsed.host}`],
            user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
            pass: parsed.password ? decodeURIComponent(parsed.password) : undefined,
            maxReconnectAttempts: -1,
            reconnectTimeWait: 500,
        });
        this.connection.catch((error) => logger.error(`broadcast connection: ${error.message}`));
    }
    async publish(channel, message) {
        (await this.connection).publish(channel, this.codec.encode(message));
    }
    async subscribe(channel, handler) {
        (await this.connection).subscribe(channel, {
            callback: (error, message) => {
                if (!error)
                    handler(this.codec.decode(message.data));
            },
        });
    }
    async close() {
        const connection = await this.connection.catch(() => undefined);
        await connection?.drain().catch(() => undefined);
    }
}
function createBroadcastBus(url) {
    return (0, transport_options_1.transportKind)(url) === 'redis' ? new RedisBroadcastBus(url) : new NatsBroadcastBus(url);
}
//# sourceMappingURL=broadcast-bus.js.map