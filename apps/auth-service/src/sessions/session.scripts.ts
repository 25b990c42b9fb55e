/*
 * Lua run inside Redis so each read-check-write on a session is one atomic round trip. Each script
 * touches only the keys of one session, which share a hash tag ({sessionId}) and so one Cluster slot.
 * KEYS[1] = the session hash, KEYS[2] = its set of spent refresh-token hashes. Field names are the
 * short ones of session-fields.ts (s = last seen, i = idle timeout, x = absolute expiry, rh = refresh hash).
 */

/** Expiry of a session from its fields: the idle deadline (if it has one) capped by the absolute one. */
const EXPIRY = `
local function load(now)
  local f = redis.call('HMGET', KEYS[1], 's', 'i', 'x')
  if not f[1] then return nil end
  local seen, idle, absExp = tonumber(f[1]), tonumber(f[2]), tonumber(f[3])
  local expires = absExp
  if idle > 0 and seen + idle < expires then expires = seen + idle end
  if now >= expires then
    redis.call('DEL', KEYS[1], KEYS[2])
    return nil
  end
  return { seen = seen, idle = idle, absExp = absExp, expires = expires }
end
`;

/**
 * Resolve: ARGV[1] = now (ms), ARGV[2] = touch interval (ms). Slides the idle deadline at most once
 * per interval, so a busy session costs one read per request and one write per interval.
 */
export const RESOLVE_SESSION = `${EXPIRY}
local now = tonumber(ARGV[1])
local s = load(now)
if not s then return nil end
if now - s.seen >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 's', ARGV[1])
  if s.idle > 0 then
    local expires = math.min(s.absExp, now + s.idle)
    redis.call('PEXPIREAT', KEYS[1], expires)
    redis.call('PEXPIREAT', KEYS[2], expires)
  end
end
return redis.call('HGETALL', KEYS[1])
`;

/** Read without sliding (listings, admin views): ARGV[1] = now. */
export const PEEK_SESSION = `${EXPIRY}
if not load(tonumber(ARGV[1])) then return nil end
return redis.call('HGETALL', KEYS[1])
`;

/**
 * Refresh-token rotation. ARGV[1] = now, ARGV[2] = hash of the presented secret, ARGV[3] = hash of the
 * new one. Answers {'ok', fields...}, {'reused'} (a spent token came back: the caller revokes the
 * session) or {'unknown'}. Comparing hashes with == leaks nothing useful: an attacker who could time it
 * would still need a SHA-256 preimage.
 */
export const ROTATE_REFRESH = `${EXPIRY}
local now = tonumber(ARGV[1])
local s = load(now)
if not s then return {'unknown'} end
local current = redis.call('HGET', KEYS[1], 'rh')
if current and current == ARGV[2] then
  redis.call('HSET', KEYS[1], 'rh', ARGV[3], 's', ARGV[1])
  redis.call('SADD', KEYS[2], ARGV[2])
  local expires = s.absExp
  if s.idle > 0 then expires = math.min(s.absExp, now + s.idle) end
  redis.call('PEXPIREAT', KEYS[1], expires)
  redis.call('PEXPIREAT', KEYS[2], expires)
  local fields = redis.call('HGETALL', KEYS[1])
  table.insert(fields, 1, 'ok')
  return fields
end
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then return {'reused'} end
return {'unknown'}
`;

/** Sets fields only on a session that still exists (never resurrects a revoked one). ARGV = field, value, … */
export const SET_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;
