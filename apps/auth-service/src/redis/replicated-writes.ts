import { DEPENDENCY_RETRY_AFTER_SECONDS, DomainError, ErrorCode, RedisClient } from '@app/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { DURABLE_REDIS } from './redis.tokens';

/** At most one warning per this many ms: during an outage every write would log one. */
const WARN_INTERVAL_MS = 1000;

/**
 * The writes that create, rotate or revoke a session are acknowledged only once a replica holds them,
 * so a Sentinel or Cluster failover cannot lose what a client was told had happened. They go through
 * `redis` (a connection of their own); `confirm` then sends WAIT on that same connection (WAIT counts
 * the writes of the connection it is sent on). A replica that does not confirm in time is a 503
 * (Unavailable), never a silent success: the write may still be on the master, and the client retries.
 */
@Injectable()
export class ReplicatedWrites {
  private readonly logger = new Logger(ReplicatedWrites.name);
  private lastWarning = 0;
  /** The WAIT on the way (one server), and the one that will follow it for the writes made meanwhile. */
  private inFlight?: Promise<number>;
  private queued?: Promise<number>;

  constructor(
    @Inject(DURABLE_REDIS) readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Waits until the configured number of replicas hold every write made so far on the nodes of `keys`. */
  async confirm(...keys: string[]): Promise<void> {
    const { replicas, timeoutMs } = this.config.redisDurability;
    if (replicas === 0) return;
    let confirmed: number;
    try {
      confirmed = Math.min(...(await this.acknowledgements(keys, replicas, timeoutMs)));
    } catch (error) {
      confirmed = 0;
      this.warn(`WAIT failed: ${(error as Error).message}`);
    }
    if (confirmed >= replicas) return;
    this.warn(`${confirmed} of ${replicas} replica(s) confirmed a session write within ${timeoutMs} ms`);
    throw new DomainError(
      ErrorCode.Unavailable,
      'The session store could not confirm the change; try again shortly',
      DEPENDENCY_RETRY_AFTER_SECONDS,
    );
  }

  /**
   * One WAIT per node written to. On a Cluster each key's master is another connection: a pipeline
   * holding a command on the key goes to that key's master, and the WAIT after it with it.
   */
  private async acknowledgements(keys: string[], replicas: number, timeoutMs: number): Promise<number[]> {
    const redis = this.redis;
    if (!(redis instanceof Cluster)) return [await this.groupedWait(redis, replicas, timeoutMs)];
    return Promise.all(
      [...new Set(keys)].map(async (key) => {
        const replies = (await redis.pipeline().exists(key).wait(replicas, timeoutMs).exec()) ?? [];
        const [error, acknowledged] = replies[1] ?? [new Error('no reply to WAIT')];
        if (error) throw error;
        return Number(acknowledged);
      }),
    );
  }

  /**
   * WAIT blocks its connection until it returns, so one WAIT per request would make the writes take
   * turns. Instead at most one is on the way: a confirmation asked meanwhile joins the next one, sent
   * as soon as the current one returns, which covers every write made before it (group commit).
   */
  private groupedWait(redis: Exclude<RedisClient, Cluster>, replicas: number, timeoutMs: number): Promise<number> {
    const start = (): Promise<number> => {
      const wait: Promise<number> = redis.wait(replicas, timeoutMs).finally(() => {
        if (this.inFlight === wait) this.inFlight = undefined;
      });
      this.inFlight = wait;
      return wait;
    };
    if (!this.inFlight) return start();
    this.queued ??= this.inFlight
      .catch(() => 0)
      .then(() => {
        this.queued = undefined;
        return start();
      });
    return this.queued;
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarning < WARN_INTERVAL_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }
}
