import { AdminPatterns, DomainError, ErrorCode } from '@app/common';
import { Http } from '../../../test/support/http';
import { ADMIN, PrivateNats, TestSystem, freePort, metricValue, waitFor } from '../../../test/support/system';
import { adminServiceClient } from '../../../test/support/transport';

jest.setTimeout(120_000);

const PASSWORD = 'a-Strong-password-1';

async function scrape(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

/** The transport's handled-message count for a pattern on one replica (the histogram's _count). */
function handled(text: string, pattern: string): number {
  return metricValue(text, 'messages_handled_seconds_count', { pattern, outcome: 'ok' });
}

describe('scaling out on NATS', () => {
  let nats: PrivateNats;
  let system: TestSystem;
  let http: Http;
  const authPorts: number[] = [];
  const adminPorts: number[] = [];

  beforeAll(async () => {
    nats = await PrivateNats.start();
    authPorts.push(await freePort(), await freePort());
    adminPorts.push(await freePort(), await freePort());
    // Replicas of the auth-service share a database: PostgreSQL (SQLite is the one-process embedded default).
    system = await TestSystem.start({
      database: 'postgres',
      transportUrl: nats.url,
      // Every /auth/me resolves through an auth-service replica, so the spread can be counted.
      serviceEnv: {
        gateway: { SESSION_CACHE_TTL_MS: '0' },
        'auth-service': { METRICS_PORT: String(authPorts[0]) },
        'admin-service': { METRICS_PORT: String(adminPorts[0]) },
      },
    });
    system.startReplica('auth-service', { METRICS_PORT: String(authPorts[1]) });
    system.startReplica('admin-service', { METRICS_PORT: String(adminPorts[1]) });
    for (const port of [...authPorts, ...adminPorts]) await waitFor(`http://127.0.0.1:${port}/metrics`);
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await nats?.stop();
  });

  it('shares 200 logins and 1,000 resolutions between two auth-service replicas, each answered exactly once', async () => {
    await http.register('scaler');
    const before = await Promise.all(authPorts.map(scrape));
    const sessions: Array<{ cookie: string }> = [];
    for (let i = 0; i < 200; i += 20) {
      sessions.push(...(await Promise.all(Array.from({ length: 20 }, () => http.login('scaler', PASSWORD)))));
    }
    for (let i = 0; i < 1000; i += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, j) => http.get('/auth/me', { cookie: sessions[(i + j) % 200].cookie })),
      );
      for (const answer of answers) expect(answer.status).toBe(200);
    }
    const after = await Promise.all(authPorts.map(scrape));
    const logins = after.map((text, i) => handled(text, 'auth.login') - handled(before[i], 'auth.login'));
    const resolves = after.map((text, i) => handled(text, 'auth.session.resolve') - handled(before[i], 'auth.session.resolve'));
    console.log(`auth-service replicas: logins ${logins.join(' + ')}, resolutions ${resolves.join(' + ')}`);
    expect(logins[0] + logins[1]).toBe(200);
    expect(resolves[0] + resolves[1]).toBe(1000);
    for (const count of [...logins, ...resolves]) expect(count).toBeGreaterThan(0);
  });

  it('accepts, on either auth-service replica, bearer tokens minted by the other (one shared signing key)', async () => {
    const before = await Promise.all(authPorts.map(scrape));
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () =>
        http.post('/auth/token', { body: { grant_type: 'password', username: 'scaler', password: PASSWORD } }),
      ),
    );
    for (const token of tokens) expect(token.status).toBe(200);
    const checks = await Promise.all(
      tokens.flatMap((token) => Array.from({ length: 5 }, () => http.get('/auth/me', { bearer: token.body.access_token }))),
    );
    for (const check of checks) expect(check.status).toBe(200);
    const after = await Promise.all(authPorts.map(scrape));
    const minted = after.map((text, i) => handled(text, 'auth.token.password') - handled(before[i], 'auth.token.password'));
    const verified = after.map((text, i) => handled(text, 'auth.session.resolve') - handled(before[i], 'auth.session.resolve'));
    console.log(`bearer tokens minted ${minted.join(' + ')}, verified ${verified.join(' + ')} by the two replicas`);
    expect(minted[0] + minted[1]).toBe(20);
    for (const count of [...minted, ...verified]) expect(count).toBeGreaterThan(0);
  });

  it('delivers a revocation to every admin-service replica', async () => {
    const victim = await http.login(ADMIN.username, ADMIN.password);
    const revoker = await http.login(ADMIN.username, ADMIN.password);
    const victimId = (await http.get('/auth/me', { cookie: victim.cookie })).body.session.id;
    const admin = adminServiceClient(nats.url);
    const credential = { kind: 'session' as const, token: victim.sid };
    try {
      // Warm both replicas' caches with the victim's session.
      const servedBy = async () => (await Promise.all(adminPorts.map(scrape))).map((text) => handled(text, AdminPatterns.ListUsers));
      const start = await servedBy();
      let spread = start.map(() => 0);
      for (let i = 0; i < 200 && spread.some((n) => n === 0); i++) {
        await admin.send(AdminPatterns.ListUsers, { credential, limit: 1 });
        spread = (await servedBy()).map((n, j) => n - start[j]);
      }
      expect(spread.every((n) => n > 0)).toBe(true);

      expect((await http.delete(`/auth/sessions/${victimId}`, { cookie: revoker.cookie, csrf: revoker.csrf })).status).toBe(204);
      const codes = await Promise.all(
        Array.from({ length: 40 }, () =>
          admin.send(AdminPatterns.ListUsers, { credential, limit: 1 }).then(
            () => 'served',
            (e: DomainError) => e.code,
          ),
        ),
      );
      expect(new Set(codes)).toEqual(new Set([ErrorCode.Unauthenticated]));
    } finally {
      await admin.close();
    }
  });

  it('exposes the gateway’s Prometheus metrics: requests by route and status, login outcomes, round trips, cache', async () => {
    await http.post('/auth/login', { body: { username: 'scaler', password: 'wrong-password' } });
    const text = (await http.get('/metrics')).text;
    expect(
      metricValue(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/auth/me', status: '200' }),
    ).toBeGreaterThanOrEqual(1000);
    expect(metricValue(text, 'login_attempts_total', { route: '/auth/login', outcome: 'success' })).toBeGreaterThanOrEqual(200);
    expect(metricValue(text, 'login_attempts_total', { route: '/auth/login', outcome: 'invalid_credentials' })).toBeGreaterThanOrEqual(1);
    expect(
      metricValue(text, 'transport_round_trip_seconds_count', { pattern: 'auth.session.resolve', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1000);
    expect(text).toMatch(/session_cache_lookups_total\{[^}]*result="miss"/);
  });
});
