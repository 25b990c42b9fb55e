import { RedisClient, generateToken, hashToken } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { ReplicatedWrites } from '../redis/replicated-writes';
import { REDIS } from '../redis/redis.tokens';
import { AccountTokenKind, accountTokenKey, latestResetKey } from './account-token-keys';

/** Whom a token was issued to, and the address its mail went to (a later change of address voids it). */
export interface TokenSubject {
  userId: string;
  email: string;
}

/** Deletes KEYS[1] only while it still holds ARGV[1]: the newest reset token is spent, a newer one is left alone. */
const DELETE_IF_EQUAL = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

interface ScriptedRedis {
  deleteIfEqual(key: string, value: string): Promise<number>;
}

/** 32 random bytes: 256 bits, base64url (43 characters), as the contract's `?token=` carries them. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function subjectOf(stored: string | null): TokenSubject | null {
  if (!stored) return null;
  try {
    const parsed = JSON.parse(stored) as Partial<TokenSubject>;
    return typeof parsed.userId === 'string' && typeof parsed.email === 'string' ? { userId: parsed.userId, email: parsed.email } : null;
  } catch {
    return null;
  }
}

/**
 * Reset and verification tokens in Redis: only their SHA-256 is stored, each lives as long as the
 * contract says, and each is spent by one atomic take (GETDEL), so of two requests with the same
 * token exactly one wins. A user's newer reset token voids the older ones. A take is acknowledged only
 * once a replica holds it (ReplicatedWrites, with Sentinel or Cluster): a failover cannot make a spent
 * token work again. A lost issue only leaves a dead link, so issues do not wait.
 */
@Injectable()
export class AccountTokens {
  private readonly prefix: string;
  private readonly durableScripts: ScriptedRedis;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly writes: ReplicatedWrites,
  ) {
    this.prefix = config.redisPrefix;
    writes.redis.defineCommand('deleteIfEqual', { numberOfKeys: 1, lua: DELETE_IF_EQUAL });
    this.durableScripts = writes.redis as unknown as ScriptedRedis;
  }

  /** A new reset token for the user; from now on it is the only one that works. */
  async issueReset(subject: TokenSubject): Promise<string> {
    const ttl = this.config.lifecycle.resetTtlSeconds;
    const token = generateToken(TOKEN_BYTES);
    const tokenHash = hashToken(token);
    // The newest hash first: a crash between the two writes leaves no token, never two live ones.
    await this.redis.set(latestResetKey(this.prefix, subject.userId), tokenHash, 'EX', ttl);
    await this.redis.set(accountTokenKey(this.prefix, 'reset', tokenHash), JSON.stringify(subject), 'EX', ttl);
    return token;
  }

  /**
   * The work of issueReset without its effect, for a forgot-password request that sends nothing: a token
   * drawn and hashed, and two Redis round trips of the same shape that write nothing.
   */
  async issueNothing(): Promise<void> {
    const tokenHash = hashToken(generateToken(TOKEN_BYTES));
    await this.redis.exists(latestResetKey(this.prefix, tokenHash));
    await this.redis.exists(accountTokenKey(this.prefix, 'reset', tokenHash));
  }

  /** Whose reset token this is, without spending it (the new password is checked before it is spent); null when it would not work. */
  async peekReset(token: string): Promise<TokenSubject | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const tokenHash = hashToken(token);
    const subject = subjectOf(await this.redis.get(accountTokenKey(this.prefix, 'reset', tokenHash)));
    if (!subject) return null;
    return (await this.redis.get(latestResetKey(this.prefix, subject.userId))) === tokenHash ? subject : null;
  }

  /** Spends a reset token: its subject if it was live and the user's newest, else null. Works once. */
  async takeReset(token: string): Promise<TokenSubject | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const tokenHash = hashToken(token);
    const subject = await this.spend(accountTokenKey(this.prefix, 'reset', tokenHash));
    if (!subject) return null;
    const latestKey = latestResetKey(this.prefix, subject.userId);
    const newest = await this.durableScripts.deleteIfEqual(latestKey, tokenHash);
    await this.writes.confirm(latestKey);
    return newest === 1 ? subject : null;
  }

  /** A new verification token for the address (several may be live: each mail's link works until used or expired). */
  async issueVerification(subject: TokenSubject): Promise<string> {
    return this.issue('verify', subject, this.config.lifecycle.verificationTtlSeconds);
  }

  /** Spends a verification token: its subject, or null when unknown, expired or spent. */
  async takeVerification(token: string): Promise<TokenSubject | null> {
    return this.take('verify', token);
  }

  private async issue(kind: AccountTokenKind, subject: TokenSubject, ttlSeconds: number): Promise<string> {
    const token = generateToken(TOKEN_BYTES);
    await this.redis.set(accountTokenKey(this.prefix, kind, hashToken(token)), JSON.stringify(subject), 'EX', ttlSeconds);
    return token;
  }

  private async take(kind: AccountTokenKind, token: string): Promise<TokenSubject | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    return this.spend(accountTokenKey(this.prefix, kind, hashToken(token)));
  }

  /** GETDEL, confirmed by a replica before the token counts as spent here. */
  private async spend(key: string): Promise<TokenSubject | null> {
    const subject = subjectOf(await this.writes.redis.getdel(key));
    if (subject) await this.writes.confirm(key);
    return subject;
  }
}
