import { RedisClient, RedisTuning, createRedisClient, describeRedisConnection, transportKind } from '@app/common';
import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { ReplicatedWrites } from './replicated-writes';
import { DURABLE_REDIS, REDIS } from './redis.tokens';

export { DURABLE_REDIS, REDIS } from './redis.tokens';

const logger = new Logger('Redis');

// Fail fast while Redis is away (the caller answers 503 within the gateway's 2 s budget), and keep
// reconnecting in the background: a command queued while disconnected fails at the next failed
// reconnect (≤ 500 ms), none is retried, and none waits more than a second for an answer.
const TUNING: RedisTuning = {
  maxRetriesPerRequest: 0,
  enableOfflineQueue: true,
  connectTimeout: 1000,
  commandTimeout: 1000,
  retryStrategy: (attempt) => Math.min(attempt * 50, 500),
  enableAutoPipelining: true,
};

function open(config: AuthConfig, tuning: RedisTuning): RedisClient {
  const client = createRedisClient(config.redis, tuning);
  client.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
  return client;
}

/**
 * The Redis connections for sessions, refresh tokens and throttle counters (one server, Sentinel or
 * Cluster). The writes a replica must confirm get a connection of their own: WAIT holds up the
 * connection it is sent on, and must not hold up every other request's reads behind it.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AUTH_CONFIG],
      useFactory: (config: AuthConfig) => {
        logger.log(
          `sessions on ${describeRedisConnection(config.redis)}; writes confirmed by ${config.redisDurability.replicas} replica(s)`,
        );
        if (config.redis.mode === 'sentinel' && transportKind(config.transportUrl) === 'redis') {
          logger.warn('TRANSPORT_URL names one Redis: the transport does not follow a Sentinel failover (a NATS cluster does)');
        }
        return open(config, TUNING);
      },
    },
    {
      provide: DURABLE_REDIS,
      inject: [AUTH_CONFIG, REDIS],
      useFactory: (config: AuthConfig, shared: RedisClient) => {
        const { replicas, timeoutMs } = config.redisDurability;
        // Queued WAITs run one after another: the last one may wait its own timeout after the others'.
        return replicas > 0 ? open(config, { ...TUNING, commandTimeout: TUNING.commandTimeout! + timeoutMs }) : shared;
      },
    },
    ReplicatedWrites,
  ],
  exports: [REDIS, DURABLE_REDIS, ReplicatedWrites],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(DURABLE_REDIS) private readonly durable: RedisClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const clients = new Set([this.redis, this.durable]);
    await Promise.all([...clients].map((client) => client.quit().catch(() => client.disconnect())));
  }
}
