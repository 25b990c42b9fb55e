import type { OidcModel, RedisClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { ReplicatedWrites } from '../redis/replicated-writes';
import { REDIS } from '../redis/redis.tokens';
import { GRANTABLE_MODELS, oidcKeys } from './oidc-keys';

/** Marks a model instance used, only if it still exists (a destroyed one stays gone): KEYS[1], ARGV[1] = the time. */
const CONSUME_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[1], 'consumed', ARGV[1])
`;

type ScriptedRedis = RedisClient & { consumeIfExists(key: string, at: string): Promise<number> };

/**
 * oidc-provider's storage (its Adapter interface) on the sessions' Redis, so that any gateway
 * replica serves any step of a flow. Every command names one key, for Redis Cluster.
 *
 * Spending and ending go through ReplicatedWrites, as a session's refresh token and an account link
 * do: a code or refresh token used, a token destroyed, a grant revoked are answered only once a
 * replica holds the change (with Sentinel or Cluster), so a failover cannot make a spent code or a
 * revoked grant work again. Issuing does not wait: a lost issue only breaks the flow it was for.
 */
@Injectable()
export class OidcStore {
  private readonly prefix: string;
  private readonly durable: ScriptedRedis;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly writes: ReplicatedWrites,
    @Inject(AUTH_CONFIG) config: AuthConfig,
  ) {
    this.prefix = config.redisPrefix;
    writes.redis.defineCommand('consumeIfExists', { numberOfKeys: 1, lua: CONSUME_IF_EXISTS });
    this.durable = writes.redis as ScriptedRedis;
  }

  async upsert(model: OidcModel, id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void> {
    const key = oidcKeys.model(this.prefix, model, id);
    await this.redis.multi().del(key).hset(key, 'payload', JSON.stringify(payload)).expire(key, expiresIn).exec();
    const writes: Array<Promise<unknown>> = [];
    const grantId = typeof payload.grantId === 'string' ? payload.grantId : undefined;
    if (grantId && GRANTABLE_MODELS.has(model)) {
      const grantKey = oidcKeys.grant(this.prefix, grantId);
      writes.push(this.redis.sadd(grantKey, key), this.extendTo(grantKey, expiresIn));
    }
    if (typeof payload.uid === 'string') writes.push(this.redis.set(oidcKeys.uid(this.prefix, model, payload.uid), id, 'EX', expiresIn));
    await Promise.all(writes);
  }

  async find(model: OidcModel, id: string): Promise<Record<string, unknown> | null> {
    const stored = await this.redis.hgetall(oidcKeys.model(this.prefix, model, id));
    if (!stored.payload) return null;
    const payload = JSON.parse(stored.payload) as Record<string, unknown>;
    return stored.consumed ? { ...payload, consumed: Number(stored.consumed) } : payload;
  }

  async findByUid(model: OidcModel, uid: string): Promise<Record<string, unknown> | null> {
    const id = await this.redis.get(oidcKeys.uid(this.prefix, model, uid));
    return id ? this.find(model, id) : null;
  }

  /** Marks a code or token used (HSETNX keeps the first use's time when two race), confirmed by a replica. */
  async consume(model: OidcModel, id: string): Promise<void> {
    const key = oidcKeys.model(this.prefix, model, id);
    await this.durable.consumeIfExists(key, String(Math.floor(Date.now() / 1000)));
    await this.writes.confirm(key);
  }

  async destroy(model: OidcModel, id: string): Promise<void> {
    const key = oidcKeys.model(this.prefix, model, id);
    await this.durable.del(key);
    await this.writes.confirm(key);
  }

  /** Deletes every code and token issued under a grant, and the grant itself, confirmed by a replica. */
  async revokeByGrantId(grantId: string): Promise<void> {
    const grantKey = oidcKeys.grant(this.prefix, grantId);
    const keys = [...(await this.redis.smembers(grantKey)), grantKey, oidcKeys.model(this.prefix, 'Grant', grantId)];
    await Promise.all(keys.map((key) => this.durable.del(key)));
    await this.writes.confirm(...keys);
  }

  /** A set lives as long as its longest-lived member. */
  private async extendTo(key: string, seconds: number): Promise<void> {
    const ttl = await this.redis.ttl(key);
    if (ttl < seconds) await this.redis.expire(key, seconds);
  }
}
