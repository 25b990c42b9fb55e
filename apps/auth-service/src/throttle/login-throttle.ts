import { DomainError, ErrorCode, RedisClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';

/**
 * Failed-login counters per username and per client IP, in Redis so every replica shares them.
 * Checked before bcrypt: a throttled login never costs a hash.
 */
@Injectable()
export class LoginThrottle {
  private readonly byUsername: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(
    @Inject(REDIS) redis: RedisClient,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {
    const common = { storeClient: redis, duration: config.throttle.windowSeconds, inMemoryBlockOnConsumed: 0 };
    this.byUsername = new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.redisPrefix}throttle:user`,
      points: config.throttle.maxPerUsername,
    });
    this.byIp = new RateLimiterRedis({ ...common, keyPrefix: `${config.redisPrefix}throttle:ip`, points: config.throttle.maxPerIp });
  }

  /** Throws Throttled (with Retry-After) when either count is at its limit. */
  async assertAllowed(username: string, ip: string): Promise<void> {
    const [user, client] = await Promise.all([this.byUsername.get(username), this.byIp.get(ip)]);
    const blocked = [
      this.retryAfter(user, this.config.throttle.maxPerUsername),
      this.retryAfter(client, this.config.throttle.maxPerIp),
    ].filter((seconds): seconds is number => seconds !== null);
    if (blocked.length) {
      throw new DomainError(ErrorCode.Throttled, 'Too many failed login attempts; try again later', Math.max(...blocked));
    }
  }

  /** The per-IP count alone, for sign-ins without a username (passkeys): Throttled when it is at its limit. */
  async assertIpAllowed(ip: string): Promise<void> {
    const seconds = this.retryAfter(await this.byIp.get(ip), this.config.throttle.maxPerIp);
    if (seconds !== null) throw new DomainError(ErrorCode.Throttled, 'Too many failed sign-in attempts; try again later', seconds);
  }

  async recordIpFailure(ip: string): Promise<void> {
    await this.byIp.penalty(ip, 1);
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    await Promise.all([this.byUsername.penalty(username, 1), this.byIp.penalty(ip, 1)]);
  }

  /** A successful login clears the username's count (not the IP's: one good password must not reset a spray). */
  async clear(username: string): Promise<void> {
    await this.byUsername.delete(username);
  }

  private retryAfter(result: RateLimiterRes | null, limit: number): number | null {
    if (!result || result.consumedPoints < limit) return null;
    return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  }
}
