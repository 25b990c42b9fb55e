import { DomainError, ErrorCode, RedisClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';
import { Attempt, AttemptLimiter, TakeResult } from './attempt-limiter';

/** How a password check ended: a wrong password is counted, a success clears the username's count, anything else only frees the slot. */
export type AttemptOutcome = 'failed' | 'succeeded' | 'abandoned';

/** The attempts a password check holds while it runs, one per counter. */
export interface LoginAttempt {
  byUsername: Attempt;
  byIp: Attempt;
}

/**
 * Failed-login counters per username and per client IP, in Redis so every replica shares them.
 * A password check takes an attempt in both before bcrypt (`reserve`), counted with those in flight,
 * so parallel requests can never get more guesses evaluated than the limit; `settle` then counts a wrong
 * password, clears the username's count on success, and only frees the slots otherwise. A throttled
 * login never costs a hash.
 */
@Injectable()
export class LoginThrottle {
  private readonly byUsername: AttemptLimiter;
  private readonly byIp: AttemptLimiter;

  constructor(@Inject(REDIS) redis: RedisClient, @Inject(AUTH_CONFIG) config: AuthConfig) {
    const { maxPerUsername, maxPerIp, windowSeconds } = config.throttle;
    // A request waits for attempts in flight as long as it may wait for a hash; one in flight lives as long as its caller waits.
    const waitMs = config.bcrypt.queueBudgetMs;
    const attemptLifetimeMs = config.bcrypt.queueBudgetMs + config.transportTimeoutMs;
    const limits = { windowSeconds, waitMs, attemptLifetimeMs };
    this.byUsername = new AttemptLimiter(redis, `${config.redisPrefix}throttle:user:`, { ...limits, limit: maxPerUsername });
    this.byIp = new AttemptLimiter(redis, `${config.redisPrefix}throttle:ip:`, { ...limits, limit: maxPerIp });
  }

  /** Takes an attempt for the username and the IP, or throws Throttled (with Retry-After) holding none. */
  async reserve(username: string, ip: string): Promise<LoginAttempt> {
    const user = await this.byUsername.take(username);
    if (!('attempt' in user)) throw LoginThrottle.refusal(user);
    const client = await this.byIp.take(ip);
    if (!('attempt' in client)) {
      await this.byUsername.settle(user.attempt, 'release');
      throw LoginThrottle.refusal(client);
    }
    return { byUsername: user.attempt, byIp: client.attempt };
  }

  /** Ends a reserved attempt. A success clears the username's count, not the IP's (one good password must not reset a spray). */
  async settle(attempt: LoginAttempt, outcome: AttemptOutcome): Promise<void> {
    const forUsername = outcome === 'failed' ? 'failed' : outcome === 'succeeded' ? 'clear' : 'release';
    await Promise.all([
      this.byUsername.settle(attempt.byUsername, forUsername),
      this.byIp.settle(attempt.byIp, outcome === 'failed' ? 'failed' : 'release'),
    ]);
  }

  /**
   * Runs the check of a secret (a password, a second-factor code) under an attempt slot for the username
   * and the IP, as a login's password check does: throttled, it throws before the check runs; a false
   * answer is counted as a failure; a true one clears the username's count when `onSuccess` is `clear`.
   */
  async guard(username: string, ip: string, check: () => Promise<boolean>, onSuccess: 'clear' | 'keep' = 'keep'): Promise<boolean> {
    const attempt = await this.reserve(username, ip);
    let outcome: AttemptOutcome = 'abandoned';
    try {
      const passed = await check();
      outcome = passed ? (onSuccess === 'clear' ? 'succeeded' : 'abandoned') : 'failed';
      return passed;
    } finally {
      await this.settle(attempt, outcome);
    }
  }

  /** Forgets the username's failures (a login completed by its second factor). */
  async clear(username: string): Promise<void> {
    await this.byUsername.settle({ name: username, id: '' }, 'clear');
  }

  /**
   * The per-IP count alone, for sign-ins without a username (passkeys): Throttled when it is at its limit.
   * A check, not a reservation: a passkey's signature cannot be guessed, so only the failures are limited.
   */
  async assertIpAllowed(ip: string): Promise<void> {
    const result = await this.byIp.take(ip);
    if (!('attempt' in result)) throw LoginThrottle.refusal(result);
    await this.byIp.settle(result.attempt, 'release');
  }

  /** Counts one failure against the IP (a refused passkey sign-in). */
  async recordIpFailure(ip: string): Promise<void> {
    await LoginThrottle.countFailure(this.byIp, ip);
  }

  /** Counts one failure against the username and the IP (a wrong second-factor code). */
  async recordFailure(username: string, ip: string): Promise<void> {
    await Promise.all([LoginThrottle.countFailure(this.byUsername, username), LoginThrottle.countFailure(this.byIp, ip)]);
  }

  /** A failure counted outside a reservation; a name already at its limit stays there. */
  private static async countFailure(limiter: AttemptLimiter, name: string): Promise<void> {
    const result = await limiter.take(name);
    if ('attempt' in result) await limiter.settle(result.attempt, 'failed');
  }

  private static refusal(result: Exclude<TakeResult, { attempt: Attempt }>): DomainError {
    if ('busy' in result) return new DomainError(ErrorCode.Unavailable, 'Too many logins at once; try again shortly', 1);
    return new DomainError(ErrorCode.Throttled, 'Too many failed login attempts; try again later', result.retryAfterSeconds);
  }
}
