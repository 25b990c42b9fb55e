/*
 * Lua run inside Redis so taking an attempt slot is one atomic check-and-count: requests in flight at
 * the same moment cannot all pass a check made before any of them is counted. Each script touches one
 * key (a counter whose TTL is its fixed window), so it runs on a Cluster as well.
 */

/**
 * Reserve: ARGV[1] = limit, ARGV[2] = window (ms). Counts one attempt and answers 0, or answers the ms
 * until the window ends when the count is already at the limit (nothing counted then).
 */
export const RESERVE_SLOT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    ttl = tonumber(ARGV[2])
  end
  return math.max(ttl, 1)
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** Release: gives a reserved slot back (never below zero, never creating the key, keeping its TTL). */
export const RELEASE_SLOT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;
