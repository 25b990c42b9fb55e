// Sessions written straight into Redis in the session store's own layout (its key names and field
// mapping, imported), pipelined: the way to reach 1,000,000 sessions in seconds. Session i has the
// token tokenOf(seed, i); its hash carries the fields a login writes, and ten sessions share a
// (synthetic) user's index.
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { hashToken } from '../../libs/common/src/crypto/tokens';
import { Fields, fromSessionFields, toSessionFields } from '../../apps/auth-service/src/sessions/session-fields';
import { sessionKey, userSessionsKey } from '../../apps/auth-service/src/sessions/session-keys';
import { StoredSession } from '../../apps/auth-service/src/sessions/stored-session';

const PER_USER = 10;
const BATCH = 2000;

export interface SeedOptions {
  prefix: string;
  seed: string;
  from: number;
  to: number;
  /** A real session's fields (HGETALL): the seeded ones copy its client and user snapshot. */
  template: Fields;
  onProgress?: (inserted: number) => void;
}

/** The cookie token of seeded session i. */
export function tokenOf(seed: string, i: number): string {
  return createHash('sha256').update(`${seed}:${i}`).digest('base64url');
}

function uidOf(seed: string, group: number): string {
  const hex = createHash('sha256').update(`${seed}:user:${group}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Inserts sessions [from, to), each a browser session (not remembered) of the template's shape. */
export async function seedSessions(redis: Redis, options: SeedOptions): Promise<void> {
  const { prefix, seed, from, to, onProgress } = options;
  const template = fromSessionFields('template', options.template);
  if (!template) throw new Error('the template is not a session hash');
  const now = Date.now();
  const idle = template.idleTimeoutMs || 1_800_000;
  const absoluteExpiresAt = now + 12 * 3600 * 1000;
  const expiresAt = Math.min(absoluteExpiresAt, now + idle);
  for (let start = from; start < to; start += BATCH) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(to, start + BATCH); i++) {
      const userId = uidOf(seed, Math.floor(i / PER_USER));
      const session: StoredSession = {
        ...template,
        id: hashToken(tokenOf(seed, i)),
        userId,
        csrfToken: tokenOf(`${seed}:csrf`, i),
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        absoluteExpiresAt,
        idleTimeoutMs: idle,
        remember: false,
        kind: 'browser',
        user: { ...template.user, id: userId, username: `seeded-${i}` },
      };
      const index = userSessionsKey(prefix, userId);
      pipeline.zadd(index, absoluteExpiresAt, session.id);
      pipeline.pexpireat(index, absoluteExpiresAt);
      pipeline.hset(sessionKey(prefix, session.id), toSessionFields(session));
      pipeline.pexpireat(sessionKey(prefix, session.id), expiresAt);
    }
    await pipeline.exec();
    if (onProgress) onProgress(Math.min(to, start + BATCH));
  }
}
