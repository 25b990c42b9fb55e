/*
 * The names of the session store's Redis keys (P = the configured prefix, REDIS_PREFIX):
 * - `P s:{id}`              hash: the session (id = SHA-256 of the token), fields in session-fields.ts
 * - `P s:{id}:spent`        set: spent refresh-token hashes of that session (theft detection)
 * - `P u:{userId}:sessions` sorted set: the user's session ids scored by absolute expiry
 * A session's two keys share the hash tag {id}, so one Cluster slot: the Lua scripts touch both in one
 * call. The user index is tagged by the user and so lives in another slot. These names are a stored
 * format: renaming one orphans every session already in Redis. The tests and the benchmark build keys
 * through these functions, never by hand.
 */

/** The session hash. */
export function sessionKey(prefix: string, sessionId: string): string {
  return `${prefix}s:{${sessionId}}`;
}

/** The set of a session's spent refresh-token hashes. */
export function spentRefreshKey(prefix: string, sessionId: string): string {
  return `${sessionKey(prefix, sessionId)}:spent`;
}

/** KEYS[1] and KEYS[2] of every session script (session.scripts.ts): the hash and its spent set. */
export function sessionScriptKeys(prefix: string, sessionId: string): [string, string] {
  return [sessionKey(prefix, sessionId), spentRefreshKey(prefix, sessionId)];
}

/** The user's index of session ids. */
export function userSessionsKey(prefix: string, userId: string): string {
  return `${prefix}u:{${userId}}:sessions`;
}
