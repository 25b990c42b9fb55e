import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { BrowserAgent } from '../../../test/support/browser-agent';
import { Http } from '../../../test/support/http';
import { DATABASES, TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

const PASSWORD = 'a-Strong-password-1';
const CALLBACK = 'http://wiki.example.test/callback';
const CALLBACK_2 = 'http://grafana.example.test/login/generic_oauth';
const THIRD_PARTY_CALLBACK = 'http://partner.example.test/cb';
const SECRET = 'grafana-client-secret-0123456789abcdef';

const CLIENTS = [
  { client_id: 'wiki', redirect_uris: [CALLBACK], post_logout_redirect_uris: ['http://wiki.example.test/bye'], first_party: true },
  { client_id: 'grafana', client_secret: SECRET, redirect_uris: [CALLBACK_2], first_party: true },
  { client_id: 'partner', client_secret: SECRET, redirect_uris: [THIRD_PARTY_CALLBACK] },
];

describe.each(DATABASES)('OpenID Connect provider with openid-client as the relying party (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  /** The issuer: PUBLIC_BASE_URL's default in the test system (localhost on the gateway's port). */
  let issuer: URL;

  async function discover(clientId: string, secret?: string): Promise<client.Configuration> {
    return client.discovery(issuer, clientId, secret, secret ? client.ClientSecretBasic(secret) : client.None(), {
      execute: [client.allowInsecureRequests],
    });
  }

  /** A browser logged in at the gateway (its own login API). */
  async function loggedInBrowser(username: string): Promise<BrowserAgent> {
    const { sid } = await http.login(username, PASSWORD);
    const agent = new BrowserAgent(issuer.origin);
    agent.setCookie('sid', sid);
    return agent;
  }

  function authorizationUrl(config: client.Configuration, redirectUri: string, extra: Record<string, string> = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    return client.calculatePKCECodeChallenge(verifier).then((challenge) => ({
      url: client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile offline_access',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state,
        nonce,
        ...extra,
      }),
      verifier,
      state,
      nonce,
    }));
  }

  beforeAll(async () => {
    system = await TestSystem.start({ database, serviceEnv: { gateway: { OIDC_CLIENTS: JSON.stringify(CLIENTS) } } });
    http = new Http(system.baseUrl);
    issuer = new URL(system.baseUrl.replace('127.0.0.1', 'localhost'));
    await http.register('ada', PASSWORD, 'ada@example.com');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('publishes discovery at the issuer: endpoints under /oidc/, code flow only, PKCE S256, ES256 ID tokens', async () => {
    const config = await discover('wiki');
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer.origin);
    expect(metadata.authorization_endpoint).toBe(`${issuer.origin}/oidc/auth`);
    expect(metadata.token_endpoint).toBe(`${issuer.origin}/oidc/token`);
    expect(metadata.jwks_uri).toBe(`${issuer.origin}/oidc/jwks`);
    expect(metadata.end_session_endpoint).toBe(`${issuer.origin}/oidc/session/end`);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.id_token_signing_alg_values_supported).toContain('ES256');
  });

  it('gives a logged-in browser a code at once (single sign-on), and the code tokens whose ID token verifies against the JWKS', async () => {
    const config = await discover('wiki');
    const browser = await loggedInBrowser('ada');
    const { url, verifier, state, nonce } = await authorizationUrl(config, CALLBACK);

    const stop = await browser.navigate(url.href);
    expect(stop.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(stop.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });

    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${issuer.origin}/oidc/jwks`)), {
      issuer: issuer.origin,
      audience: 'wiki',
    });
    expect(protectedHeader.alg).toBe('ES256');
    const apiKeys = await http.get('/.well-known/jwks.json');
    expect(apiKeys.body.keys.map((key: { kid: string }) => key.kid)).toContain(protectedHeader.kid);
    const me = await http.get('/auth/me', { cookie: `sid=${browser.cookie('sid')}` });
    expect(payload).toMatchObject({
      sub: me.body.user.id,
      email: 'ada@example.com',
      preferred_username: 'ada',
      acr: '1fa',
      amr: ['pwd'],
      nonce,
    });
    expect(typeof payload.auth_time).toBe('number');

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, payload.sub!);
    expect(userinfo).toMatchObject({ sub: me.body.user.id, email: 'ada@example.com', email_verified: false, preferred_username: 'ada' });
    expect(tokens.refresh_token).toBeDefined();
  });
});
