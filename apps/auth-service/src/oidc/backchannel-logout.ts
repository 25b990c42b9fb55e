import type { RedisClient } from '@app/common';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { PollLoop } from '../background/poll-loop';
import { retryDelayMs } from '../mail/retry-schedule';
import { REDIS } from '../redis/redis.tokens';
import { JWT_ALGORITHM, SigningKeys } from '../tokens/signing-keys';
import { oidcKeys } from './oidc-keys';

/** A grant that ended, as its link recorded it. */
export interface LoggedOutGrant {
  grantId: string;
  userId: string;
  clientId: string;
  backchannelLogoutUri?: string;
  /** The `sid` the client's ID tokens carry (the provider's session, per client). */
  oidcSessionId?: string;
}

/** One logout token to send, as queued: `failures` attempts have failed so far. */
interface Delivery {
  id: string;
  failures: number;
  grant: LoggedOutGrant;
}

/** Attempts before a client that stays down is given up (the backoff reaches its 10-minute cap by then: about 40 minutes in all). */
export const BACKCHANNEL_MAX_ATTEMPTS = 12;
/** How often each replica looks for due deliveries (a new one is tried at once). */
const POLL_INTERVAL_MS = 1000;
const REQUEST_TIMEOUT_MS = 5_000;
/** A claim holds a delivery this long: far beyond one request's timeout, so only a dead replica's claims lapse. */
const CLAIM_MS = 30_000;
const BATCH_SIZE = 20;
const SHUTDOWN_WAIT_MS = 5_000;
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Takes the due deliveries and pushes each one's score past its claim, in one step: two replicas never take the same one. */
const CLAIM_DUE = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), member) end
return due`;

type QueueRedis = RedisClient & {
  claimDueBackchannel(key: string, now: string, claimMs: string, limit: string): Promise<string[]>;
};

/**
 * OpenID Connect Back-Channel Logout: a logout token (signed with the ID tokens' key) POSTed to each
 * client whose grant ended. The deliveries are queued in Redis (a sorted set scored by when each is
 * due), so a client that is down is retried with backoff by whichever auth-service replica polls
 * next, a restart loses nothing, and a logout never waits for a client.
 */
@Injectable()
export class BackchannelLogout implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BackchannelLogout.name);
  private readonly redis: QueueRedis;
  private readonly queueKey: string;
  private readonly loop = new PollLoop({
    name: 'back-channel logout queue',
    intervalMs: POLL_INTERVAL_MS,
    logger: this.logger,
    round: () => this.drain(),
  });

  constructor(
    @Inject(REDIS) redis: RedisClient,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly keys: SigningKeys,
  ) {
    redis.defineCommand('claimDueBackchannel', { numberOfKeys: 1, lua: CLAIM_DUE });
    this.redis = redis as QueueRedis;
    this.queueKey = oidcKeys.backchannelQueue(config.redisPrefix);
  }

  onApplicationBootstrap(): void {
    this.loop.start(0);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop(SHUTDOWN_WAIT_MS);
  }

  /** Queues a logout token for each grant whose client asked for them, and tries them at once. */
  async deliver(grants: readonly LoggedOutGrant[]): Promise<void> {
    const queued = grants.filter((grant) => grant.backchannelLogoutUri);
    if (!queued.length) return;
    const now = Date.now();
    await this.redis.zadd(this.queueKey, ...queued.flatMap((grant) => [now, member({ id: randomUUID(), failures: 0, grant })]));
    this.loop.nudge();
  }

  /** Claims and attempts due deliveries in batches until one is not full. */
  private async drain(): Promise<void> {
    let claimed: string[];
    do {
      claimed = await this.redis.claimDueBackchannel(this.queueKey, String(Date.now()), String(CLAIM_MS), String(BATCH_SIZE));
      await Promise.all(claimed.map((claim) => this.attempt(claim)));
    } while (claimed.length === BATCH_SIZE && !this.loop.stopping);
  }

  private async attempt(claim: string): Promise<void> {
    const delivery = JSON.parse(claim) as Delivery;
    const { grant } = delivery;
    const log = { clientId: grant.clientId, deliveryId: delivery.id, attempt: delivery.failures + 1 };
    try {
      const response = await fetch(grant.backchannelLogoutUri!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: await this.logoutToken(grant) }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      await this.redis.zrem(this.queueKey, claim);
      this.logger.debug(log, `back-channel logout delivered to client ${grant.clientId}`);
    } catch (error) {
      const failures = delivery.failures + 1;
      const reason = (error as Error).message;
      if (failures >= BACKCHANNEL_MAX_ATTEMPTS) {
        await this.redis.zrem(this.queueKey, claim);
        this.logger.warn({ ...log, reason }, `back-channel logout to client ${grant.clientId} given up after ${failures} attempts`);
        return;
      }
      const delay = retryDelayMs(failures);
      await this.redis
        .multi()
        .zrem(this.queueKey, claim)
        .zadd(this.queueKey, Date.now() + delay, member({ ...delivery, failures }))
        .exec();
      this.logger.log({ ...log, reason }, `back-channel logout to client ${grant.clientId} failed; retrying in ${delay} ms`);
    }
  }

  private logoutToken(grant: LoggedOutGrant): Promise<string> {
    const key = this.keys.current();
    const claims: Record<string, unknown> = { events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } };
    if (grant.oidcSessionId) claims.sid = grant.oidcSessionId;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: JWT_ALGORITHM, kid: key.kid, typ: 'logout+jwt' })
      .setIssuer(this.config.mail.publicBaseUrl)
      .setAudience(grant.clientId)
      .setSubject(grant.userId)
      .setIssuedAt()
      .setExpirationTime('2m')
      .setJti(randomUUID())
      .sign(key.privateKey);
  }
}

function member(delivery: Delivery): string {
  return JSON.stringify(delivery);
}
