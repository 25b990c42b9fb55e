import { DomainError, ErrorCode, RedisClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';
import { AttemptSlots } from './attempt-slots';

/** How a reserved password check ended: a wrong password keeps its slot, anything else gives it back. */
export type AttemptOutcome = 'failed' | 'succeeded' | 'abandoned';

/**
 * Failed-login counters per username and per client IP, in Redis so every replica shares them.
 * A password check takes a slot in both before bcrypt (`reserve`), so parallel requests can never get
 * more guesses evaluated than the limit; `settle` then keeps the slot for a wrong password, clears the
 * username's count on success, and gives the slots back otherwise. A throttled login never costs a hash.
 */
@Injectable()
export class LoginThrottle {
  private readonly byUsername: AttemptSlots;
  private readonly byIp: AttemptSlots;

  constructor(@Inject(REDIS) redis: RedisClient, @Inject(AUTH_CONFIG) config: AuthConfig) {
    const { maxPerUsername, maxPerIp, windowSeconds } = config.throttle;
    this.byUsername = new AttemptSlots(redis, `${config.redisPrefix}throttle:user`, maxPerUsername, windowSeconds);
    this.byIp = new AttemptSlots(redis, `${config.redisPrefix}throttle:ip`, maxPerIp, windowSeconds);
  }

  /** Takes an attempt slot for the username and the IP, or throws Throttled (with Retry-After) and takes none. */
  async reserve(username: string, ip: string): Promise<void> {
    const userWait = await this.byUsername.reserve(username);
    if (userWait !== null) throw LoginThrottle.throttled(userWait);
    const ipWait = await this.byIp.reserve(ip);
    if (ipWait !== null) {
      await this.byUsername.release(username);
      throw LoginThrottle.throttled(ipWait);
    }
  }

  /**
   * Ends a reserved attempt. A success clears the username's count but only gives back the IP's slot
   * (one good password must not reset a spray).
   */
  async settle(username: string, ip: string, outcome: AttemptOutcome): Promise<void> {
    if (outcome === 'failed') return;
    if (outcome === 'succeeded') await Promise.all([this.byUsername.clear(username), this.byIp.release(ip)]);
    else await Promise.all([this.byUsername.release(username), this.byIp.release(ip)]);
  }

  private static throttled(retryAfterSeconds: number): DomainError {
    return new DomainError(ErrorCode.Throttled, 'Too many failed login attempts; try again later', retryAfterSeconds);
  }
}
