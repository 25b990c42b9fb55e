import { PublicUser } from '@app/common';
import { StoredSession } from './stored-session';

export type Fields = Record<string, string>;

/**
 * The session hash's fields. Every value is short (Redis keeps a hash whose values are all under
 * 64 bytes, `hash-max-listpack-value`, in its compact listpack encoding, about half the memory), so
 * the user snapshot is spread over small fields rather than stored as one JSON document; and the
 * names are one or two letters, since a million sessions store each name a million times.
 *
 * session: u user id · t CSRF token · c created · s last seen · x absolute expiry · i idle timeout
 *          (0 = remember-me) · r remember (1/0) · k kind (b browser / a api) · ip · ua user agent ·
 *          rh hash of the current refresh secret
 * user:    n username · e email ("" = none) · o roles, joined by "," · a active (1/0) · uc created ·
 *          ll last login ("" = never)
 * Times are epoch milliseconds. A role name never holds a ",".
 */
export function userFields(user: PublicUser): Fields {
  return {
    n: user.username,
    e: user.email ?? '',
    o: user.roles.join(','),
    a: user.active ? '1' : '0',
    uc: String(Date.parse(user.createdAt)),
    ll: user.lastLoginAt ? String(Date.parse(user.lastLoginAt)) : '',
  };
}

export function toSessionFields(session: StoredSession): Fields {
  return {
    u: session.userId,
    t: session.csrfToken,
    c: String(session.createdAt),
    s: String(session.lastSeenAt),
    x: String(session.absoluteExpiresAt),
    i: String(session.idleTimeoutMs),
    r: session.remember ? '1' : '0',
    k: session.kind === 'api' ? 'a' : 'b',
    ip: session.ip,
    ua: session.userAgent,
    ...userFields(session.user),
  };
}

function userOf(fields: Fields): PublicUser {
  return {
    id: fields.u,
    username: fields.n,
    email: fields.e || null,
    roles: fields.o ? fields.o.split(',') : [],
    active: fields.a === '1',
    createdAt: new Date(Number(fields.uc)).toISOString(),
    lastLoginAt: fields.ll ? new Date(Number(fields.ll)).toISOString() : null,
  };
}

export function fromSessionFields(id: string, fields: Fields | null): StoredSession | null {
  if (!fields || !fields.u || fields.n === undefined) return null;
  const lastSeenAt = Number(fields.s);
  const idleTimeoutMs = Number(fields.i);
  const absoluteExpiresAt = Number(fields.x);
  return {
    id,
    userId: fields.u,
    csrfToken: fields.t,
    createdAt: Number(fields.c),
    lastSeenAt,
    expiresAt: idleTimeoutMs ? Math.min(absoluteExpiresAt, lastSeenAt + idleTimeoutMs) : absoluteExpiresAt,
    absoluteExpiresAt,
    idleTimeoutMs,
    remember: fields.r === '1',
    kind: fields.k === 'a' ? 'api' : 'browser',
    ip: fields.ip ?? '',
    userAgent: fields.ua ?? '',
    user: userOf(fields),
  };
}

/** HGETALL's flat reply as an object, or null for a missing hash. */
export function fieldsOf(reply: unknown): Fields | null {
  if (!Array.isArray(reply) || reply.length === 0) return null;
  const fields: Fields = {};
  for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = String(reply[i + 1]);
  return fields;
}
