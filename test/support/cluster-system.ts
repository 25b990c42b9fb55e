/*
 * What the e2e-redis-cluster jest project gives the specs in place of ./system (jest.config.js maps
 * their import of test/support/system here): the same helpers, but every TestSystem runs on a Redis
 * Cluster (three masters, a replica each, a password; one per test file), PostgreSQL and a NATS server
 * of its own. After the file, it fails if any node answered CROSSSLOT or a service logged a cross-slot error.
 */
import { RedisCluster } from './redis-cluster';
import { PrivateNats, SystemOptions, TestSystem as SingleRedisSystem } from './system';

export { ADMIN, POSTGRES_URL, PrivateNats, PrivateRedis, REDIS_URL, ROOT, ServiceProcess, freePort, metricValue, waitFor } from './system';
export type { Database, ServiceName, SystemOptions } from './system';

/** The databases the specs' `describe.each(DATABASES)` walk: PostgreSQL only here. */
export const DATABASES = ['postgres'] as const;

/** Service log lines and client errors that mean a command spanned hash slots. */
const CROSS_SLOT = /CROSSSLOT|should belong to the same slot|same slots allocation group/;

/** One cluster per test file (its systems have key prefixes of their own), stopped after the file. */
let cluster: Promise<RedisCluster> | undefined;
const crossSlotLines: string[] = [];

afterAll(async () => {
  if (!cluster) return;
  const started = await cluster;
  const errors = await started.errorStats();
  await started.stop();
  expect({ crossSlotReplies: errors.CROSSSLOT ?? 0, crossSlotLines }).toEqual({ crossSlotReplies: 0, crossSlotLines: [] });
});

async function start(options: SystemOptions = {}): Promise<SingleRedisSystem> {
  cluster ??= RedisCluster.start();
  const [redis, nats] = await Promise.all([cluster, PrivateNats.start()]);
  let logs = (): string => '';
  let disposed = false;
  const dispose = async (): Promise<void> => {
    disposed = true;
    crossSlotLines.push(
      ...logs()
        .split('\n')
        .filter((line) => CROSS_SLOT.test(line)),
    );
    await nats.stop();
  };
  try {
    const system = await SingleRedisSystem.start({
      ...options,
      database: 'postgres',
      transportUrl: nats.url,
      sessionsStore: {
        env: { REDIS_CLUSTER_NODES: redis.nodesEnv, REDIS_PASSWORD: redis.password },
        client: () => redis.client(),
        dispose,
      },
    });
    logs = () => system.logs();
    return system;
  } catch (error) {
    if (!disposed) await nats.stop();
    throw error;
  }
}

/** TestSystem, started on a Redis Cluster with PostgreSQL and NATS. */
export const TestSystem = { start };
