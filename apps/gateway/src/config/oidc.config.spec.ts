import { loadGatewayConfig } from './gateway.config';

const WIKI = { client_id: 'wiki', redirect_uris: ['https://wiki.example.com/cb'], first_party: true };
const clients = (value: unknown): NodeJS.ProcessEnv => ({ OIDC_CLIENTS: JSON.stringify(value) });

describe('gateway config: the OpenID Connect clients (OIDC_CLIENTS)', () => {
  it('reads a JSON array of clients, a public one without a secret, with defaults filled in', () => {
    const config = loadGatewayConfig(clients([WIKI]));
    expect(config.oidc.clients).toEqual([{ ...WIKI, post_logout_redirect_uris: [] }]);
    expect(loadGatewayConfig({}).oidc.clients).toEqual([]);
  });

  it('names the variable, the client and the field of every mistake', () => {
    expect(() => loadGatewayConfig({ OIDC_CLIENTS: '[{' })).toThrow(/OIDC_CLIENTS: must be a JSON array of clients/);
    expect(() => loadGatewayConfig(clients([{ ...WIKI, redirect_uris: [] }]))).toThrow(
      /OIDC_CLIENTS\.0\.redirect_uris: at least one redirect URI/,
    );
    expect(() => loadGatewayConfig(clients([{ ...WIKI, redirect_uris: ['https://wiki.example.com/cb#x'] }]))).toThrow(
      /OIDC_CLIENTS\.0\.redirect_uris\.0/,
    );
    expect(() => loadGatewayConfig(clients([{ ...WIKI, client_secret: 'short' }]))).toThrow(/OIDC_CLIENTS\.0\.client_secret: at least 32/);
    expect(() => loadGatewayConfig(clients([WIKI, WIKI]))).toThrow(/OIDC_CLIENTS\.1\.client_id: "wiki" appears twice/);
    expect(() => loadGatewayConfig(clients([{ ...WIKI, redirect_uri: 'x' }]))).toThrow(/OIDC_CLIENTS\.0/);
  });

  it('requires OIDC_COOKIE_KEYS in production once there are clients, each key at least 32 characters', () => {
    const production = {
      NODE_ENV: 'production',
      COOKIE_SECRET: 'a-production-cookie-secret-of-32-chars!!',
      TRANSPORT_URL: 'redis://:secret@redis:6379',
      PUBLIC_BASE_URL: 'https://auth.example.com/',
      METRICS_TOKEN: 'a-metrics-token-of-at-least-32-characters',
      ...clients([WIKI]),
    };
    expect(() => loadGatewayConfig(production)).toThrow(/OIDC_COOKIE_KEYS must be set in production/);
    expect(() => loadGatewayConfig({ ...production, OIDC_COOKIE_KEYS: 'short' })).toThrow(/OIDC_COOKIE_KEYS: each key at least 32/);
    const keys = ['k'.repeat(32), 'o'.repeat(40)];
    expect(loadGatewayConfig({ ...production, OIDC_COOKIE_KEYS: keys.join(', ') }).oidc.cookieKeys).toEqual(keys);
  });
});
