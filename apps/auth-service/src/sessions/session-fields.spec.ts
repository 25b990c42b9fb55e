import { SessionField, fieldsOf, fromSessionFields, toSessionFields, userFields } from './session-fields';
import { StoredSession } from './stored-session';

const now = Date.parse('2026-03-01T12:00:00.000Z');
const session: StoredSession = {
  id: 'session-id',
  userId: 'user-1',
  csrfToken: 'csrf-token',
  createdAt: now - 60_000,
  lastSeenAt: now,
  expiresAt: now + 1_800_000,
  absoluteExpiresAt: now + 43_200_000,
  idleTimeoutMs: 1_800_000,
  remember: false,
  kind: 'browser',
  ip: '127.0.0.1',
  userAgent: 'jest',
  user: {
    id: 'user-1',
    username: 'alice',
    email: 'alice@example.org',
    roles: ['user', 'admin'],
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastLoginAt: '2026-02-01T00:00:00.000Z',
  },
};

describe('the session hash fields', () => {
  it('read back the session they were written from', () => {
    expect(fromSessionFields(session.id, toSessionFields(session))).toEqual(session);
    const remembered: StoredSession = {
      ...session,
      remember: true,
      idleTimeoutMs: 0,
      expiresAt: session.absoluteExpiresAt,
      kind: 'api',
      user: { ...session.user, email: null, roles: [], active: false, lastLoginAt: null },
    };
    expect(fromSessionFields(session.id, toSessionFields(remembered))).toEqual(remembered);
  });

  it('read HGETALL’s flat reply, and a missing or half-written hash as no session', () => {
    const reply = Object.entries(toSessionFields(session)).flat();
    expect(fromSessionFields(session.id, fieldsOf(reply))).toEqual(session);
    expect(fieldsOf([])).toBeNull();
    expect(fromSessionFields(session.id, null)).toBeNull();
    expect(fromSessionFields(session.id, { [SessionField.lastSeenAt]: String(now) })).toBeNull();
  });

  it('are written only under the names SessionField lists, each a distinct name of one or two letters', () => {
    const names = Object.values(SessionField);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]{1,2}$/);
    const written = [...Object.keys(toSessionFields(session)), ...Object.keys(userFields(session.user))];
    expect(written.filter((name) => !(names as string[]).includes(name))).toEqual([]);
  });

  it('write a session as the hash the sessions already in Redis are (renaming a field would log every user out)', () => {
    expect(toSessionFields(session)).toEqual({
      u: 'user-1',
      t: 'csrf-token',
      c: String(now - 60_000),
      s: String(now),
      x: String(now + 43_200_000),
      i: '1800000',
      r: '0',
      k: 'b',
      ip: '127.0.0.1',
      ua: 'jest',
      n: 'alice',
      e: 'alice@example.org',
      o: 'user,admin',
      a: '1',
      uc: String(Date.parse('2026-01-01T00:00:00.000Z')),
      ll: String(Date.parse('2026-02-01T00:00:00.000Z')),
    });
    // Not written at creation: set on api sessions, and read by the refresh script, under this name.
    expect(SessionField.refreshHash).toBe('rh');
  });
});
