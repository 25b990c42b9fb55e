import type { RedisClient } from '@app/common';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PollLoop } from '../background/poll-loop';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.tokens';
import { SessionStore } from '../sessions/session.store';
import { oidcKeys } from './oidc-keys';
import { OidcGrants } from './oidc-grants';

/** How often each replica looks for watched sessions whose time has come. */
const SWEEP_INTERVAL_MS = 1000;
/** Sessions checked per sweep at most (the rest wait for the next). */
const BATCH_SIZE = 200;
const SHUTDOWN_WAIT_MS = 5_000;

/**
 * A gateway session that simply expires ends its grants too, as a logout would: every session with a
 * grant is watched in a sorted set scored by its expiry; a sweep looks only at the sessions due, ends
 * the grants of those that are gone, and scores the others again by their (slid) expiry. So a sweep's
 * cost follows the sessions that expire, not the sessions that exist. Two replicas sweeping the same
 * session end its grants once: only the one whose ZREM removed it goes on.
 */
@Injectable()
export class ExpiredSessionGrants implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ExpiredSessionGrants.name);
  private readonly watchKey: string;
  private readonly loop = new PollLoop({
    name: 'expired-session sweep',
    intervalMs: SWEEP_INTERVAL_MS,
    logger: this.logger,
    round: async () => {
      const ended = await this.sweep();
      if (ended) this.logger.log(`grants of ${ended} expired session(s) ended`);
    },
  });

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) config: AuthConfig,
    private readonly sessions: SessionStore,
    private readonly grants: OidcGrants,
  ) {
    this.watchKey = oidcKeys.sessionWatch(config.redisPrefix);
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop(SHUTDOWN_WAIT_MS);
  }

  /** One sweep: answers how many sessions were found gone. */
  async sweep(now = Date.now()): Promise<number> {
    const due = await this.redis.zrangebyscore(this.watchKey, '-inf', now, 'LIMIT', 0, BATCH_SIZE);
    let ended = 0;
    for (const sessionId of due) {
      const session = await this.sessions.peek(sessionId);
      if (session) {
        await this.redis.zadd(this.watchKey, 'XX', session.expiresAt, sessionId);
      } else if ((await this.redis.zrem(this.watchKey, sessionId)) === 1) {
        await this.grants.endFor([sessionId]);
        ended++;
      }
    }
    return ended;
  }
}
