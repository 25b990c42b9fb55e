import { RedisClient, generateToken } from '@app/common';
import { SETTLE_ATTEMPT, TAKE_ATTEMPT } from './throttle.scripts';

type ScriptCall = (...keysAndArgs: string[]) => Promise<unknown>;

interface ScriptedRedis {
  takeAttempt: ScriptCall;
  settleAttempt: ScriptCall;
}

/** An attempt in flight, to be settled once its verdict is known. */
export interface Attempt {
  name: string;
  id: string;
}

export interface AttemptLimits {
  /** Failures per window. */
  limit: number;
  windowSeconds: number;
  /** How long a request waits for attempts in flight to reach a verdict. */
  waitMs: number;
  /** How long an attempt in flight is presumed alive (its replica may die holding it). */
  attemptLifetimeMs: number;
}

/** What a take answers: the attempt, or the seconds until the window ends. */
export type TakeResult = { attempt: Attempt } | { retryAfterSeconds: number } | { busy: true };

/** How often a waiting request asks again (plus as much jitter); a settle on this replica wakes it at once. */
const POLL_MS = 50;

/**
 * Failures per name in a fixed window, in Redis, with the attempts in flight counted too: an attempt is
 * taken before the work it limits (a bcrypt check) only while failures + attempts in flight are below the
 * limit, so however many requests arrive at once, on however many replicas, no more than the limit can
 * have been evaluated when the last failure is counted. A request that finds every remaining slot in
 * flight waits (up to `waitMs`) for their verdicts instead of being refused: 50 people behind one shared
 * account logging in at once are queued, a burst of guesses stops at the limit.
 */
export class AttemptLimiter {
  private readonly scripts: ScriptedRedis;
  /** Requests of this replica waiting for a name's attempts in flight: woken by a settle here, else by the poll. */
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(
    redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly limits: AttemptLimits,
  ) {
    redis.defineCommand('takeAttempt', { numberOfKeys: 2, lua: TAKE_ATTEMPT });
    redis.defineCommand('settleAttempt', { numberOfKeys: 2, lua: SETTLE_ATTEMPT });
    this.scripts = redis as unknown as ScriptedRedis;
  }

  /**
   * Takes an attempt, waiting while the remaining slots are all in flight; answers the seconds left in
   * the window when throttled, or `busy` when the attempts in flight did not settle within `waitMs`.
   */
  async take(name: string): Promise<TakeResult> {
    const deadline = Date.now() + this.limits.waitMs;
    for (;;) {
      const result = await this.tryTake(name);
      if (!('busy' in result) || Date.now() >= deadline) return result;
      await this.nextChance(name);
    }
  }

  /** Ends an attempt: `failed` counts it, `clear` forgets the window's failures, `release` only frees its slot. */
  async settle(attempt: Attempt, outcome: 'failed' | 'clear' | 'release'): Promise<void> {
    await this.scripts.settleAttempt(...this.keys(attempt.name), attempt.id, outcome, String(this.limits.windowSeconds * 1000));
    for (const wake of this.waiting.get(attempt.name) ?? []) wake();
  }

  /** Resolves when an attempt of this name settles on this replica, or after the poll interval (another replica's). */
  private nextChance(name: string): Promise<void> {
    return new Promise((next) => {
      const waiters = this.waiting.get(name) ?? new Set<() => void>();
      this.waiting.set(name, waiters);
      const wake = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0) this.waiting.delete(name);
        next();
      };
      const timer = setTimeout(wake, POLL_MS + Math.random() * POLL_MS);
      waiters.add(wake);
    });
  }

  private async tryTake(name: string): Promise<TakeResult> {
    const now = Date.now();
    const id = generateToken(12);
    const reply = (await this.scripts.takeAttempt(
      ...this.keys(name),
      String(this.limits.limit),
      String(now),
      String(now + this.limits.attemptLifetimeMs),
      id,
    )) as [string, number?];
    if (reply[0] === 'ok') return { attempt: { name, id } };
    if (reply[0] === 'busy') return { busy: true };
    return { retryAfterSeconds: Math.max(1, Math.ceil(Number(reply[1]) / 1000)) };
  }

  /** The failures counter and the in-flight set of one name, in one Cluster slot (the name is the hash tag). */
  private keys(name: string): [string, string] {
    return [`${this.keyPrefix}{${name}}:failures`, `${this.keyPrefix}{${name}}:in-flight`];
  }
}
