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
          // Fail fast while Redis is away (the caller answers 503), and keep reconnecting in the background.
          maxRetriesPerRequest: 1,
          enableOfflineQueue: true,
          connectTimeout: 2000,
          commandTimeout: 2000,
          retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
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
