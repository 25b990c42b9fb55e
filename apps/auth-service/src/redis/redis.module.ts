import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';

/** Injection token for the ioredis client the session store and throttles share. */
export const REDIS = Symbol('REDIS');

const logger = new Logger('Redis');

/** One ioredis connection for sessions, refresh tokens and throttle counters. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AUTH_CONFIG],
      useFactory: (config: AuthConfig) => {
        const client = new Redis(config.redisUrl, {
          // Fail fast while Redis is away (the caller answers 503 within the gateway's 2 s budget), and keep
          // reconnecting in the background: a command queued while disconnected fails at the next failed
          // reconnect (≤ 500 ms), none is retried, and none waits more than a second for an answer.
          maxRetriesPerRequest: 0,
          enableOfflineQueue: true,
          connectTimeout: 1000,
          commandTimeout: 1000,
          retryStrategy: (attempt) => Math.min(attempt * 50, 500),
          enableAutoPipelining: true,
        });
        client.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
        return client;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
