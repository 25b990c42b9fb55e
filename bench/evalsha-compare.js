#!/usr/bin/env node
// EVAL with the script text (before) vs EVALSHA through ioredis defineCommand (after): the
// RESOLVE_SESSION script on one session, 30,000 calls 50 at a time, twice each, against BENCH_REDIS_URL.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const Redis = require('ioredis');

const source = readFileSync(join(__dirname, '..', 'apps', 'auth-service', 'src', 'sessions', 'session.scripts.ts'), 'utf8');
const expiry = /const EXPIRY = `([\s\S]*?)`;/.exec(source)[1];
const resolve = /export const RESOLVE_SESSION = `\$\{EXPIRY\}([\s\S]*?)`;/.exec(source)[1];
const lua = expiry + resolve;

async function run(label, call) {
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

async function main() {
  const redis = new Redis(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const key = `bench-evalsha-${process.pid}:s:{x}`;
  try {
    await redis.hset(key, { s: String(Date.now()), i: '1800000', x: String(Date.now() + 3_600_000), u: 'u', n: 'bench' });
    await redis.pexpire(key, 60_000);
    redis.defineCommand('resolveSession', { numberOfKeys: 2, lua });
    process.stdout.write(`script text: ${Buffer.byteLength(lua)} bytes per EVAL; EVALSHA sends a 40-byte SHA\n`);
    for (let round = 0; round < 2; round++) {
      await run('EVAL', () => redis.eval(lua, 2, key, `${key}:spent`, String(Date.now()), '60000'));
      await run('EVALSHA', () => redis.resolveSession(key, `${key}:spent`, String(Date.now()), '60000'));
    }
  } finally {
    await redis.del(key);
    redis.disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
