import { createRemoteJWKSet, jwtVerify } from 'jose';
import { BrowserAgent, hiddenField } from '../../../test/support/browser-agent';
import { Http } from '../../../test/support/http';
import { BackchannelReceiver, client, refusal, RelyingParties } from '../../../test/support/relying-party';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

const PASSWORD = 'a-Strong-password-1';
const CALLBACK = 'http://wiki.example.test/callback';
const CALLBACK_2 = 'http://grafana.example.test/login/generic_oauth';
const THIRD_PARTY_CALLBACK = 'http://partner.example.test/cb';
const SECRET = 'grafana-client-secret-0123456789abcdef';

const LOGGED_OUT = 'http://wiki.example.test/bye';

function clientsWith(backchannelUri: string) {
  return [
    {
      client_id: 'wiki',
      redirect_uris: [CALLBACK],
      post_logout_redirect_uris: [LOGGED_OUT],
      backchannel_logout_uri: backchannelUri,
      first_party: true,
    },
    { client_id: 'grafana', client_secret: SECRET, redirect_uris: [CALLBACK_2], first_party: true },
    { client_id: 'partner', client_secret: SECRET, redirect_uris: [THIRD_PARTY_CALLBACK] },
  ];
}

describe.each(DATABASES)('OpenID Connect provider with openid-client as the relying party (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  /** The issuer: PUBLIC_BASE_URL's default in the test system (localhost on the gateway's port). */
  let issuer: URL;
  const backchannel = new BackchannelReceiver();

  let rp: RelyingParties;
  const discover = (clientId: string, secret?: string) => rp.discover(clientId, secret);
  const loggedInBrowser = (username: string) => rp.loggedInBrowser(username, PASSWORD);
  const authorizationUrl = (config: client.Configuration, redirectUri: string, extra?: Record<string, string>) =>
    rp.authorizationUrl(config, redirectUri, extra);
  const signIn = (config: client.Configuration, browser: BrowserAgent, redirectUri: string, extra?: Record<string, string>) =>
    rp.signIn(config, browser, redirectUri, extra);

  beforeAll(async () => {
    await backchannel.start();
    system = await TestSystem.start({ database, serviceEnv: { gateway: { OIDC_CLIENTS: JSON.stringify(clientsWith(backchannel.url)) } } });
    http = new Http(system.baseUrl);
    issuer = new URL(system.baseUrl.replace('127.0.0.1', 'localhost'));
    rp = new RelyingParties(issuer, http);
    await http.register('ada', PASSWORD, 'ada@example.com');
  });

  afterAll(async () => {
    await system?.stop();
    await backchannel.stop();
  });

  async function userIdOf(browser: BrowserAgent): Promise<string> {
    return (await http.get('/auth/me', { cookie: `sid=${browser.cookie('sid')}` })).body.user.id;
  }

  async function auditTypes(userId: string): Promise<string[]> {
    const admin = await http.login(ADMIN.username, ADMIN.password);
    const page = await http.get(`/admin/audit?userId=${userId}&limit=100`, { cookie: admin.cookie });
    return page.body.items.map((item: { type: string }) => item.type);
  }

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

  it('sends a browser that is not logged in to the login page, and back through it with a code', async () => {
    const config = await discover('wiki');
    const browser = new BrowserAgent(issuer.origin);
    const request = await authorizationUrl(config, CALLBACK);
    const loginPage = await browser.navigate(request.url.href);
    expect(new URL(loginPage.url).pathname).toBe('/login');
    expect(loginPage.status).toBe(200);
    const next = new URL(loginPage.url).searchParams.get('next')!;
    expect(next).toMatch(/^\/oidc\/interaction\//);

    const back = await browser.navigate('/login', {
      _csrf: hiddenField(loginPage.html, '_csrf')!,
      next: hiddenField(loginPage.html, 'next')!,
      username: 'ada',
      password: PASSWORD,
    });
    expect(back.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(back.url), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    expect(tokens.claims()?.sub).toBe(await userIdOf(browser));
    expect(await auditTypes(tokens.claims()!.sub)).toContain('oidc.token_issued');
  });

  it('signs a second client in without any page (single sign-on), a confidential one with its secret', async () => {
    const browser = await loggedInBrowser('ada');
    const first = await signIn(await discover('wiki'), browser, CALLBACK);
    const second = await signIn(await discover('grafana', SECRET), browser, CALLBACK_2);
    expect(second.tokens.claims()?.sub).toBe(first.tokens.claims()?.sub);
    expect(second.tokens.claims()?.aud).toBe('grafana');
    expect(
      await refusal(
        discover('grafana', 'a-wrong-secret-for-grafana-0123456789').then((config) =>
          client.refreshTokenGrant(config, second.tokens.refresh_token!),
        ),
      ),
    ).toBe('invalid_client');
  });

  it('rotates refresh tokens: a spent one is refused, and its reuse ends the grant (the rotated one too)', async () => {
    const config = await discover('wiki');
    const { tokens } = await signIn(config, await loggedInBrowser('ada'), CALLBACK);
    const rotated = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(rotated.refresh_token).toBeDefined();
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(rotated.claims()?.sub).toBe(tokens.claims()?.sub);
    const again = await client.refreshTokenGrant(config, rotated.refresh_token!);
    expect(await refusal(client.refreshTokenGrant(config, tokens.refresh_token!))).toBe('invalid_grant');
    // Reuse detection: a spent token shown again may be a stolen copy, so every token of the grant ends.
    expect(await refusal(client.refreshTokenGrant(config, again.refresh_token!))).toBe('invalid_grant');
  });

  it('refuses a code used twice, and revokes the tokens issued from its first use', async () => {
    const config = await discover('wiki');
    const { tokens, callback, request } = await signIn(config, await loggedInBrowser('ada'), CALLBACK);
    const again = client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: request.verifier, expectedState: request.state });
    expect(await refusal(again)).toBe('invalid_grant');
    const userinfo = await fetch(`${issuer.origin}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(401);
  });

  it('asks a third-party client’s user for consent on a CSRF-protected page, once', async () => {
    const config = await discover('partner', SECRET);
    const browser = await loggedInBrowser('ada');
    const request = await authorizationUrl(config, THIRD_PARTY_CALLBACK, { scope: 'openid email' });
    const page = await browser.navigate(request.url.href);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Allow partner to sign you in?');
    const action = /action="([^"]+\/consent)"/.exec(page.html)![1];

    const forged = await browser.request('POST', action, { decision: 'allow' });
    expect(forged.status).toBe(403);
    const granted = await browser.navigate(action, { _csrf: hiddenField(page.html, '_csrf')!, decision: 'allow' });
    expect(granted.url.startsWith(THIRD_PARTY_CALLBACK)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(granted.url), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    expect(tokens.claims()).toMatchObject({ aud: 'partner', email: 'ada@example.com' });
    expect(await auditTypes(tokens.claims()!.sub)).toContain('oidc.consent_granted');

    // Granted once: the next sign-in goes straight back.
    await signIn(config, browser, THIRD_PARTY_CALLBACK, { scope: 'openid email' });
  });

  it('answers access_denied to the client when the user denies consent', async () => {
    await http.register('grace', PASSWORD);
    const config = await discover('partner', SECRET);
    const browser = await loggedInBrowser('grace');
    const request = await authorizationUrl(config, THIRD_PARTY_CALLBACK, { scope: 'openid' });
    const page = await browser.navigate(request.url.href);
    const action = /action="([^"]+\/consent)"/.exec(page.html)![1];
    const denied = await browser.navigate(action, { _csrf: hiddenField(page.html, '_csrf')!, decision: 'deny' });
    expect(new URL(denied.url).searchParams.get('error')).toBe('access_denied');
  });

  it('asks for the password again on prompt=login, then answers with a later auth_time', async () => {
    const config = await discover('wiki');
    const browser = await loggedInBrowser('ada');
    const first = await signIn(config, browser, CALLBACK);
    const request = await authorizationUrl(config, CALLBACK, { prompt: 'login' });
    const page = await browser.navigate(request.url.href);
    expect(new URL(page.url).pathname).toBe('/reauthenticate');
    const back = await browser.navigate('/reauthenticate', {
      _csrf: hiddenField(page.html, '_csrf')!,
      next: hiddenField(page.html, 'next')!,
      password: PASSWORD,
    });
    expect(back.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await client.authorizationCodeGrant(config, new URL(back.url), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    expect(tokens.claims()!.auth_time!).toBeGreaterThanOrEqual(first.tokens.claims()!.auth_time!);
    expect(tokens.claims()!.sub).toBe(first.tokens.claims()!.sub);
  });

  it('refuses hostile requests as the specifications say, never with a 500', async () => {
    const config = await discover('wiki');
    const browser = await loggedInBrowser('ada');
    const foreign = await authorizationUrl(config, 'http://wiki.example.test/callback/../evil');
    const nearMiss = await browser.request('GET', foreign.url.href);
    expect(nearMiss.status).toBe(400);
    expect(nearMiss.headers.get('location')).toBeNull();
    const page = await nearMiss.text();
    expect(page).toContain('This sign-in request cannot be completed');
    expect(page).toContain('(invalid_redirect_uri)');

    const unknown = new URL(foreign.url);
    unknown.searchParams.set('client_id', 'nobody');
    unknown.searchParams.set('redirect_uri', CALLBACK);
    expect((await browser.request('GET', unknown.href)).status).toBe(400);

    const withoutPkce = await authorizationUrl(config, CALLBACK);
    withoutPkce.url.searchParams.delete('code_challenge');
    withoutPkce.url.searchParams.delete('code_challenge_method');
    const noPkce = await browser.navigate(withoutPkce.url.href);
    expect(new URL(noPkce.url).searchParams.get('error')).toBe('invalid_request');

    const wrongVerifier = await authorizationUrl(config, CALLBACK);
    const stop = await browser.navigate(wrongVerifier.url.href);
    const exchange = client.authorizationCodeGrant(config, new URL(stop.url), {
      pkceCodeVerifier: client.randomPKCECodeVerifier(),
      expectedState: wrongVerifier.state,
    });
    expect(await refusal(exchange)).toBe('invalid_grant');

    const { tokens } = await signIn(config, browser, CALLBACK);
    const [header, payload] = tokens.id_token!.split('.');
    const tampered = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const endSession = client.buildEndSessionUrl(config, { id_token_hint: tampered, post_logout_redirect_uri: LOGGED_OUT });
    expect((await browser.request('GET', endSession.href)).status).toBe(400);
  });

  it('ends the gateway session on RP-initiated logout, and with it the grants made through it', async () => {
    const config = await discover('wiki');
    const browser = await loggedInBrowser('ada');
    const { tokens } = await signIn(config, browser, CALLBACK);
    const sid = browser.cookie('sid')!;
    backchannel.tokens.length = 0;

    const endSession = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: LOGGED_OUT,
      state: 'bye',
    });
    const page = await browser.navigate(endSession.href);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Yes, sign me out');
    const done = await browser.navigate('/oidc/session/end/confirm', { xsrf: hiddenField(page.html, 'xsrf')!, logout: 'yes' });
    expect(done.url).toBe(`${LOGGED_OUT}?state=bye`);

    expect((await http.get('/auth/me', { cookie: `sid=${sid}` })).status).toBe(401);
    expect(browser.cookie('sid')).toBeUndefined();
    expect(await refusal(client.refreshTokenGrant(config, tokens.refresh_token!))).toBe('invalid_grant');
    expect(await auditTypes(tokens.claims()!.sub)).toContain('oidc.logout');
    await backchannel.next();
  });

  it('sends a back-channel logout token, signed with the ID tokens’ key, when an admin disables the user', async () => {
    await http.register('linus', PASSWORD);
    const config = await discover('wiki');
    const { tokens } = await signIn(config, await loggedInBrowser('linus'), CALLBACK);
    const userId = tokens.claims()!.sub;
    backchannel.tokens.length = 0;

    const admin = await http.login(ADMIN.username, ADMIN.password);
    const disabled = await http.patch(`/admin/users/${userId}`, { cookie: admin.cookie, csrf: admin.csrf, body: { active: false } });
    expect(disabled.status).toBe(200);

    const logoutToken = await backchannel.next();
    const { payload, protectedHeader } = await jwtVerify(logoutToken, createRemoteJWKSet(new URL(`${issuer.origin}/oidc/jwks`)), {
      issuer: issuer.origin,
      audience: 'wiki',
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'logout+jwt' });
    expect(payload).toMatchObject({ sub: userId, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });
    expect(payload.nonce).toBeUndefined();
    expect(await refusal(client.refreshTokenGrant(config, tokens.refresh_token!))).toBe('invalid_grant');
  });
});
