import { loadGatewayConfig } from './gateway.config';

const PRODUCTION = {
  NODE_ENV: 'production',
  COOKIE_SECRET: 'a-production-cookie-secret-of-32-chars!!',
  TRANSPORT_URL: 'redis://:secret@redis:6379',
  PUBLIC_BASE_URL: 'https://auth.example.com/',
  METRICS_TOKEN: 'a-metrics-token-of-at-least-32-characters',
};

describe('gateway config: the public origin and the hosts served', () => {
  it('defaults to http://localhost:<port>, allowing loopback outside production', () => {
    const config = loadGatewayConfig({ GATEWAY_PORT: '8080' });
    expect(config.publicBaseUrl).toBe('http://localhost:8080');
    expect(config.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(config.allowedOrigins).toEqual(expect.arrayContaining(['http://localhost:8080', 'http://127.0.0.1:8080']));
  });

  it('in production: PUBLIC_BASE_URL is required, and only its origin, ALLOWED_ORIGINS and its host are trusted', () => {
    const { PUBLIC_BASE_URL: _omitted, ...withoutBase } = PRODUCTION;
    expect(() => loadGatewayConfig(withoutBase)).toThrow(/PUBLIC_BASE_URL must be set in production/);
    const config = loadGatewayConfig({ ...PRODUCTION, ALLOWED_ORIGINS: 'https://admin.example.com', ALLOWED_HOSTS: '' });
    expect(config.allowedOrigins).toEqual(['https://auth.example.com', 'https://admin.example.com']);
    expect(config.allowedHosts).toEqual(['auth.example.com']);
  });

  it('takes ALLOWED_HOSTS as host names, lower case, a port ignored', () => {
    expect(loadGatewayConfig({ ...PRODUCTION, ALLOWED_HOSTS: 'Auth.Example.com:443, [::1], internal' }).allowedHosts).toEqual([
      'auth.example.com',
      '[::1]',
      'internal',
    ]);
    expect(() => loadGatewayConfig({ ALLOWED_HOSTS: 'https://x.example' })).toThrow(/ALLOWED_HOSTS/);
  });
});

describe('gateway config: the operational surface', () => {
  it('refuses to start in production without METRICS_TOKEN', () => {
    const { METRICS_TOKEN: _omitted, ...withoutToken } = PRODUCTION;
    expect(() => loadGatewayConfig(withoutToken)).toThrow(/METRICS_TOKEN must be set in production/);
    expect(() => loadGatewayConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadGatewayConfig(PRODUCTION).metricsToken).toBe(PRODUCTION.METRICS_TOKEN);
  });

  it('times requests out after 10 s and caps connections at 256 per client by default', () => {
    expect(loadGatewayConfig({})).toMatchObject({ requestTimeoutMs: 10_000, maxConnectionsPerIp: 256, metricsToken: undefined });
    expect(loadGatewayConfig({ REQUEST_TIMEOUT_MS: '0', MAX_CONNECTIONS_PER_IP: '0' })).toMatchObject({
      requestTimeoutMs: 0,
      maxConnectionsPerIp: 0,
    });
  });
});
