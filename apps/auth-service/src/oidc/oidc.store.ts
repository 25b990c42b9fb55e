import type { OidcModel, RedisClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.tokens';
import { GRANTABLE_MODELS, oidcKeys } from './oidc-keys';

/**
 * oidc-provider's storage (its Adapter interface) on the sessions' Redis, so that any gateway
 * replica serves any step of a flow. Every command names one key, for Redis Cluster.
 */
@Injectable()
export class OidcStore {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) config: AuthConfig,
  ) {
    this.prefix = config.redisPrefix;
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

  /** Marks a code or token used; HSETNX keeps the first use's time when two race. */
  async consume(model: OidcModel, id: string): Promise<void> {
    const key = oidcKeys.model(this.prefix, model, id);
    if ((await this.redis.exists(key)) === 1) await this.redis.hsetnx(key, 'consumed', Math.floor(Date.now() / 1000));
  }

  async destroy(model: OidcModel, id: string): Promise<void> {
    await this.redis.del(oidcKeys.model(this.prefix, model, id));
  }

  /** Deletes every code and token issued under a grant, and the grant itself. */
  async revokeByGrantId(grantId: string): Promise<void> {
    const grantKey = oidcKeys.grant(this.prefix, grantId);
    const keys = await this.redis.smembers(grantKey);
    await Promise.all([...keys, grantKey, oidcKeys.model(this.prefix, 'Grant', grantId)].map((key) => this.redis.del(key)));
  }

  /** A set lives as long as its longest-lived member. */
  private async extendTo(key: string, seconds: number): Promise<void> {
    const ttl = await this.redis.ttl(key);
    if (ttl < seconds) await this.redis.expire(key, seconds);
  }
}
