import { RedisConnection, RedisEndpoint, parseRedisEndpoints, transportKind } from '@app/common';
import { z } from 'zod';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const DEFAULT_SENTINEL_NAME = 'mymaster';

/** `host:port,host:port`, parsed; the message names the bad entry. */
const endpoints = z.string().transform((value, context): RedisEndpoint[] => {
  try {
    return parseRedisEndpoints(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** An optional variable where an empty value counts as unset (so an override file can clear one). */
const unsetWhenEmpty = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The variables that say where the sessions' Redis is (one of three forms) and how durable its writes are. */
export const redisConfigShape = {
  REDIS_URL: unsetWhenEmpty(z.string().url()),
  REDIS_SENTINELS: unsetWhenEmpty(endpoints),
  REDIS_SENTINEL_NAME: unsetWhenEmpty(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-", at most 64')),
  REDIS_SENTINEL_PASSWORD: unsetWhenEmpty(z.string()),
  REDIS_CLUSTER_NODES: unsetWhenEmpty(endpoints),
  REDIS_PASSWORD: unsetWhenEmpty(z.string()),
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(16).optional(),
  REDIS_WAIT_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(500),
};

type RedisEnv = z.infer<z.ZodObject<typeof redisConfigShape>> & { TRANSPORT_URL: string; TRANSPORT_TIMEOUT_MS: number };

/** How many replicas must confirm the writes that create, rotate or revoke a session, and how long to wait. */
export interface RedisDurability {
  replicas: number;
  timeoutMs: number;
}

export interface RedisSettings {
  connection: RedisConnection;
  durability: RedisDurability;
}

function connectionOf(env: RedisEnv): RedisConnection {
  const password = env.REDIS_PASSWORD;
  if (env.REDIS_CLUSTER_NODES) return { mode: 'cluster', nodes: env.REDIS_CLUSTER_NODES, password };
  if (env.REDIS_SENTINELS) {
    return {
      mode: 'sentinel',
      sentinels: env.REDIS_SENTINELS,
      name: env.REDIS_SENTINEL_NAME ?? DEFAULT_SENTINEL_NAME,
      password,
      sentinelPassword: env.REDIS_SENTINEL_PASSWORD,
    };
  }
  return { mode: 'standalone', url: env.REDIS_URL ?? DEFAULT_REDIS_URL, password };
}

/** What is wrong with the combination of the Redis variables (each alone has passed its schema). */
function problemsOf(env: RedisEnv): string[] {
  const problems: string[] = [];
  const forms = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter((name) => env[name] !== undefined);
  if (forms.length > 1)
    problems.push(`${forms.join(' and ')}: set one of them, not several (they are three ways to name the sessions' Redis)`);
  if (!env.REDIS_SENTINELS && (env.REDIS_SENTINEL_NAME || env.REDIS_SENTINEL_PASSWORD)) {
    problems.push('REDIS_SENTINEL_NAME and REDIS_SENTINEL_PASSWORD apply only with REDIS_SENTINELS');
  }
  if (env.REDIS_CLUSTER_NODES && transportKind(env.TRANSPORT_URL) !== 'nats') {
    problems.push(
      'REDIS_CLUSTER_NODES: with a Redis Cluster the transport must be NATS (TRANSPORT_URL=nats://…): ' +
        'the Redis transport needs one server for its pub/sub and cannot run on a Cluster',
    );
  }
  const urlPassword = env.REDIS_URL && URL.canParse(env.REDIS_URL) ? decodeURIComponent(new URL(env.REDIS_URL).password) : '';
  if (urlPassword && env.REDIS_PASSWORD && urlPassword !== env.REDIS_PASSWORD) {
    problems.push('REDIS_URL carries a password other than REDIS_PASSWORD: give it once');
  }
  if (env.REDIS_WAIT_TIMEOUT_MS >= env.TRANSPORT_TIMEOUT_MS) {
    problems.push(
      `REDIS_WAIT_TIMEOUT_MS (${env.REDIS_WAIT_TIMEOUT_MS}) must be below TRANSPORT_TIMEOUT_MS (${env.TRANSPORT_TIMEOUT_MS}), ` +
        'or the caller gives up before a replica could confirm',
    );
  }
  return problems;
}

/**
 * The sessions' Redis from the environment. With Sentinel or Cluster (where a replica exists to take
 * over) the writes that create, rotate or revoke a session wait for one replica by default; with one
 * server by URL they do not, unless REDIS_WAIT_REPLICAS says so.
 */
export function redisSettingsOf(env: RedisEnv): { settings: RedisSettings; problems: string[] } {
  const connection = connectionOf(env);
  const replicated = connection.mode !== 'standalone';
  return {
    settings: {
      connection,
      durability: { replicas: env.REDIS_WAIT_REPLICAS ?? (replicated ? 1 : 0), timeoutMs: env.REDIS_WAIT_TIMEOUT_MS },
    },
    problems: problemsOf(env),
  };
}
