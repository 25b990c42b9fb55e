import { generateToken, hashToken } from '@app/common';
import Redis from 'ioredis';
import { AuthConfig, loadAuthConfig } from '../config/auth.config';
import { ReplicatedWrites } from '../redis/replicated-writes';
import { SessionField } from './session-fields';
import { sessionKey, userSessionsKey } from './session-keys';
import { SessionStore } from './session.store';

// The store against the machine's real Redis, under a key prefix of this test's own.
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `unit-${generateToken(6)}:`;
const user = {
  id: 'user-1',
  username: 'alice',
  email: null,
  emailVerified: false,
  roles: ['user'],
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
  mfa: { totp: false, passkeys: 0 },
};
const client = { ip: '127.0.0.1', userAgent: 'jest', kind: 'browser' as const, amr: ['pwd'] };

function storeWith(session: Partial<AuthConfig['session']>): SessionStore {
  const config = loadAuthConfig({ REDIS_PREFIX: prefix });
  const tuned = { ...config, session: { ...config.session, ...session } };
  return new SessionStore(redis, tuned, new ReplicatedWrites(redis, tuned));
}

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('SessionStore', () => {
  const store = storeWith({});

  it('keys a session by the SHA-256 of its token and never stores the token', async () => {
    const { token, session } = await store.create({ user, remember: false, ...client });
    expect(session.id).toBe(hashToken(token));
    const keys = await redis.keys(`${prefix}*`);
    for (const key of keys) {
      expect(key).not.toContain(token);
      const type = await redis.type(key);
      const value = type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : JSON.stringify(await redis.zrange(key, '0', '-1'));
      expect(value).not.toContain(token);
    }
    expect((await store.resolveByToken(token))?.userId).toBe('user-1');
    // Short values keep the hash in Redis's compact encoding (about half the memory of a hashtable).
    expect(await redis.object('ENCODING', sessionKey(prefix, session.id))).toBe('listpack');
    expect(await store.resolveByToken(generateToken())).toBeNull();
  });

  it('sets the Redis TTL to the idle deadline, and to the remember lifetime for remember-me', async () => {
    const browser = await store.create({ user, remember: false, ...client });
    const remembered = await store.create({ user, remember: true, ...client });
    const browserTtl = await redis.pttl(sessionKey(prefix, browser.session.id));
    const rememberTtl = await redis.pttl(sessionKey(prefix, remembered.session.id));
    expect(browserTtl).toBeGreaterThan(29 * 60_000);
    expect(browserTtl).toBeLessThanOrEqual(30 * 60_000);
    expect(rememberTtl).toBeGreaterThan(29 * 24 * 3600_000);
    expect(remembered.session.idleTimeoutMs).toBe(0);
  });

  it('slides the idle deadline at most once per touch interval', async () => {
    const throttled = storeWith({ touchIntervalMs: 60_000 });
    const { session } = await throttled.create({ user, remember: false, ...client });
    await redis.hset(sessionKey(prefix, session.id), SessionField.lastSeenAt, String(session.lastSeenAt - 10_000));
    const first = await throttled.resolveById(session.id);
    expect(first?.lastSeenAt).toBe(session.lastSeenAt - 10_000);
    await redis.hset(sessionKey(prefix, session.id), SessionField.lastSeenAt, String(session.lastSeenAt - 61_000));
    const second = await throttled.resolveById(session.id);
    expect(second?.lastSeenAt).toBeGreaterThanOrEqual(session.lastSeenAt);
  });

  it('treats a session past its idle or absolute deadline as gone, and deletes it', async () => {
    const { session } = await store.create({ user, remember: false, ...client });
    await redis.hset(sessionKey(prefix, session.id), SessionField.lastSeenAt, String(Date.now() - 31 * 60_000));
    expect(await store.resolveById(session.id)).toBeNull();
    expect(await redis.exists(sessionKey(prefix, session.id))).toBe(0);
    const other = await store.create({ user, remember: false, ...client });
    await redis.hset(sessionKey(prefix, other.session.id), SessionField.absoluteExpiresAt, String(Date.now() - 1));
    expect(await store.resolveById(other.session.id)).toBeNull();
  });

  it('revokes one session, or all of a user but one, and prunes the index of dead entries', async () => {
    const owner = { ...user, id: 'user-2' };
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => store.create({ user: owner, remember: false, ...client })));
    expect((await store.listForUser('user-2')).map((s) => s.id).sort()).toEqual([a, b, c].map((x) => x.session.id).sort());
    expect(await store.revoke(a.session.id)).toBe('user-2');
    await redis.del(sessionKey(prefix, b.session.id));
    expect((await store.listForUser('user-2')).map((s) => s.id)).toEqual([c.session.id]);
    expect(await redis.zrange(userSessionsKey(prefix, 'user-2'), '0', '-1')).toEqual([c.session.id]);
    const d = await store.create({ user: owner, remember: false, ...client });
    expect(await store.revokeAllForUser('user-2', d.session.id)).toEqual([c.session.id]);
    expect((await store.listForUser('user-2')).map((s) => s.id)).toEqual([d.session.id]);
  });

  it('rotates a refresh secret once, and recognises a spent one coming back', async () => {
    const { session } = await store.create({ user, remember: false, ...client, kind: 'api' });
    await store.setRefreshHash(session.id, 'hash-1');
    expect((await store.rotateRefresh(session.id, 'hash-1', 'hash-2')).outcome).toBe('ok');
    expect((await store.rotateRefresh(session.id, 'hash-1', 'hash-3')).outcome).toBe('reused');
    expect((await store.rotateRefresh(session.id, 'never-issued', 'hash-4')).outcome).toBe('unknown');
    expect((await store.rotateRefresh(session.id, 'hash-2', 'hash-5')).outcome).toBe('ok');
    await store.revoke(session.id);
    expect((await store.rotateRefresh(session.id, 'hash-5', 'hash-6')).outcome).toBe('unknown');
    expect(await store.setRefreshHash(session.id, 'resurrect')).toBe(false);
    expect(await redis.exists(sessionKey(prefix, session.id))).toBe(0);
  });

  it('rewrites the user snapshot on every live session of the user', async () => {
    const owner = { ...user, id: 'user-3' };
    const { session } = await store.create({ user: owner, remember: false, ...client });
    const lastLoginAt = new Date().toISOString();
    const changed = {
      ...owner,
      roles: ['user', 'admin'],
      email: 'o@example.org',
      emailVerified: true,
      lastLoginAt,
      mfa: { totp: true, passkeys: 3 },
    };
    await store.updateUserSnapshot(changed);
    expect((await store.peek(session.id))?.user).toEqual(changed);
  });

  it('records when and how a session was authenticated: at creation, then on each re-authentication', async () => {
    const before = Date.now();
    const { session } = await store.create({ user, remember: false, ...client });
    expect(session.authenticatedAt).toBeGreaterThanOrEqual(before);
    expect(await store.peek(session.id)).toMatchObject({ authenticatedAt: session.authenticatedAt, amr: ['pwd'] });
    const later = session.authenticatedAt + 5_000;
    expect(await store.markAuthenticated(session.id, later, ['pwd', 'otp', 'mfa'])).toBe(true);
    expect(await store.resolveById(session.id)).toMatchObject({
      authenticatedAt: later,
      amr: ['pwd', 'otp', 'mfa'],
      createdAt: session.createdAt,
    });
  });

  it('never resurrects a revoked session by re-authenticating it', async () => {
    const { session } = await store.create({ user, remember: false, ...client });
    await store.revoke(session.id);
    expect(await store.markAuthenticated(session.id, Date.now(), ['pwd'])).toBe(false);
    expect(await redis.exists(sessionKey(prefix, session.id))).toBe(0);
  });
});
