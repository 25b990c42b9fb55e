import { createRemoteJWKSet, jwtVerify } from 'jose';
import { BrowserAgent } from '../../../test/support/browser-agent';
import { Http } from '../../../test/support/http';
import { BackchannelReceiver, client, refusal, RelyingParties } from '../../../test/support/relying-party';
import { freePort, TestSystem, waitFor } from '../../../test/support/system';
import type { Cluster, Redis } from 'ioredis';

jest.setTimeout(120_000);

const PASSWORD = 'a-Strong-password-1';
const TOOL_CALLBACK = 'http://tool.example.test/callback';
const WIKI_CALLBACK = 'http://wiki.example.test/callback';
/** Short enough for a test to outlive a session; touches are rarer than that, so a session ends this long after its login. */
const IDLE_SECONDS = 4;

/**
 * What becomes of a client's grants when the gateway session behind them ends without the client's
 * help: the back-channel logout token waits in Redis for a client that is down (across a restart of
 * the auth-service), and a session that merely expires ends its grants as a logout does. These are
 * Redis behaviours, the same on either database: SQLite only.
 */
describe('OpenID Connect grants of sessions that end: queued back-channel logout, expiry', () => {
  let system: TestSystem;
  let http: Http;
  let rp: RelyingParties;
  let issuer: URL;
  /** What the system stored, for assertions (one connection: system.redis() opens a new one each call). */
  let redis: Redis | Cluster;
  /** The tool's endpoint: not listening until the test says so. */
  let downClient: BackchannelReceiver;
  const wiki = new BackchannelReceiver();

  beforeAll(async () => {
    downClient = new BackchannelReceiver(await freePort());
    await wiki.start();
    const clients = [
      { client_id: 'tool', redirect_uris: [TOOL_CALLBACK], backchannel_logout_uri: downClient.url, first_party: true },
      { client_id: 'wiki', redirect_uris: [WIKI_CALLBACK], backchannel_logout_uri: wiki.url, first_party: true },
    ];
    system = await TestSystem.start({
      env: { SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS) },
      serviceEnv: { gateway: { OIDC_CLIENTS: JSON.stringify(clients) } },
    });
    http = new Http(system.baseUrl);
    issuer = new URL(system.baseUrl.replace('127.0.0.1', 'localhost'));
    rp = new RelyingParties(issuer, http);
    redis = system.redis();
  });

  afterAll(async () => {
    redis?.disconnect();
    await system?.stop();
    await downClient?.stop();
    await wiki.stop();
  });

  const queueKey = () => `${system.prefix}oidc:backchannel`;

  async function queued(): Promise<Array<{ failures: number; grant: { clientId: string } }>> {
    return (await redis.zrange(queueKey(), '0', '-1')).map((member) => JSON.parse(member));
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function verifiedLogoutToken(token: string, audience: string) {
    return jwtVerify(token, createRemoteJWKSet(new URL(`${issuer.origin}/oidc/jwks`)), { issuer: issuer.origin, audience });
  }

  it('keeps the logout token of a client that is down in Redis, across an auth-service restart, and sends it once the client is back', async () => {
    await http.register('ada', PASSWORD);
    const session = await http.login('ada', PASSWORD);
    const browser = new BrowserAgent(issuer.origin);
    browser.setCookie('sid', session.sid);
    const { tokens } = await rp.signIn(await rp.discover('tool'), browser, TOOL_CALLBACK);
    const sid = tokens.claims()!.sid;
    expect(typeof sid).toBe('string');

    // The logout is answered while the client is unreachable: it never waits for one.
    expect((await http.post('/auth/logout', { cookie: session.cookie, csrf: session.csrf, body: {} })).status).toBe(204);
    const failedOnce = await until('a failed first attempt, queued again', async () => {
      const [delivery] = await queued();
      return delivery && delivery.failures >= 1 ? delivery : undefined;
    });
    expect(failedOnce.grant.clientId).toBe('tool');

    await system.service('auth-service').stop();
    expect(await queued()).toHaveLength(1);
    system.startService('auth-service');
    await waitFor(`${system.baseUrl}/health/ready`);

    await downClient.start();
    const { payload, protectedHeader } = await verifiedLogoutToken(await downClient.next(30_000), 'tool');
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'logout+jwt' });
    expect(payload).toMatchObject({ sub: tokens.claims()!.sub, sid, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });
    await until('the delivered token off the queue', async () => ((await queued()).length === 0 ? true : undefined));
    expect(downClient.tokens).toHaveLength(0);
  });

  it('ends the grants of a session that simply expires: the client is sent a logout token, and its refresh token is refused', async () => {
    await http.register('grace', PASSWORD);
    const config = await rp.discover('wiki');
    const { tokens } = await rp.signIn(config, await rp.loggedInBrowser('grace', PASSWORD), WIKI_CALLBACK);
    // Still usable while the session lives.
    const rotated = await client.refreshTokenGrant(config, tokens.refresh_token!);

    const { payload } = await verifiedLogoutToken(await wiki.next((IDLE_SECONDS + 10) * 1000), 'wiki');
    expect(payload).toMatchObject({ sub: tokens.claims()!.sub, sid: tokens.claims()!.sid });
    expect(await refusal(client.refreshTokenGrant(config, rotated.refresh_token!))).toBe('invalid_grant');
    expect(await redis.zcard(`${system.prefix}oidc:session-watch`)).toBe(0);
  });
});
