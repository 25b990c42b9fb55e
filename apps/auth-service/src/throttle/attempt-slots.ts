import { RedisClient } from '@app/common';
import { RELEASE_SLOT, RESERVE_SLOT } from './throttle.scripts';

type ScriptCall = (key: string, ...args: string[]) => Promise<unknown>;

interface ScriptedRedis {
  reserveAttemptSlot: ScriptCall;
  releaseAttemptSlot: ScriptCall;
}

/**
 * A fixed-window counter per key in Redis, taken before the work it limits: `reserve` counts the attempt
 * atomically (or refuses, with the seconds left in the window), so however many requests arrive at once,
 * on however many replicas, no more than `limit` of them get past it in one window. An attempt that
 * should not count (a success, a request that failed for another reason) is given back with `release`.
 */
export class AttemptSlots {
  private readonly scripts: ScriptedRedis;

  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {
    redis.defineCommand('reserveAttemptSlot', { numberOfKeys: 1, lua: RESERVE_SLOT });
    redis.defineCommand('releaseAttemptSlot', { numberOfKeys: 1, lua: RELEASE_SLOT });
    this.scripts = redis as unknown as ScriptedRedis;
  }

  /** Takes a slot and answers null, or answers the seconds until one frees up (nothing taken). */
  async reserve(name: string): Promise<number | null> {
    const waitMs = Number(await this.scripts.reserveAttemptSlot(this.key(name), String(this.limit), String(this.windowSeconds * 1000)));
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : null;
  }

  /** Gives one reserved slot back. */
  async release(name: string): Promise<void> {
    await this.scripts.releaseAttemptSlot(this.key(name));
  }

  /** Forgets every attempt of the window. */
  async clear(name: string): Promise<void> {
    await this.redis.del(this.key(name));
  }

  private key(name: string): string {
    return `${this.keyPrefix}:${name}`;
  }
}
