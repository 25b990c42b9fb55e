import { OidcLinkGrantPayload, RedisClient } from '@app/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.tokens';
import { BackchannelLogout, LoggedOutGrant } from './backchannel-logout';
import { oidcKeys } from './oidc-keys';
import { OidcStore } from './oidc.store';

/** Longest a link is kept: the refresh tokens' lifetime (the grant is gone by then anyway). */
const LINK_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * The grants made through each gateway session (and for each user): when a session ends here —
 * logout, revocation, disable, password reset, or simply expiry (ExpiredSessionGrants) — its grants
 * end too, and the clients that asked for it are sent a back-channel logout token (queued, never
 * waited for).
 */
@Injectable()
export class OidcGrants {
  private readonly logger = new Logger(OidcGrants.name);
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) config: AuthConfig,
    private readonly store: OidcStore,
    private readonly backchannel: BackchannelLogout,
  ) {
    this.prefix = config.redisPrefix;
  }

  /** Records a grant under its session and its user (again on each use: the latest `sid` wins), and watches the session for expiry. */
  async link({ grantId, sessionId, userId, clientId, backchannelLogoutUri, oidcSessionId }: OidcLinkGrantPayload): Promise<void> {
    const record = JSON.stringify({ grantId, userId, clientId, backchannelLogoutUri, oidcSessionId } satisfies LoggedOutGrant);
    const sessionKey = oidcKeys.sessionGrants(this.prefix, sessionId);
    const userKey = oidcKeys.userGrants(this.prefix, userId);
    await Promise.all([
      this.redis.hset(sessionKey, grantId, record),
      this.redis.expire(sessionKey, LINK_TTL_SECONDS),
      this.redis.hset(userKey, grantId, record),
      this.redis.expire(userKey, LINK_TTL_SECONDS),
      // First checked at the next sweep, which then scores it by the session's own expiry.
      this.redis.zadd(oidcKeys.sessionWatch(this.prefix), 'NX', Date.now(), sessionId),
    ]);
  }

  /** Ends the grants of these sessions (and, with `userId`, every grant of that user). Never throws. */
  async endFor(sessionIds: readonly string[], userId?: string): Promise<void> {
    try {
      const keys = sessionIds.map((id) => oidcKeys.sessionGrants(this.prefix, id));
      if (userId) keys.push(oidcKeys.userGrants(this.prefix, userId));
      const records = new Map<string, LoggedOutGrant>();
      for (const record of (await Promise.all(keys.map((key) => this.redis.hvals(key)))).flat()) {
        const grant = JSON.parse(record) as LoggedOutGrant;
        records.set(grant.grantId, grant);
      }
      const grants = [...records.values()];
      await Promise.all([
        ...keys.map((key) => this.redis.del(key)),
        ...(sessionIds.length ? [this.redis.zrem(oidcKeys.sessionWatch(this.prefix), ...sessionIds)] : []),
        // A grant that ended with its session is no longer the user's: disabling them later sends it no second token.
        ...grants.map((grant) => this.redis.hdel(oidcKeys.userGrants(this.prefix, grant.userId), grant.grantId)),
        ...grants.map((grant) => this.store.revokeByGrantId(grant.grantId)),
      ]);
      await this.backchannel.deliver(grants);
    } catch (error) {
      // The session itself is already gone; its grants' tokens still expire on their own.
      this.logger.error({ err: error }, 'ending the OpenID Connect grants of ended sessions failed');
    }
  }
}
