import { RedisClient, generateToken, hashToken } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';

/** An mfaToken lives 5 minutes and allows 5 wrong codes (API.md, "Second factor"). */
export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const MFA_CHALLENGE_MAX_WRONG_CODES = 5;

/** `P mfa:{hash}`: the hash of a pending login's second step (the token itself is never stored). */
export function mfaChallengeKey(prefix: string, tokenHash: string): string {
  return `${prefix}mfa:{${tokenHash}}`;
}

/** The hash's fields. */
export const ChallengeField = { userId: 'u', username: 'n', remember: 'r', wrongCodes: 'w' } as const;

/** A password step that passed, waiting for its code. */
export interface PendingLogin {
  tokenHash: string;
  userId: string;
  username: string;
  remember: boolean;
}

// One more wrong code; the challenge dies at the limit. A challenge gone meanwhile is not brought back.
const COUNT_WRONG_CODE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local wrong = redis.call('HINCRBY', KEYS[1], '${ChallengeField.wrongCodes}', 1)
if wrong >= tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
return wrong`;

interface ScriptedRedis {
  countWrongMfaCode(key: string, limit: string): Promise<number>;
}

/**
 * The login's second step in Redis: an opaque token (256 bits) whose SHA-256 keys a hash with who is
 * logging in, expiring after 5 minutes; 5 wrong codes delete it; the step that passes takes it (DEL:
 * of two parallel successes, one wins).
 */
@Injectable()
export class MfaChallengeStore {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) config: AuthConfig,
  ) {
    this.prefix = config.redisPrefix;
    redis.defineCommand('countWrongMfaCode', { numberOfKeys: 1, lua: COUNT_WRONG_CODE });
  }

  async open(login: Omit<PendingLogin, 'tokenHash'>): Promise<{ token: string; expiresAt: number }> {
    const token = generateToken();
    const key = mfaChallengeKey(this.prefix, hashToken(token));
    const expiresAt = Date.now() + MFA_CHALLENGE_TTL_MS;
    await this.redis
      .multi()
      .hset(key, {
        [ChallengeField.userId]: login.userId,
        [ChallengeField.username]: login.username,
        [ChallengeField.remember]: login.remember ? '1' : '0',
        [ChallengeField.wrongCodes]: '0',
      })
      .pexpireat(key, expiresAt)
      .exec();
    return { token, expiresAt };
  }

  /** The pending login this token names, or null (unknown, expired, spent or dead). */
  async find(token: string): Promise<PendingLogin | null> {
    const tokenHash = hashToken(token);
    const fields = await this.redis.hgetall(mfaChallengeKey(this.prefix, tokenHash));
    if (!fields[ChallengeField.userId]) return null;
    return {
      tokenHash,
      userId: fields[ChallengeField.userId],
      username: fields[ChallengeField.username],
      remember: fields[ChallengeField.remember] === '1',
    };
  }

  /** A wrong code: counted, and the challenge deleted at the limit. */
  async countWrongCode(login: PendingLogin): Promise<void> {
    const scripted = this.redis as unknown as ScriptedRedis;
    await scripted.countWrongMfaCode(mfaChallengeKey(this.prefix, login.tokenHash), String(MFA_CHALLENGE_MAX_WRONG_CODES));
  }

  /** Spends the challenge; true for the one caller that did (a second attempt with the same token gets false). */
  async take(login: PendingLogin): Promise<boolean> {
    return (await this.redis.del(mfaChallengeKey(this.prefix, login.tokenHash))) === 1;
  }
}
