"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.assertRedisReachable = assertRedisReachable;
exports.assertTransportReachable = assertTransportReachable;
const ioredis_1 = __importDefault(require("ioredis"));
const nats_1 = require("nats");
const transport_options_1 = require("./transport-options");
function redact(url) {
    const parsed = new URL(url);
    if (parsed.password)
        parsed.password = '***';
    return parsed.toString();
}
async function assertRedisReachable(url, purpose) {
    const client = new ioredis_1.default(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
    client.on('error', () => undefined);
    try {
        await client.connect();
        await client.ping();
    }
    catch (error) {
        throw new Error(`Cannot reach Redis (${purpose}) at ${redact(url)}: ${error.message}.\n` +
            'Start one, for example:  redis-server --daemonize yes --port 6379 --save ""\n' +
            'or with Docker:          docker compose up -d redis');
    }
    finally {
        client.disconnect();
    }
}
async function assertTransportReachable(url) {
    if ((0, transport_options_1.transportKind)(url) === 'redis')
        return assertRedisReachable(url, 'TRANSPORT_URL');
    try {
        const connection = await (0, nats_1.connect)({ servers: [`nats://${new URL(url).host}`], timeout: 2000, reconnect: false });
        await connection.close();
    }
    catch (error) {
        throw new Error(`Cannot reach NATS at ${redact(url)}: ${error.message}.\n` +
            'Start one, for example:  nats-server -a 127.0.0.1 -p 4222   (or: docker compose up -d nats)');
    }
}
//# sourceMappingURL=dependency-check.js.map