import { describeRedisConnection, parseRedisEndpoints, redisHasPassword } from './redis-connection';

describe('Redis connections', () => {
  it('parses host:port lists, IPv6 in brackets', () => {
    expect(parseRedisEndpoints('s1:26379, 10.0.0.2:26380,[::1]:26381')).toEqual([
      { host: 's1', port: 26379 },
      { host: '10.0.0.2', port: 26380 },
      { host: '::1', port: 26381 },
    ]);
  });

  it('names the entry that is not host:port', () => {
    expect(() => parseRedisEndpoints('s1:26379,s2')).toThrow(/"s2" is not host:port/);
    expect(() => parseRedisEndpoints('s1:0')).toThrow(/"s1:0" is not host:port/);
    expect(() => parseRedisEndpoints('redis://s1:6379')).toThrow(/is not host:port/);
    expect(() => parseRedisEndpoints(',')).toThrow(/names no host:port/);
  });

  it('describes each form without its password', () => {
    expect(describeRedisConnection({ mode: 'standalone', url: 'redis://:s3cret@redis:6379' })).toBe('redis://:***@redis:6379');
    expect(describeRedisConnection({ mode: 'sentinel', sentinels: [{ host: 'a', port: 1 }], name: 'mymaster', password: 'x' })).toBe(
      'Sentinel a:1 (master "mymaster")',
    );
    expect(
      describeRedisConnection({
        mode: 'cluster',
        nodes: [
          { host: 'a', port: 1 },
          { host: 'b', port: 2 },
        ],
        password: 'x',
      }),
    ).toBe('Cluster a:1,b:2');
  });

  it('knows whether the data nodes get a password (REDIS_PASSWORD, or in the URL)', () => {
    expect(redisHasPassword({ mode: 'standalone', url: 'redis://:pw@redis:6379' })).toBe(true);
    expect(redisHasPassword({ mode: 'standalone', url: 'redis://redis:6379', password: 'pw' })).toBe(true);
    expect(redisHasPassword({ mode: 'standalone', url: 'redis://redis:6379' })).toBe(false);
    expect(redisHasPassword({ mode: 'cluster', nodes: [{ host: 'a', port: 1 }] })).toBe(false);
  });
});
