import { loadAuthConfig } from './auth.config';

const NATS = 'nats://127.0.0.1:4222,nats://127.0.0.1:4223';

describe('auth-service Redis configuration', () => {
  it('is one server by URL by default, with no replica to wait for', () => {
    const config = loadAuthConfig({});
    expect(config.redis).toEqual({ mode: 'standalone', url: 'redis://127.0.0.1:6379' });
    expect(config.redisDurability).toEqual({ replicas: 0, timeoutMs: 500 });
  });

  it('finds the master through Sentinel, and waits for one replica by default', () => {
    const config = loadAuthConfig({ REDIS_SENTINELS: 's1:26379,s2:26379,s3:26379', REDIS_PASSWORD: 'pw', REDIS_WAIT_TIMEOUT_MS: '250' });
    expect(config.redis).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
        { host: 's3', port: 26379 },
      ],
      name: 'mymaster',
      password: 'pw',
      sentinelPassword: undefined,
    });
    expect(config.redisDurability).toEqual({ replicas: 1, timeoutMs: 250 });
    expect(loadAuthConfig({ REDIS_SENTINELS: 's1:26379', REDIS_WAIT_REPLICAS: '0' }).redisDurability.replicas).toBe(0);
  });

  it('takes a Cluster only with the NATS transport, and says so', () => {
    const config = loadAuthConfig({ REDIS_CLUSTER_NODES: 'r1:6379,r2:6379', TRANSPORT_URL: NATS });
    expect(config.redis).toMatchObject({
      mode: 'cluster',
      nodes: [
        { host: 'r1', port: 6379 },
        { host: 'r2', port: 6379 },
      ],
    });
    expect(config.redisDurability.replicas).toBe(1);
    expect(() => loadAuthConfig({ REDIS_CLUSTER_NODES: 'r1:6379' })).toThrow(
      /REDIS_CLUSTER_NODES: with a Redis Cluster the transport must be NATS/,
    );
  });

  it('counts an empty variable as unset (an override file clears REDIS_URL that way)', () => {
    expect(loadAuthConfig({ REDIS_URL: '', REDIS_SENTINELS: 's1:26379', REDIS_PASSWORD: '' }).redis).toMatchObject({
      mode: 'sentinel',
      password: undefined,
    });
  });

  it('refuses several forms at once, stray Sentinel settings, differing passwords and a wait the caller would not see end', () => {
    expect(() => loadAuthConfig({ REDIS_URL: 'redis://r:6379', REDIS_SENTINELS: 's1:26379' })).toThrow(
      /REDIS_URL and REDIS_SENTINELS: set one/,
    );
    expect(() => loadAuthConfig({ REDIS_SENTINEL_NAME: 'other' })).toThrow(/apply only with REDIS_SENTINELS/);
    expect(() => loadAuthConfig({ REDIS_URL: 'redis://:a@r:6379', REDIS_PASSWORD: 'b' })).toThrow(/other than REDIS_PASSWORD/);
    expect(() => loadAuthConfig({ REDIS_WAIT_TIMEOUT_MS: '3000' })).toThrow(
      /REDIS_WAIT_TIMEOUT_MS \(3000\) must be below TRANSPORT_TIMEOUT_MS \(3000\)/,
    );
    expect(() => loadAuthConfig({ REDIS_SENTINELS: 's1' })).toThrow(/REDIS_SENTINELS: "s1" is not host:port/);
  });

  it('wants a Redis password in production, from REDIS_PASSWORD for Sentinel and Cluster', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SIGNING_KEYS: '[]',
      DATABASE_URL: 'postgres://u:p@db/auth',
      TRANSPORT_URL: 'nats://u:p@n1:4222,nats://n2:4222',
      SMTP_URL: 'smtp://mail:25',
      AUDIT_USERNAME_KEY: 'k'.repeat(32),
      MFA_ENCRYPTION_KEY: 'f'.repeat(64),
      REDIS_SENTINELS: 's1:26379',
    };
    expect(() => loadAuthConfig(production)).toThrow(/Redis must have a password in production/);
    expect(loadAuthConfig({ ...production, REDIS_PASSWORD: 'pw' }).redis.password).toBe('pw');
  });
});
