/*
 * What WAIT (a replica confirming each session write) costs logins and revocations, on Redis with
 * Sentinel (one master, one replica, three sentinels) and a NATS transport, all on this machine:
 *   npm run build && node dist/tooling/bench/wait-cost.js   (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONCURRENCY)
 * Two systems on the same engines, one with REDIS_WAIT_REPLICAS=0 and one with the default (1), measured
 * in alternating rounds (the machine is shared and noisy: compare the rounds, not single figures).
 * bcrypt cost 4, so the Redis round trips are a visible part of a login (at cost 12 they drown in the hash).
 */
import { hashToken } from '../libs/common/src/crypto/tokens';
import { Http, cookieValue } from '../test/support/http';
import { RedisSentinel, SENTINEL_MASTER_NAME } from '../test/support/redis-sentinel';
import { PrivateNats, TestSystem } from '../test/support/system';

const PASSWORD = 'bench-Strong-pass-1';
const USERS = Array.from({ length: 40 }, (_, i) => `bench-${i}`);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

function summarise(latencies: number[], elapsedMs: number, failed: number): Measured {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { perSecond: Math.round((latencies.length / elapsedMs) * 1000), p50: at(0.5), p99: at(0.99), failed };
}

/** `CONCURRENCY` clients sending `request` back to back while `more()` holds (and for at most `SECONDS`). */
async function drive(request: () => Promise<boolean>, more: () => boolean = () => true): Promise<Measured> {
  const latencies: number[] = [];
  let failed = 0;
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline && more()) {
        const sent = Date.now();
        if (await request()) latencies.push(Date.now() - sent);
        else failed++;
      }
    }),
  );
  return summarise(latencies, Date.now() - started, failed);
}

let next = 0;
const login = (http: Http) => http.post('/auth/login', { body: { username: USERS[next++ % USERS.length], password: PASSWORD } });

async function measureLogins(http: Http): Promise<Measured> {
  return drive(async () => (await login(http)).status === 200);
}

/** Revokes sessions made beforehand (not timed), each with its own cookie, until they run out or time does. */
async function measureRevocations(http: Http): Promise<Measured> {
  const sessions: Array<{ cookie: string; csrf: string; id: string }> = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sessions.length < 2500) {
        const answer = await login(http);
        const sid = cookieValue(answer.setCookies, 'sid');
        if (sid) sessions.push({ cookie: `sid=${sid}`, csrf: answer.body.csrfToken, id: hashToken(sid) });
      }
    }),
  );
  return drive(
    async () => {
      const session = sessions.pop()!;
      const answer = await http.delete(`/auth/sessions/${encodeURIComponent(session.id)}`, { cookie: session.cookie, csrf: session.csrf });
      return answer.status === 204;
    },
    () => sessions.length > 0,
  );
}

type Arm = 'without' | 'with';

/** Two systems on one Sentinel setup, each with a NATS server of its own (subjects are global to a server). */
async function startSystems(sentinel: RedisSentinel, transports: PrivateNats[]): Promise<Record<Arm, TestSystem>> {
  const systems: Partial<Record<Arm, TestSystem>> = {};
  for (const [arm, replicas] of [
    ['without', '0'],
    ['with', '1'],
  ] as const) {
    const transport = await PrivateNats.start();
    transports.push(transport);
    systems[arm] = await TestSystem.start({
      transportUrl: transport.url,
      sessionsStore: {
        env: { REDIS_SENTINELS: sentinel.sentinelsEnv, REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME, REDIS_PASSWORD: sentinel.password },
        client: () => sentinel.client(),
      },
      env: { REDIS_WAIT_REPLICAS: replicas, LOG_LEVEL: 'error' },
    });
    const http = new Http(systems[arm].baseUrl);
    for (const user of USERS) await http.register(user, PASSWORD);
  }
  return systems as Record<Arm, TestSystem>;
}

function report(results: Array<Record<string, unknown>>): void {
  console.table(results);
  for (const operation of ['login', 'revoke']) {
    const mean = (arm: Arm): number => {
      const rows = results.filter((row) => row.operation === operation && row.arm === arm);
      return rows.reduce((sum, row) => sum + Number(row.perSecond), 0) / rows.length;
    };
    const change = ((mean('with') / mean('without') - 1) * 100).toFixed(1);
    console.log(`${operation}: ${mean('without').toFixed(0)}/s without WAIT, ${mean('with').toFixed(0)}/s with (${change} %)`);
  }
}

async function main(): Promise<void> {
  const sentinel = await RedisSentinel.start();
  const transports: PrivateNats[] = [];
  let systems: Record<Arm, TestSystem> | undefined;
  try {
    systems = await startSystems(sentinel, transports);
    const results: Array<Record<string, unknown>> = [];
    // Alternating order, so a slower stretch of the machine does not always fall on the same arm.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const arm of round % 2 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
        const http = new Http(systems[arm].baseUrl);
        results.push({ round, arm, operation: 'login', ...(await measureLogins(http)) });
        results.push({ round, arm, operation: 'revoke', ...(await measureRevocations(http)) });
      }
    }
    report(results);
  } finally {
    await Promise.all(Object.values(systems ?? {}).map((system) => system.stop()));
    await Promise.all([sentinel.stop(), ...transports.map((transport) => transport.stop())]);
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
