// Resolution at scale: /auth/me with many distinct cookies, the resolver cache off, at 1,000 and
// SCALE_SESSIONS sessions, on a private redis-server whose memory the scenario reads as well.
import Redis from 'ioredis';
import { sessionKey } from '../../apps/auth-service/src/sessions/session-keys';
import { TestSystem } from '../../test/support/system';
import { startBenchSystem } from './bench-system';
import { BenchClient } from './client';
import { LoadResult, load, round } from './load';
import { BenchResults } from './results';
import { CONNECTIONS, DURATION, SCALE_SESSIONS, STAMP, USER, WARM_UP_SECONDS } from './settings';
import { seedSessions, tokenOf } from './seed-sessions';

const SMALL = 1000;

export async function scale(results: BenchResults): Promise<void> {
  const system = await startBenchSystem({
    sessionsOnPrivateRedis: true,
    serviceEnv: { gateway: { SESSION_CACHE_TTL_MS: '0' }, 'admin-service': { SESSION_CACHE_TTL_MS: '0' } },
  });
  // One server here (sessionsOnPrivateRedis): system.redis() may also answer a Cluster client.
  const redis = new Redis(system.redisUrl);
  try {
    await measure(system, redis, results);
  } finally {
    redis.disconnect();
    await system.stop();
  }
}

async function measure(system: TestSystem, redis: Redis, results: BenchResults): Promise<void> {
  const client = new BenchClient(system.baseUrl);
  await client.request('POST', '/auth/register', { body: USER });
  const real = await client.login(USER.username, USER.password);
  const me = await client.expect(200, 'GET', '/auth/me', { cookie: real.cookie });
  const template = await redis.hgetall(sessionKey(system.prefix, me.body.session.id));
  const seed = `bench-${STAMP}`;
  const memory = async (): Promise<number> => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
  const progress = (target: number) => (n: number) => process.stderr.write(`\r  seeding sessions: ${n}/${target}`.padEnd(100));
  const seedRange = (from: number, to: number) =>
    seedSessions(redis, { prefix: system.prefix, seed, from, to, template, onProgress: progress(to) });
  const cookies = (n: number, stride: number) => Array.from({ length: n }, (_, k) => `sid=${tokenOf(seed, k * stride)}`);
  const before = await memory();
  await seedRange(0, SMALL);
  const afterSmall = await memory();
  await load('warm-up', {
    url: `${system.baseUrl}/auth/me`,
    duration: WARM_UP_SECONDS,
    connections: CONNECTIONS,
    headers: { cookie: real.cookie },
  });
  const atSmall = await rotating(system, `GET /auth/me, ${SMALL} sessions, ${SMALL} cookies, cache off`, cookies(SMALL, 1));
  const seedStarted = Date.now();
  await seedRange(SMALL, SCALE_SESSIONS);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const afterLarge = await memory();
  const distinct = Math.min(10_000, SCALE_SESSIONS);
  const atLarge = await rotating(
    system,
    `GET /auth/me, ${SCALE_SESSIONS} sessions, ${distinct} cookies, cache off`,
    cookies(distinct, Math.floor(SCALE_SESSIONS / distinct)),
  );
  // The first phase's 1,000 cookies again, now among 1,000,000: tells Redis's size from the spread of keys touched.
  const sameCookies = await rotating(
    system,
    `GET /auth/me, ${SCALE_SESSIONS} sessions, the same ${SMALL} cookies, cache off`,
    cookies(SMALL, 1),
  );
  results.scenarios.scale = {
    small: { sessions: SMALL, cookies: SMALL, ...atSmall },
    large: { sessions: SCALE_SESSIONS, cookies: distinct, ...atLarge },
    largeSameCookies: { sessions: SCALE_SESSIONS, cookies: SMALL, ...sameCookies },
    ratio: round(atLarge.requestsPerSecond / atSmall.requestsPerSecond, 3),
    seedSeconds: round(seedSeconds, 1),
  };
  results.memory.redis = {
    usedMemoryBefore: before,
    bytesPerSessionAt1000: round((afterSmall - before) / SMALL, 0),
    bytesPerSessionAtScale: round((afterLarge - before) / SCALE_SESSIONS, 0),
    sessions: SCALE_SESSIONS,
    note: 'used_memory of a private redis-server before and after inserting the sessions, each with its share of a 10-session user index',
  };
}

/** /auth/me with the cookies of `list` in turn, one per request. */
function rotating(system: TestSystem, title: string, list: string[]): Promise<LoadResult> {
  let next = 0;
  return load(title, {
    url: `${system.baseUrl}/auth/me`,
    duration: DURATION,
    connections: CONNECTIONS,
    requests: [
      { method: 'GET', setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: list[next++ % list.length] } }) },
    ],
  });
}
