import Redis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';

/** A Redis server's address. */
export interface RedisEndpoint {
  host: string;
  port: number;
}

/**
 * Where a Redis is and how to reach it: one server by URL, a master found through Sentinel, or a
 * Cluster. `password` authenticates to the data nodes in every form (REDIS_PASSWORD).
 */
export type RedisConnection =
  | { mode: 'standalone'; url: string; password?: string }
  | { mode: 'sentinel'; sentinels: RedisEndpoint[]; name: string; password?: string; sentinelPassword?: string }
  | { mode: 'cluster'; nodes: RedisEndpoint[]; password?: string };

/** A client of any of the three forms: both speak the same commands. */
export type RedisClient = Redis | Cluster;

/**
 * How a client behaves: the per-connection options of ioredis (timeouts, retries, offline queue,
 * auto-pipelining). For a Cluster, `retryStrategy` becomes its `clusterRetryStrategy` and the rest
 * applies to each node's connection.
 */
export type RedisTuning = Omit<RedisOptions, 'host' | 'port' | 'password' | 'sentinels' | 'name' | 'sentinelPassword'>;

const describeEndpoints = (endpoints: RedisEndpoint[]): string => endpoints.map(({ host, port }) => `${host}:${port}`).join(',');

/** Parses `host:port,host:port` (IPv6 as `[addr]:port`); throws naming the bad entry. */
export function parseRedisEndpoints(value: string): RedisEndpoint[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('names no host:port');
  return entries.map((entry) => {
    const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65535) throw new Error(`"${entry}" is not host:port`);
    return { host: match[1] ?? match[2], port };
  });
}

/** A one-line description without secrets, for logs and start-up errors. */
export function describeRedisConnection(connection: RedisConnection): string {
  if (connection.mode === 'sentinel') return `Sentinel ${describeEndpoints(connection.sentinels)} (master "${connection.name}")`;
  if (connection.mode === 'cluster') return `Cluster ${describeEndpoints(connection.nodes)}`;
  return connection.url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** Whether the data nodes are reached with a password (required in production). */
export function redisHasPassword(connection: RedisConnection): boolean {
  if (connection.password) return true;
  return connection.mode === 'standalone' && URL.canParse(connection.url) && new URL(connection.url).password !== '';
}

function clusterOptions(password: string | undefined, tuning: RedisTuning): ClusterOptions {
  const { retryStrategy, enableAutoPipelining, enableOfflineQueue, lazyConnect, ...perNode } = tuning;
  return {
    redisOptions: { ...perNode, password },
    clusterRetryStrategy: retryStrategy ? (attempt) => retryStrategy(attempt) ?? null : undefined,
    enableAutoPipelining,
    enableOfflineQueue,
    lazyConnect,
    // Only masters: a replica's answer may lag behind a write this service just made.
    scaleReads: 'master',
  };
}

/**
 * The one way this system opens a Redis connection, for every form. Sentinel: ioredis asks the
 * sentinels for the current master at every (re)connection, so it finds the new one after a failover;
 * a master demoted while this client stayed connected answers writes with READONLY, which reconnects.
 * (Not ioredis's failoverDetector: a switch announced while the client is reconnecting closes the
 * connector under it, and the client ends for good; seen once in five runs of the failover test.)
 */
export function createRedisClient(connection: RedisConnection, tuning: RedisTuning = {}): RedisClient {
  if (connection.mode === 'cluster') return new Cluster(connection.nodes, clusterOptions(connection.password, tuning));
  if (connection.mode === 'sentinel') {
    return new Redis({
      ...tuning,
      sentinels: connection.sentinels,
      name: connection.name,
      password: connection.password,
      sentinelPassword: connection.sentinelPassword,
      reconnectOnError: (error) => error.message.startsWith('READONLY'),
      // A sentinel that does not answer is skipped quickly for the next one.
      sentinelCommandTimeout: 1000,
    });
  }
  const options: RedisOptions = { ...tuning };
  // A password in the URL wins; REDIS_PASSWORD fills in when the URL has none (config refuses both differing).
  if (connection.password && !new URL(connection.url).password) options.password = connection.password;
  return new Redis(connection.url, options);
}
