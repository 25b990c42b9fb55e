/*
 * Lua run inside Redis so that taking an attempt is one atomic check-and-count: requests in flight at
 * the same moment cannot all pass a check made before any of them is counted. Each script touches the
 * two keys of one name (the failures counter, whose TTL is its fixed window, and the sorted set of
 * attempts in flight, scored by when they are presumed dead), which share a hash tag and so one Cluster slot.
 * KEYS[1] = failures, KEYS[2] = attempts in flight.
 */

/**
 * Take: ARGV[1] = limit, ARGV[2] = now (ms), ARGV[3] = when this attempt is presumed dead (ms), ARGV[4] = its id.
 * Answers {'ok'}; {'throttled', ms left in the window} when the failures are at the limit; or {'busy'}
 * when failures + attempts in flight are: one of those may fail, so this one must wait for a verdict.
 */
export const TAKE_ATTEMPT = `
local limit = tonumber(ARGV[1])
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
if failures >= limit then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then ttl = 1000 end
  return {'throttled', ttl}
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
if failures + redis.call('ZCARD', KEYS[2]) >= limit then return {'busy'} end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) - tonumber(ARGV[2]) then redis.call('PEXPIREAT', KEYS[2], ARGV[3]) end
return {'ok'}
`;

/**
 * Settle: ARGV[1] = the attempt's id, ARGV[2] = 'failed' | 'clear' | 'release', ARGV[3] = window (ms).
 * The attempt leaves the in-flight set; a failure is counted (the window starts at the first one),
 * `clear` forgets the failures of the window, `release` leaves them as they are.
 */
export const SETTLE_ATTEMPT = `
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] == 'failed' then
  if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
elseif ARGV[2] == 'clear' then
  redis.call('DEL', KEYS[1])
end
return 0
`;
