import { PublicUser } from '@app/common';
import { StoredSession } from './stored-session';

export type Fields = Record<string, string>;

/**
 * The session hash's fields. Every value is short (Redis keeps a hash whose values are all under
 * 64 bytes, `hash-max-listpack-value`, in its compact listpack encoding, about half the memory), so
 * the user snapshot is spread over small fields rather than stored as one JSON document. Times are
 * epoch milliseconds; roles are joined by "," (a role name never holds one).
 */
export function userFields(user: PublicUser): Fields {
  return {
    un: user.username,
    em: user.email ?? '',
    ro: user.roles.join(','),
    ac: user.active ? '1' : '0',
    uc: String(Date.parse(user.createdAt)),
    ll: user.lastLoginAt ? String(Date.parse(user.lastLoginAt)) : '',
  };
}

export function toSessionFields(session: StoredSession): Fields {
  return {
    uid: session.userId,
    csrf: session.csrfToken,
    created: String(session.createdAt),
    seen: String(session.lastSeenAt),
    absExp: String(session.absoluteExpiresAt),
    idle: String(session.idleTimeoutMs),
    remember: session.remember ? '1' : '0',
    kind: session.kind,
    ip: session.ip,
    ua: session.userAgent,
    ...userFields(session.user),
  };
}

function userOf(fields: Fields): PublicUser {
  return {
    id: fields.uid,
    username: fields.un,
    email: fields.em || null,
    roles: fields.ro ? fields.ro.split(',') : [],
    active: fields.ac === '1',
    createdAt: new Date(Number(fields.uc)).toISOString(),
    lastLoginAt: fields.ll ? new Date(Number(fields.ll)).toISOString() : null,
  };
}

export function fromSessionFields(id: string, fields: Fields | null): StoredSession | null {
  if (!fields || !fields.uid || fields.un === undefined) return null;
  const lastSeenAt = Number(fields.seen);
  const idleTimeoutMs = Number(fields.idle);
  const absoluteExpiresAt = Number(fields.absExp);
  return {
    id,
    userId: fields.uid,
    csrfToken: fields.csrf,
    createdAt: Number(fields.created),
    lastSeenAt,
    expiresAt: idleTimeoutMs ? Math.min(absoluteExpiresAt, lastSeenAt + idleTimeoutMs) : absoluteExpiresAt,
    absoluteExpiresAt,
    idleTimeoutMs,
    remember: fields.remember === '1',
    kind: fields.kind === 'api' ? 'api' : 'browser',
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
