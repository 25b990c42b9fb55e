import { DomainError, ErrorCode, RedisClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import type { MailKind } from '../mail/outbox-mail.entity';
import { REDIS } from '../redis/redis.tokens';

/** The contract's limit: at most 3 mails of one kind per account per hour. */
const MAILS_PER_KIND_PER_HOUR = 3;
const HOUR_SECONDS = 60 * 60;

/**
 * The mail throttles, in Redis so every replica shares them: mails of one kind per account (the excess
 * is silently not sent: the answer stays 202), and unauthenticated mail requests per client IP (the
 * excess is a 429). Each takes its slot before any work, so parallel requests cannot exceed it.
 */
@Injectable()
export class MailQuota {
  private readonly perAccount: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: RedisClient, @Inject(AUTH_CONFIG) config: AuthConfig) {
    const common = { storeClient: redis, duration: HOUR_SECONDS, inMemoryBlockOnConsumed: 0 };
    this.perAccount = new RateLimiterRedis({ ...common, keyPrefix: `${config.redisPrefix}throttle:mail`, points: MAILS_PER_KIND_PER_HOUR });
    this.perIp = new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.redisPrefix}throttle:forgot-ip`,
      points: config.lifecycle.forgotMaxPerIp,
    });
  }

  /** Takes one of the account's mails of this kind for the hour; false when they are used up (send nothing). */
  async allowMail(kind: MailKind, userId: string): Promise<boolean> {
    try {
      await this.perAccount.consume(`${kind}:${userId}`);
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
  }

  /** A read of the same shape as allowMail's, for a request with no account to count (it must not answer faster). */
  async touchNothing(): Promise<void> {
    await this.perAccount.get('none');
  }

  /** Takes one of the client IP's unauthenticated mail requests for the hour, or throws Throttled with Retry-After. */
  async takeIpSlot(ip: string): Promise<void> {
    try {
      await this.perIp.consume(ip);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new DomainError(ErrorCode.Throttled, 'Too many requests; try again later', retryAfter);
    }
  }
}
