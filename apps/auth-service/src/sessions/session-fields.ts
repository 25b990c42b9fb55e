import { PublicUser } from '@app/common';
import { StoredSession } from './stored-session';

export type Fields = Record<string, string>;

/**
 * The session hash's fields. Every value is short (Redis keeps a hash whose values are all under
 * 64 bytes, `hash-max-listpack-value`, in its compact listpack encoding, about half the memory), so
 * the user snapshot is spread over small fields rather than stored as one JSON document; and the
 * names are one or two letters, since a million sessions store each name a million times.
 * Times are epoch milliseconds. A role name never holds a ",". The names are a stored format (and the
 * Lua scripts of session.scripts.ts read `s`, `i`, `x` and `rh`): tests and the benchmark read and
 * write a session's fields through this map, never by letter.
 */
export const SessionField = {
  // The session.
  userId: 'u',
  csrfToken: 't',
  createdAt: 'c',
  lastSeenAt: 's',
  absoluteExpiresAt: 'x',
  /** 0 = remember-me (no idle deadline). */
  idleTimeoutMs: 'i',
  /** 1 / 0. */
  remember: 'r',
  /** b = browser, a = api. */
  kind: 'k',
  ip: 'ip',
  userAgent: 'ua',
  /** The hash of the current refresh secret (api sessions), set after creation. */
  refreshHash: 'rh',
  // The user snapshot.
  username: 'n',
  /** "" = none. */
  email: 'e',
  /** Joined by ",". */
  roles: 'o',
  /** 1 / 0. */
  active: 'a',
  userCreatedAt: 'uc',
  /** "" = never. */
  lastLoginAt: 'll',
} as const;

const F = SessionField;

/** The user snapshot's fields (written on each of the user's sessions after a login or an admin change). */
export function userFields(user: PublicUser): Fields {
  return {
    [F.username]: user.username,
    [F.email]: user.email ?? '',
    [F.roles]: user.roles.join(','),
    [F.active]: user.active ? '1' : '0',
    [F.userCreatedAt]: String(Date.parse(user.createdAt)),
    [F.lastLoginAt]: user.lastLoginAt ? String(Date.parse(user.lastLoginAt)) : '',
  };
}

export function toSessionFields(session: StoredSession): Fields {
  return {
    [F.userId]: session.userId,
    [F.csrfToken]: session.csrfToken,
    [F.createdAt]: String(session.createdAt),
    [F.lastSeenAt]: String(session.lastSeenAt),
    [F.absoluteExpiresAt]: String(session.absoluteExpiresAt),
    [F.idleTimeoutMs]: String(session.idleTimeoutMs),
    [F.remember]: session.remember ? '1' : '0',
    [F.kind]: session.kind === 'api' ? 'a' : 'b',
    [F.ip]: session.ip,
    [F.userAgent]: session.userAgent,
    ...userFields(session.user),
  };
}

function userOf(fields: Fields): PublicUser {
  return {
    id: fields[F.userId],
    username: fields[F.username],
    email: fields[F.email] || null,
    roles: fields[F.roles] ? fields[F.roles].split(',') : [],
    active: fields[F.active] === '1',
    createdAt: new Date(Number(fields[F.userCreatedAt])).toISOString(),
    lastLoginAt: fields[F.lastLoginAt] ? new Date(Number(fields[F.lastLoginAt])).toISOString() : null,
  };
}

export function fromSessionFields(id: string, fields: Fields | null): StoredSession | null {
  if (!fields || !fields[F.userId] || fields[F.username] === undefined) return null;
  const lastSeenAt = Number(fields[F.lastSeenAt]);
  const idleTimeoutMs = Number(fields[F.idleTimeoutMs]);
  const absoluteExpiresAt = Number(fields[F.absoluteExpiresAt]);
  return {
    id,
    userId: fields[F.userId],
    csrfToken: fields[F.csrfToken],
    createdAt: Number(fields[F.createdAt]),
    lastSeenAt,
    expiresAt: idleTimeoutMs ? Math.min(absoluteExpiresAt, lastSeenAt + idleTimeoutMs) : absoluteExpiresAt,
    absoluteExpiresAt,
    idleTimeoutMs,
    remember: fields[F.remember] === '1',
    kind: fields[F.kind] === 'a' ? 'api' : 'browser',
    ip: fields[F.ip] ?? '',
    userAgent: fields[F.userAgent] ?? '',
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
