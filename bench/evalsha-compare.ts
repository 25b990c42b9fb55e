// EVAL with the script text (before) vs EVALSHA through ioredis defineCommand (after): the
// RESOLVE_SESSION script on one session, 30,000 calls 50 at a time, twice each, against the shared
// Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379).
//   node dist/tooling/bench/evalsha-compare.js
import Redis from 'ioredis';
import { SessionField } from '../apps/auth-service/src/sessions/session-fields';
import { sessionScriptKeys } from '../apps/auth-service/src/sessions/session-keys';
import { RESOLVE_SESSION } from '../apps/auth-service/src/sessions/session.scripts';
import { REDIS_URL } from '../test/support/system';

type ResolveSession = (...keysAndArgs: string[]) => Promise<unknown>;

async function run(label: string, call: () => Promise<unknown>): Promise<void> {
  for (let w = 0; w < 2000; w++) await call();
  const total = 30_000;
  let issued = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (issued++ < total) await call();
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${label.padEnd(8)} ${Math.round(total / seconds)} calls/s\n`);
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = sessionScriptKeys(`bench-evalsha-${process.pid}:`, 'x');
  try {
    const now = Date.now();
    await redis.hset(keys[0], {
      [SessionField.lastSeenAt]: String(now),
      [SessionField.idleTimeoutMs]: '1800000',
      [SessionField.absoluteExpiresAt]: String(now + 3_600_000),
      [SessionField.userId]: 'u',
      [SessionField.username]: 'bench',
    });
    await redis.pexpire(keys[0], 60_000);
    redis.defineCommand('resolveSession', { numberOfKeys: 2, lua: RESOLVE_SESSION });
    const resolveSession = (redis as unknown as { resolveSession: ResolveSession }).resolveSession.bind(redis);
    process.stdout.write(`script text: ${Buffer.byteLength(RESOLVE_SESSION)} bytes per EVAL; EVALSHA sends a 40-byte SHA\n`);
    for (let round = 0; round < 2; round++) {
      await run('EVAL', () => redis.eval(RESOLVE_SESSION, 2, ...keys, String(Date.now()), '60000'));
      await run('EVALSHA', () => resolveSession(...keys, String(Date.now()), '60000'));
    }
  } finally {
    await redis.del(...keys);
    redis.disconnect();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
