import { Answer, Http } from '../../../test/support/http';
import { usernameFingerprint } from '@app/common';
import { ADMIN, TestSystem } from '../../../test/support/system';

jest.setTimeout(90_000);

const PER_USERNAME = 3;
const PER_IP = 5;
const WINDOW_SECONDS = 600;
const PASSWORD = 'throttle-Strong-pass-1';
const AUDIT_USERNAME_KEY = 'throttle-test-audit-username-key-32-bytes';
/** How the audit log names a username it does not record as typed. */
const fingerprint = (username: string): string => usernameFingerprint(username, AUDIT_USERNAME_KEY);

/**
 * Brute force end to end: counts per username and per client IP live in Redis and are shared by every
 * gateway; past a limit the login (and the password grant) is a 429 with Retry-After even with the right
 * password, recorded as `login.throttled` and never checked against the hash.
 */
describe('login throttling', () => {
  let system: TestSystem;
  /** The stack's own gateway, which trusts X-Forwarded-For from loopback. */
  let trusting: Http;
  /** A second gateway, trusting too: shares the counts through Redis. */
  let replica: Http;
  /** A third gateway that trusts no proxy: X-Forwarded-For must be ignored. */
  let untrusting: Http;
  let admin: { cookie: string };
  let nextIp = 1;
  const ids = new Map<string, string>();

  /** A client address nobody else in this file uses. */
  const freshIp = (): string => `10.20.${Math.floor(nextIp / 250)}.${nextIp++ % 250}`;
  const from = (ip: string): Record<string, string> => ({ 'x-forwarded-for': ip });
  const login = (http: Http, username: string, password: string, ip?: string): Promise<Answer> =>
    http.post('/auth/login', { body: { username, password }, headers: ip ? from(ip) : {} });
  const grant = (http: Http, username: string, password: string, ip: string): Promise<Answer> =>
    http.post('/auth/token', { body: { grant_type: 'password', username, password }, headers: from(ip) });

  function expectThrottled(answer: Answer): void {
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(answer.setCookies).toEqual([]);
  }

  async function audit(type: string): Promise<Array<{ type: string; userId: string | null; ip: string; detail: Record<string, unknown> }>> {
    const answer = await trusting.get(`/admin/audit?type=${type}&limit=100`, { cookie: admin.cookie });
    expect(answer.status).toBe(200);
    return answer.body.items;
  }

  beforeAll(async () => {
    system = await TestSystem.start({
      serviceEnv: {
        'auth-service': {
          LOGIN_MAX_FAILURES_PER_USERNAME: String(PER_USERNAME),
          LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
          LOGIN_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
          AUDIT_USERNAME_KEY,
        },
        gateway: { TRUSTED_PROXIES: 'loopback' },
      },
    });
    trusting = new Http(system.baseUrl);
    replica = new Http((await system.startExtraGateway()).baseUrl);
    untrusting = new Http((await system.startExtraGateway({ TRUSTED_PROXIES: '' })).baseUrl);
    for (const name of ['shared', 'clears', 'sprayed', 'victim', 'granted', 'proxied'])
      ids.set(name, (await trusting.register(name, PASSWORD)).id);
    const answer = await trusting.post('/auth/login', { body: ADMIN, headers: from(freshIp()) });
    expect(answer.status).toBe(200);
    admin = { cookie: answer.setCookies[0].split(';')[0] };
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('counts failures per username across gateways, then refuses even the right password with 429 and Retry-After', async () => {
    expect((await login(trusting, 'shared', 'wrong-password-1', freshIp())).status).toBe(401);
    expect((await login(replica, 'shared', 'wrong-password-2', freshIp())).status).toBe(401);
    expect((await login(trusting, 'shared', 'wrong-password-3', freshIp())).status).toBe(401);
    expectThrottled(await login(replica, 'shared', PASSWORD, freshIp()));
    expectThrottled(await login(trusting, 'shared', PASSWORD, freshIp()));
    expectThrottled(await grant(replica, 'SHARED', PASSWORD, freshIp()));
  });

  it('records login.throttled, and a throttled attempt is neither checked nor counted as a failure', async () => {
    const failedBefore = (await audit('login.failed')).filter((event) => event.userId === ids.get('shared')).length;
    const ofShared = (event: { detail: Record<string, unknown> }): boolean => event.detail.usernameFingerprint === fingerprint('shared');
    const throttledBefore = (await audit('login.throttled')).filter(ofShared).length;
    const ip = freshIp();
    expectThrottled(await login(replica, 'shared', PASSWORD, ip));
    expectThrottled(await login(replica, 'shared', 'wrong-password-4', ip));
    const throttled = (await audit('login.throttled')).filter(ofShared);
    expect(throttled.length).toBe(throttledBefore + 2);
    expect(throttled[0]).toMatchObject({ type: 'login.throttled', ip });
    // No bcrypt verdict was reached: no new login.failed, no login.succeeded for the right password.
    expect((await audit('login.failed')).filter((event) => event.userId === ids.get('shared')).length).toBe(failedBefore);
    const users = await trusting.get('/admin/users?query=shared', { cookie: admin.cookie });
    expect(users.body.items[0]).toMatchObject({ username: 'shared', lastLoginAt: null });
  });

  it('clears the username count on success (but not the IP count)', async () => {
    const ip = freshIp();
    for (let round = 0; round < 2; round++) {
      for (let failure = 0; failure < PER_USERNAME - 1; failure++) {
        expect((await login(trusting, 'clears', `wrong-password-${failure}`, ip)).status).toBe(401);
      }
      expect((await login(replica, 'clears', PASSWORD, ip)).status).toBe(200);
    }
    // 4 failures from this IP so far; one more reaches the per-IP limit, which a success did not reset.
    expect((await login(trusting, 'nobody-here', 'wrong-password-9', ip)).status).toBe(401);
    expectThrottled(await login(trusting, 'clears', PASSWORD, ip));
    expect((await login(trusting, 'clears', PASSWORD, freshIp())).status).toBe(200);
  });

  it('limits failures per client IP across usernames (a password spray)', async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < PER_IP; attempt++) {
      const gateway = attempt % 2 ? replica : trusting;
      expect((await login(gateway, `sprayed-${attempt}`, 'Summer2026!', ip)).status).toBe(401);
    }
    expectThrottled(await login(trusting, 'victim', PASSWORD, ip));
    expectThrottled(await grant(replica, 'victim', PASSWORD, ip));
    expect((await login(trusting, 'victim', PASSWORD, freshIp())).status).toBe(200);
  });

  it('throttles the password grant on POST /auth/token the same way, sharing the count with /auth/login', async () => {
    const failures = [
      await grant(trusting, 'granted', 'wrong-password-1', freshIp()),
      await login(replica, 'granted', 'wrong-password-2', freshIp()),
      await grant(replica, 'granted', 'wrong-password-3', freshIp()),
    ];
    expect(failures.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expectThrottled(await grant(trusting, 'granted', PASSWORD, freshIp()));
    expectThrottled(await login(trusting, 'granted', PASSWORD, freshIp()));
    const throttled = (await audit('login.throttled')).filter((event) => event.detail.usernameFingerprint === fingerprint('granted'));
    expect(throttled.length).toBe(2);
  });

  it('honours X-Forwarded-For only from a trusted proxy', async () => {
    // Through the gateway that trusts no proxy every attempt counts against the socket's address.
    let answer: Answer | undefined;
    let attempts = 0;
    while (attempts < PER_IP + 1) {
      answer = await login(untrusting, `proxied-${attempts}`, 'wrong-password-1', freshIp());
      attempts++;
      if (answer.status === 429) break;
    }
    expect(answer?.status).toBe(429);
    expect(attempts).toBeLessThanOrEqual(PER_IP + 1);
    const spoofed = freshIp();
    expectThrottled(await login(untrusting, 'proxied', PASSWORD, spoofed));
    // The same client through a trusted proxy is judged by the forwarded address.
    expect((await login(trusting, 'proxied', PASSWORD, spoofed)).status).toBe(200);
    const failed = await audit('login.failed');
    const proxied = new Set(Array.from({ length: attempts }, (_, index) => fingerprint(`proxied-${index}`)));
    const viaUntrusting = failed.filter((event) => proxied.has(String(event.detail.usernameFingerprint)));
    expect(viaUntrusting.length).toBeGreaterThan(0);
    for (const event of viaUntrusting) expect(event.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
