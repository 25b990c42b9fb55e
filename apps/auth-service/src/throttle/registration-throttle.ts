import { DomainError, ErrorCode, RedisClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';
import { AttemptLimiter } from './attempt-limiter';

/**
 * Registrations per client IP in a fixed window, in Redis. Every registration counts, whatever its
 * outcome, and is counted before the password policy, the uniqueness check or bcrypt: a taken name
 * or email answered 409 is an oracle, and a burst of sign-ups is CPU.
 */
@Injectable()
export class RegistrationThrottle {
  private readonly byIp: AttemptLimiter;

  constructor(@Inject(REDIS) redis: RedisClient, @Inject(AUTH_CONFIG) config: AuthConfig) {
    const { maxPerIp, windowSeconds } = config.registrationThrottle;
    this.byIp = new AttemptLimiter(redis, `${config.redisPrefix}throttle:register-ip:`, {
      limit: maxPerIp,
      windowSeconds,
      waitMs: config.transportTimeoutMs / 2,
      attemptLifetimeMs: config.transportTimeoutMs,
    });
  }

  /** Counts one registration from this IP, or throws Throttled (with Retry-After) when its window is full. */
  async count(ip: string): Promise<void> {
    const taken = await this.byIp.take(ip);
    if ('retryAfterSeconds' in taken) {
      throw new DomainError(ErrorCode.Throttled, 'Too many registrations from this address; try again later', taken.retryAfterSeconds);
    }
    if ('busy' in taken) throw new DomainError(ErrorCode.Unavailable, 'Too many registrations at once; try again shortly', 1);
    await this.byIp.settle(taken.attempt, 'failed');
  }
}
