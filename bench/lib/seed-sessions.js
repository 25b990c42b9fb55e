'use strict';
// Sessions written straight into Redis in the SessionStore's layout (see
// apps/auth-service/src/sessions/session.store.ts), pipelined: the way to reach 1,000,000 sessions in
// seconds. Session i has the token tokenOf(i); its hash `<prefix>s:{sha256(token)}` carries the same
// fields a login writes, and ten sessions share a (synthetic) user index `<prefix>u:{uid}:sessions`.
const { createHash } = require('node:crypto');

const PER_USER = 10;

function tokenOf(seed, i) {
  return createHash('sha256').update(`${seed}:${i}`).digest('base64url');
}

function sessionIdOf(token) {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

function uidOf(seed, group) {
  const hex = createHash('sha256').update(`${seed}:user:${group}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Inserts sessions [from, to) modelled on a real session's fields (`template`, from HGETALL). */
async function seedSessions(redis, { prefix, seed, from, to, template, onProgress }) {
  const now = Date.now();
  const idle = Number(template.i) || 1_800_000;
  const absExp = now + 12 * 3600 * 1000;
  const expiresAt = Math.min(absExp, now + idle);
  const batch = 2000;
  for (let start = from; start < to; start += batch) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(to, start + batch); i++) {
      const id = sessionIdOf(tokenOf(seed, i));
      const uid = uidOf(seed, Math.floor(i / PER_USER));
      const key = `${prefix}s:{${id}}`;
      const index = `${prefix}u:{${uid}}:sessions`;
      pipeline.zadd(index, absExp, id);
      pipeline.pexpireat(index, absExp);
      pipeline.hset(key, {
        u: uid,
        t: tokenOf(`${seed}:csrf`, i),
        c: String(now),
        s: String(now),
        x: String(absExp),
        i: String(idle),
        r: '0',
        k: 'b',
        ip: template.ip,
        ua: template.ua,
        n: `seeded-${i}`,
        e: template.e,
        o: template.o,
        a: template.a,
        uc: template.uc,
        ll: template.ll,
      });
      pipeline.pexpireat(key, expiresAt);
    }
    await pipeline.exec();
    if (onProgress) onProgress(Math.min(to, start + batch));
  }
}

module.exports = { seedSessions, tokenOf, sessionIdOf };
