import { PublicUser, RedisClient, generateToken, hashToken } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';
import { ReplicatedWrites } from '../redis/replicated-writes';
import { SessionField, authenticationFields, fieldsOf, fromSessionFields, toSessionFields, userFields } from './session-fields';
import { sessionKey, sessionScriptKeys, userSessionsKey } from './session-keys';
import { PEEK_SESSION, RESOLVE_SESSION, ROTATE_REFRESH, SET_IF_EXISTS } from './session.scripts';
import { StoredSession } from './stored-session';

export interface NewSession {
  user: PublicUser;
  remember: boolean;
  kind: 'browser' | 'api';
  ip: string;
  userAgent: string;
  /** How the credential check that opens it was made (RFC 8176: `['pwd']` for a password login); it happened now. */
  amr: string[];
}

export type RefreshRotation = { outcome: 'ok'; session: StoredSession } | { outcome: 'reused' | 'unknown' };

type ScriptCall = (...keysAndArgs: string[]) => Promise<unknown>;

/** The Lua scripts as ioredis commands: sent once, then run by SHA (EVALSHA), re-sent only on NOSCRIPT. */
interface ScriptedRedis {
  resolveSession: ScriptCall;
  peekSession: ScriptCall;
  rotateRefresh: ScriptCall;
  setIfExists: ScriptCall;
}

/**
 * Sessions in Redis (key names in session-keys.ts, fields in session-fields.ts): the session hash,
 * expiring at its idle/absolute deadline, its set of spent refresh-token hashes, and the user's index
 * of session ids. The user index lives in another slot; it is written first and pruned on read, so it
 * can hold stale ids but never miss a live session.
 * Creating, rotating and revoking go through ReplicatedWrites: acknowledged only once a replica has them.
 */
@Injectable()
export class SessionStore {
  private readonly scripts: ScriptedRedis;
  /** The same scripts on the connection whose writes a replica confirms. */
  private readonly durableScripts: ScriptedRedis;
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly writes: ReplicatedWrites,
  ) {
    this.scripts = SessionStore.defineScripts(redis);
    this.durableScripts = SessionStore.defineScripts(writes.redis);
    this.prefix = config.redisPrefix;
  }

  private static defineScripts(redis: RedisClient): ScriptedRedis {
    redis.defineCommand('resolveSession', { numberOfKeys: 2, lua: RESOLVE_SESSION });
    redis.defineCommand('peekSession', { numberOfKeys: 2, lua: PEEK_SESSION });
    redis.defineCommand('rotateRefresh', { numberOfKeys: 2, lua: ROTATE_REFRESH });
    redis.defineCommand('setIfExists', { numberOfKeys: 1, lua: SET_IF_EXISTS });
    return redis as unknown as ScriptedRedis;
  }

  /** Creates a session with a fresh token; returns the token (for the cookie) and the stored session. */
  async create(input: NewSession): Promise<{ token: string; session: StoredSession }> {
    const token = generateToken();
    const now = Date.now();
    const { idleTimeoutMs, absoluteLifetimeMs, rememberLifetimeMs } = this.config.session;
    const idle = input.remember ? 0 : idleTimeoutMs;
    const absoluteExpiresAt = now + (input.remember ? rememberLifetimeMs : absoluteLifetimeMs);
    const session: StoredSession = {
      id: hashToken(token),
      userId: input.user.id,
      csrfToken: generateToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: idle ? Math.min(absoluteExpiresAt, now + idle) : absoluteExpiresAt,
      absoluteExpiresAt,
      idleTimeoutMs: idle,
      remember: input.remember,
      kind: input.kind,
      ip: input.ip,
      userAgent: input.userAgent,
      authenticatedAt: now,
      amr: [...input.amr],
      user: input.user,
    };
    const index = userSessionsKey(this.prefix, session.userId);
    await this.writes.redis
      .multi()
      .zadd(index, absoluteExpiresAt, session.id)
      .pexpireat(index, absoluteExpiresAt, 'NX')
      .pexpireat(index, absoluteExpiresAt, 'GT')
      .exec();
    await this.writes.redis
      .multi()
      .hset(sessionKey(this.prefix, session.id), toSessionFields(session))
      .pexpireat(sessionKey(this.prefix, session.id), session.expiresAt)
      .exec();
    await this.writes.confirm(index, sessionKey(this.prefix, session.id));
    return { token, session };
  }

  /** The live session a cookie token names, sliding its idle deadline. */
  resolveByToken(token: string): Promise<StoredSession | null> {
    return this.resolveById(hashToken(token));
  }

  /** The live session with this public id, sliding its idle deadline. */
  async resolveById(id: string): Promise<StoredSession | null> {
    const keys = sessionScriptKeys(this.prefix, id);
    const reply = await this.scripts.resolveSession(...keys, String(Date.now()), String(this.config.session.touchIntervalMs));
    return fromSessionFields(id, fieldsOf(reply));
  }

  /** The live session with this id, without counting as use. */
  async peek(id: string): Promise<StoredSession | null> {
    const reply = await this.scripts.peekSession(...sessionScriptKeys(this.prefix, id), String(Date.now()));
    return fromSessionFields(id, fieldsOf(reply));
  }

  /** Deletes one session; answers the owner's id if it existed. */
  async revoke(id: string): Promise<string | null> {
    const userId = await this.redis.hget(sessionKey(this.prefix, id), SessionField.userId);
    await this.writes.redis.del(...sessionScriptKeys(this.prefix, id));
    await this.writes.confirm(sessionKey(this.prefix, id));
    if (userId) await this.redis.zrem(userSessionsKey(this.prefix, userId), id);
    return userId;
  }

  /** Deletes every session of a user (but `exceptId`); answers the ids revoked. */
  async revokeAllForUser(userId: string, exceptId?: string): Promise<string[]> {
    const index = userSessionsKey(this.prefix, userId);
    const ids = (await this.redis.zrange(index, '0', '-1')).filter((id) => id !== exceptId);
    if (ids.length === 0) return [];
    await Promise.all(ids.map((id) => this.writes.redis.del(...sessionScriptKeys(this.prefix, id))));
    await this.writes.confirm(...ids.map((id) => sessionKey(this.prefix, id)));
    await this.redis.zrem(index, ...ids);
    return ids;
  }

  /** The user's live sessions, newest first; pruning index entries whose session is gone. */
  async listForUser(userId: string): Promise<StoredSession[]> {
    const index = userSessionsKey(this.prefix, userId);
    await this.redis.zremrangebyscore(index, '-inf', Date.now());
    const ids = await this.redis.zrange(index, '0', '-1');
    const sessions = await Promise.all(ids.map((id) => this.peek(id)));
    const gone = ids.filter((_, i) => sessions[i] === null);
    if (gone.length) await this.redis.zrem(index, ...gone);
    return sessions.filter((s): s is StoredSession => s !== null).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Rewrites the user snapshot on each of the user's sessions (after a roles change or a login). */
  async updateUserSnapshot(user: PublicUser): Promise<void> {
    const ids = await this.redis.zrange(userSessionsKey(this.prefix, user.id), '0', '-1');
    const pairs = Object.entries(userFields(user)).flat();
    await Promise.all(ids.map((id) => this.durableScripts.setIfExists(sessionKey(this.prefix, id), ...pairs)));
    await this.writes.confirm(...ids.map((id) => sessionKey(this.prefix, id)));
  }

  /**
   * Records a new credential check on a live session (re-authentication, a second factor): `at` and the
   * session's whole `amr`. A revoked or expired session stays gone; answers whether it was live.
   */
  async markAuthenticated(id: string, at: number, amr: readonly string[]): Promise<boolean> {
    const pairs = Object.entries(authenticationFields(at, amr)).flat();
    const live = (await this.durableScripts.setIfExists(sessionKey(this.prefix, id), ...pairs)) === 1;
    await this.writes.confirm(sessionKey(this.prefix, id));
    return live;
  }

  /** Sets the hash of the session's current refresh secret. */
  async setRefreshHash(id: string, refreshHash: string): Promise<boolean> {
    const set = (await this.durableScripts.setIfExists(sessionKey(this.prefix, id), SessionField.refreshHash, refreshHash)) === 1;
    await this.writes.confirm(sessionKey(this.prefix, id));
    return set;
  }

  /** Spends the presented refresh secret and installs the new one, atomically. */
  async rotateRefresh(id: string, presentedHash: string, nextHash: string): Promise<RefreshRotation> {
    const keys = sessionScriptKeys(this.prefix, id);
    const reply = (await this.durableScripts.rotateRefresh(...keys, String(Date.now()), presentedHash, nextHash)) as unknown[];
    const outcome = String(reply[0]);
    if (outcome !== 'ok') return { outcome: outcome === 'reused' ? 'reused' : 'unknown' };
    // The presented secret is spent only once a replica knows it: a failover must not make it valid again.
    await this.writes.confirm(keys[0]);
    const session = fromSessionFields(id, fieldsOf(reply.slice(1)));
    return session ? { outcome: 'ok', session } : { outcome: 'unknown' };
  }
}
