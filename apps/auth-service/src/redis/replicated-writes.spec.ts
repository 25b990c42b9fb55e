import { DomainError, ErrorCode } from '@app/common';
import Redis, { Cluster } from 'ioredis';
import { RedisCluster } from '../../../../test/support/redis-cluster';
import { AuthConfig, loadAuthConfig } from '../config/auth.config';
import { ReplicatedWrites } from './replicated-writes';

// The machine's real Redis, which has no replica: what a master whose replica is gone answers.
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

function writesWaitingFor(replicas: number): ReplicatedWrites {
  const config: AuthConfig = { ...loadAuthConfig({}), redisDurability: { replicas, timeoutMs: 100 } };
  return new ReplicatedWrites(redis, config);
}

afterAll(() => redis.disconnect());

describe('ReplicatedWrites', () => {
  it('acknowledges at once when no replica must confirm', async () => {
    const started = Date.now();
    await writesWaitingFor(0).confirm('any-key');
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('refuses with Unavailable and a Retry-After, not a silent success, when no replica confirms in time', async () => {
    const started = Date.now();
    const failure = await writesWaitingFor(1)
      .confirm('any-key')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: ErrorCode.Unavailable });
    expect((failure as DomainError).toWire()).toMatchObject({ code: ErrorCode.Unavailable, retryAfterSeconds: expect.any(Number) });
    // WAIT waited its timeout (100 ms) for the replica that is not there.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('lets confirmations asked at once share WAITs: ten take about two timeouts, not ten', async () => {
    const writes = writesWaitingFor(1);
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        writes.confirm('any-key').then(
          () => 'ok',
          () => 'refused',
        ),
      ),
    );
    expect(outcomes).toEqual(Array(10).fill('refused'));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(700);
  });
});

describe('ReplicatedWrites on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let client: Cluster;

  beforeAll(async () => {
    cluster = await RedisCluster.start();
    client = cluster.client();
  }, 60_000);

  afterAll(async () => {
    client?.disconnect();
    await cluster?.stop();
  });

  it('waits on the master of each key written: a frozen replica refuses its keys only', async () => {
    const config: AuthConfig = { ...loadAuthConfig({}), redisDurability: { replicas: 1, timeoutMs: 200 } };
    const writes = new ReplicatedWrites(client, config);
    const [frozenKey, liveKey] = ['{a}:session', '{b}:session'];
    const frozenShard = await cluster.shardOf(frozenKey);
    expect((await cluster.shardOf(liveKey)).master).not.toBe(frozenShard.master);
    await client.set(frozenKey, '1');
    await client.set(liveKey, '1');
    await writes.confirm(frozenKey, liveKey);

    cluster.node(frozenShard.replica).pause(true);
    try {
      await client.set(frozenKey, '2');
      await client.set(liveKey, '2');
      await expect(writes.confirm(liveKey)).resolves.toBeUndefined();
      await expect(writes.confirm(frozenKey)).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    } finally {
      cluster.node(frozenShard.replica).pause(false);
    }
  });
});
