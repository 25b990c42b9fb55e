import { AuthPatterns, BroadcastChannels, hashToken } from '@app/common';
import { waitUntil } from '../../../test/support/engine-process';
import { FailoverLoad } from '../../../test/support/failover-load';
import { Answer, Http } from '../../../test/support/http';
import { NatsCluster } from '../../../test/support/nats-cluster';
import { TestSystem } from '../../../test/support/system';

jest.setTimeout(180_000);

const PASSWORD = 'nats-Strong-pass-1';
const USERS = ['gus', 'hal', 'ida', 'jon'];

/**
 * A gateway that caches resolved sessions for a minute: only the revocation broadcast can make it
 * forget one, so a revoked session it still accepts means its broadcast subscription did not survive.
 */
async function expectBroadcastsReach(cached: Http, other: Http, username: string): Promise<number> {
  const session = await other.login(username, PASSWORD);
  expect((await cached.get('/auth/me', { cookie: session.cookie })).status).toBe(200);
  const revoked = await other.delete(`/auth/sessions/${encodeURIComponent(hashToken(session.sid))}`, {
    cookie: session.cookie,
    csrf: session.csrf,
  });
  expect(revoked.status).toBe(204);
  return waitUntil(
    'the cached gateway to drop the revoked session',
    async () => (await cached.get('/auth/me', { cookie: session.cookie })).status === 401,
    2000,
    20,
  );
}

describe('a three-server NATS cluster: the server the auth-service is connected to killed under load', () => {
  let nats: NatsCluster;
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    nats = await NatsCluster.start(3);
    system = await TestSystem.start({ transportUrl: nats.url(), env: { SESSION_CACHE_TTL_MS: '0' } });
    http = new Http(system.baseUrl);
    for (const user of USERS) await http.register(user, PASSWORD);
  });

  afterAll(async () => {
    await system?.stop();
    await nats?.stop();
  });

  it('answers only 2xx, 401 for revoked credentials or 503 with Retry-After, recovers, and loses nothing', async () => {
    const target = await nats.serverOf(AuthPatterns.ResolveSession, 'auth-service');
    // A gateway given only the doomed server: it learns the others from the cluster and must move there.
    const cached = new Http((await system.startExtraGateway({ TRANSPORT_URL: nats.url(target), SESSION_CACHE_TTL_MS: '60000' })).baseUrl);
    const load = new FailoverLoad(http, USERS, PASSWORD);
    await load.prepare(20, 8);
    const listeners = await nats.subscribers(BroadcastChannels.Revoked);
    let killedAt = 0;
    const fault = (async () => {
      await new Promise((next) => setTimeout(next, 4000));
      killedAt = Date.now();
      await nats.server(target).stop('SIGKILL');
    })();
    await load.run(15_000, 8);
    await fault;
    const figures = load.figures(killedAt);
    const verified = await load.verify();
    const movedTo = await nats.serverOf(AuthPatterns.ResolveSession, 'auth-service');
    // Every process listens to revocations again (on the servers left) before the broadcast is tested.
    await waitUntil('every revocation listener back', async () => (await nats.subscribers(BroadcastChannels.Revoked)) === listeners);
    const broadcastMs = await expectBroadcastsReach(cached, http, 'gus');
    console.log(
      `NATS cluster, server ${target} (the auth-service's) SIGKILLed at 4 s of 15 s of load; the auth-service moved to ${movedTo}: ` +
        JSON.stringify({ ...figures, violations: figures.violations.length, verified, broadcastMs }, null, 1),
    );

    expect(movedTo).not.toBe(target);
    expect(figures.violations).toEqual([]);
    expect(verified.lost).toEqual([]);
    expect(figures.recoveryMs).toBeLessThan(10_000);
    // Nothing waited past the transport timeout (3 s) by much: in-flight requests end as 503s.
    expect(figures.slowestMs).toBeLessThan(5000);
  });
});

describe('a single nats-server stopped and started again', () => {
  let nats: NatsCluster;
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    nats = await NatsCluster.start(1);
    system = await TestSystem.start({ transportUrl: nats.url(), env: { TRANSPORT_TIMEOUT_MS: '1000', SESSION_CACHE_TTL_MS: '60000' } });
    http = new Http(system.baseUrl);
    for (const user of USERS) await http.register(user, PASSWORD);
  });

  afterAll(async () => {
    await system?.stop();
    await nats?.stop();
  });

  it('answers 503 within the transport timeout while it is gone, then every service reconnects and hears revocations again', async () => {
    const other = new Http((await system.startExtraGateway()).baseUrl);
    const session = await http.login('hal', PASSWORD);
    expect((await http.get('/auth/me', { cookie: session.cookie })).status).toBe(200);
    const listeners = await nats.subscribers(BroadcastChannels.Revoked);
    await nats.server(0).stop('SIGTERM');

    const answers: Array<{ label: string; status: number; ms: number; retryAfter: string | null }> = [];
    const deadline = Date.now() + 3000;
    const requests: Array<[string, () => Promise<Answer>]> = [
      ['login', () => http.post('/auth/login', { body: { username: 'hal', password: PASSWORD } })],
      ['me', () => other.get('/auth/me', { cookie: session.cookie })],
      ['sessions', () => http.get('/auth/sessions', { cookie: session.cookie })],
    ];
    await Promise.all(
      requests.map(async ([label, request]) => {
        while (Date.now() < deadline) {
          const started = Date.now();
          const answer = await request();
          answers.push({ label, status: answer.status, ms: Date.now() - started, retryAfter: answer.headers.get('retry-after') });
        }
      }),
    );
    expect(answers.length).toBeGreaterThan(3);
    for (const answer of answers) {
      expect({ ...answer, ok: answer.status === 503 && Number(answer.retryAfter) > 0 && answer.ms < 2000 }).toMatchObject({ ok: true });
    }

    await nats.restart(0);
    const recoveredMs = await waitUntil(
      'a login through the restarted server',
      async () => (await http.post('/auth/login', { body: { username: 'hal', password: PASSWORD } })).status === 200,
      15_000,
    );
    await waitUntil('the second gateway back', async () => (await other.get('/health/ready')).status === 200, 15_000);
    await waitUntil('every revocation listener back', async () => (await nats.subscribers(BroadcastChannels.Revoked)) === listeners);
    const broadcastMs = await expectBroadcastsReach(http, other, 'ida');
    console.log(
      `single nats-server stopped 3 s: ${answers.length} answers, all 503 + Retry-After; login again ${recoveredMs} ms after the restart; a revocation reached the other gateway's cache in ${broadcastMs} ms`,
    );
    for (const name of ['gateway', 'auth-service', 'admin-service'] as const) expect(system.service(name).running).toBe(true);
  });
});
