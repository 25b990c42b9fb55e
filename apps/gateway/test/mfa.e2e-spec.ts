import { createHash, randomBytes } from 'node:crypto';
import { mfaChallengeKey } from '../../auth-service/src/mfa/mfa-challenge.store';
import { Answer, Http, cookieAttributes, cookieValue } from '../../../test/support/http';
import { selectRows } from '../../../test/support/stored-rows';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';
import { TotpDevice, timeStep, totpAt } from '../../../test/support/totp';

jest.setTimeout(180_000);

const PASSWORD = 'a-Strong-password-1';
/** Short, so a test can see a session go stale; every sensitive call here re-authenticates right before. */
const REAUTH_MAX_AGE_SECONDS = 5;

interface Browser {
  username: string;
  cookie: string;
  csrf: string;
  /** When not PASSWORD. */
  password?: string;
}

interface Enrolled extends Browser {
  id: string;
  device: TotpDevice;
  recoveryCodes: string[];
}

/** The payload of a JWT, unverified (the gateway verified it; the test only reads the claims). */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe.each(DATABASES)('re-authentication, TOTP and recovery codes (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  let admin: Browser;

  const login = async (username: string, password = PASSWORD, remember = false): Promise<Answer> =>
    http.post('/auth/login', { body: { username, password, remember } });

  const sessionOf = (answer: Answer, username: string): Browser => {
    const sid = cookieValue(answer.setCookies, 'sid');
    if (answer.status !== 200 || !sid) throw new Error(`no session: ${answer.status} ${answer.text}`);
    return { username, cookie: `sid=${sid}`, csrf: answer.body.csrfToken };
  };

  const reauthenticate = async (browser: Browser, password = browser.password ?? PASSWORD): Promise<Answer> =>
    http.post('/auth/reauthenticate', { cookie: browser.cookie, csrf: browser.csrf, body: { password } });

  const fresh = async (browser: Browser): Promise<void> => {
    expect((await reauthenticate(browser)).status).toBe(204);
  };

  /** Polls the session's own `authenticatedAt` until it is older than REAUTH_MAX_AGE_SECONDS (no fixed sleep). */
  const untilStale = async (credential: { cookie?: string; bearer?: string }): Promise<void> => {
    for (;;) {
      const me = await http.get('/auth/me', credential);
      expect(me.status).toBe(200);
      if (Date.now() > Date.parse(me.body.session.authenticatedAt) + REAUTH_MAX_AGE_SECONDS * 1000 + 50) return;
      await new Promise((next) => setTimeout(next, 100));
    }
  };

  const audit = async (userId: string, type: string): Promise<Array<Record<string, unknown>>> =>
    (await http.get(`/admin/audit?userId=${userId}&type=${type}`, { cookie: admin.cookie })).body.items;

  /** Sets up and confirms TOTP for a logged-in browser. */
  const enrolBrowser = async (browser: Browser): Promise<{ device: TotpDevice; recoveryCodes: string[] }> => {
    await fresh(browser);
    const setup = await http.post('/auth/mfa/totp/setup', { cookie: browser.cookie, csrf: browser.csrf });
    expect(setup.status).toBe(200);
    const device = new TotpDevice(setup.body.secret);
    const confirm = await http.post('/auth/mfa/totp/confirm', {
      cookie: browser.cookie,
      csrf: browser.csrf,
      body: { totp: await device.nextCode() },
    });
    expect(confirm.status).toBe(200);
    return { device, recoveryCodes: confirm.body.recoveryCodes };
  };

  const enrol = async (username: string): Promise<Enrolled> => {
    const user = await http.register(username, PASSWORD);
    const browser = sessionOf(await login(username), username);
    return { ...browser, id: user.id, ...(await enrolBrowser(browser)) };
  };

  /** Both steps of a login with TOTP. */
  const loginWithCode = async (username: string, code: { totp?: string; recoveryCode?: string }, remember = false): Promise<Answer> => {
    const first = await login(username, PASSWORD, remember);
    expect(first.status).toBe(200);
    expect(first.body.mfaRequired).toBe(true);
    return http.post('/auth/login/mfa', { body: { mfaToken: first.body.mfaToken, ...code } });
  };

  beforeAll(async () => {
    system = await TestSystem.start({
      database,
      serviceEnv: { 'auth-service': { REAUTH_MAX_AGE_SECONDS: String(REAUTH_MAX_AGE_SECONDS), MFA_REQUIRED_ROLES: 'admin' } },
    });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('with MFA_REQUIRED_ROLES=admin, keeps the admin out of /admin until a second factor is enrolled, then lets it in', async () => {
    admin = { ...sessionOf(await login(ADMIN.username, ADMIN.password), ADMIN.username), password: ADMIN.password };
    const refused = await http.get('/admin/users', { cookie: admin.cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('MFA_ENROLMENT_REQUIRED');
    expect((await http.get('/admin', { cookie: admin.cookie })).headers.get('location')).toBe('/account');
    // Re-authentication and the enrolment itself are open to it.
    const me = await http.get('/auth/me', { cookie: admin.cookie });
    await enrolBrowser(admin);
    expect((await http.get('/admin/users', { cookie: admin.cookie })).status).toBe(200);
    expect((await http.get('/admin', { cookie: admin.cookie })).status).toBe(200);
    expect((await http.get('/auth/me', { cookie: admin.cookie })).body.user.mfa).toEqual({ totp: true, passkeys: 0 });
    expect(me.body.user.mfa).toEqual({ totp: false, passkeys: 0 });
  });

  it('refuses a stale session’s sensitive change with 403 REAUTH_REQUIRED, then allows it after POST /auth/reauthenticate', async () => {
    await http.register('stale', PASSWORD);
    const browser = sessionOf(await login('stale'), 'stale');
    const grant = await http.post('/auth/token', { body: { grant_type: 'password', username: 'stale', password: PASSWORD } });
    const bearer = grant.body.access_token as string;
    await untilStale({ cookie: browser.cookie });
    await untilStale({ bearer });

    for (const credential of [{ cookie: browser.cookie, csrf: browser.csrf }, { bearer }]) {
      const refused = await http.post('/auth/mfa/totp/setup', credential);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String), code: 'REAUTH_REQUIRED' });
      const wrong = await http.post('/auth/reauthenticate', { ...credential, body: { password: 'not-the-password-1' } });
      expect(wrong.status).toBe(401);
      const before = (await http.get('/auth/me', credential)).body.session.authenticatedAt;
      const right = await http.post('/auth/reauthenticate', { ...credential, body: { password: PASSWORD } });
      expect(right.status).toBe(204);
      const me = (await http.get('/auth/me', credential)).body.session;
      expect(Date.parse(me.authenticatedAt)).toBeGreaterThan(Date.parse(before));
      expect(me.amr).toEqual(['pwd']);
      expect((await http.post('/auth/mfa/totp/setup', credential)).status).toBe(200);
    }
  });

  it('refuses a re-authentication without exactly one proof (400), and counts wrong passwords with the login’s throttle', async () => {
    await http.register('rethrottle', PASSWORD);
    const browser = sessionOf(await login('rethrottle'), 'rethrottle');
    for (const body of [
      {},
      { password: PASSWORD, totp: '123456' },
      { password: 'short' },
      { totp: '12345' },
      { password: PASSWORD, extra: 1 },
    ]) {
      expect((await http.post('/auth/reauthenticate', { cookie: browser.cookie, csrf: browser.csrf, body })).status).toBe(400);
    }
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await reauthenticate(browser, 'not-the-password-1')).status).toBe(401);
    const throttled = await reauthenticate(browser);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('rethrottle')).status).toBe(429);
  });

  it('sets TOTP up (a base32 secret, stored only encrypted), refuses a wrong first code, and confirms: codes, other sessions out', async () => {
    const user = await http.register('enrolee', PASSWORD);
    const browser = sessionOf(await login('enrolee'), 'enrolee');
    const other = sessionOf(await login('enrolee'), 'enrolee');
    const setup = await http.post('/auth/mfa/totp/setup', { cookie: browser.cookie, csrf: browser.csrf });
    expect(setup.status).toBe(200);
    expect(setup.headers.get('cache-control')).toBe('no-store');
    const { secret, otpauthUrl } = setup.body;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(`${url.protocol}//${url.host}${decodeURIComponent(url.pathname)}`).toBe(
      `otpauth://totp/${url.searchParams.get('issuer')}:enrolee`,
    );
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret, algorithm: 'SHA1', digits: '6', period: '30' });
    const [row] = await selectRows(system.env.DATABASE_URL, 'select totp_secret, totp_enabled_at from users where id = ?', [user.id]);
    expect(String(row.totp_secret)).toMatch(/^v1\./);
    expect(String(row.totp_secret)).not.toContain(secret);
    expect(row.totp_enabled_at).toBeNull();

    const device = new TotpDevice(secret);
    const wrongCode = String((Number(totpAt(secret, timeStep())) + 1) % 1_000_000).padStart(6, '0');
    const refused = await http.post('/auth/mfa/totp/confirm', { cookie: browser.cookie, csrf: browser.csrf, body: { totp: wrongCode } });
    expect(refused.status).toBe(403);
    expect((await http.get('/auth/me', { cookie: other.cookie })).body.user.mfa.totp).toBe(false);
    expect((await login('enrolee')).body.mfaRequired).toBeUndefined();

    const confirm = await http.post('/auth/mfa/totp/confirm', {
      cookie: browser.cookie,
      csrf: browser.csrf,
      body: { totp: await device.nextCode() },
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirm.body.recoveryCodes).size).toBe(10);
    expect((await http.get('/auth/me', { cookie: other.cookie })).status).toBe(401);
    const me = await http.get('/auth/me', { cookie: browser.cookie });
    expect(me.body.user.mfa).toEqual({ totp: true, passkeys: 0 });
    expect(me.body.session.amr).toEqual(['pwd', 'otp', 'mfa']);
    const [enabled] = await audit(user.id, 'mfa.enabled');
    expect(enabled).toMatchObject({ type: 'mfa.enabled', userId: user.id, actorId: user.id });
    const codes = await selectRows(system.env.DATABASE_URL, 'select code_hash from recovery_codes where user_id = ?', [user.id]);
    expect(codes).toHaveLength(10);
    for (const code of confirm.body.recoveryCodes as string[]) expect(JSON.stringify(codes)).not.toContain(code.replace(/-/g, ''));
    // A second confirm, or a setup while TOTP is on: 409, nothing changes.
    expect(
      (await http.post('/auth/mfa/totp/confirm', { cookie: browser.cookie, csrf: browser.csrf, body: { totp: await device.nextCode() } }))
        .status,
    ).toBe(409);
  });

  it('logs in in two steps: no sid after the password, the session after the code, remember carried over, auth_time and amr shown', async () => {
    const enrolled = await enrol('twostep');
    const first = await login('twostep', PASSWORD, true);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      mfaRequired: true,
      mfaToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      methods: ['totp', 'recovery_code'],
      expiresAt: expect.any(String),
    });
    expect(cookieValue(first.setCookies, 'sid')).toBeUndefined();
    expect(Date.parse(first.body.expiresAt) - Date.now()).toBeGreaterThan(4 * 60 * 1000);
    expect(Date.parse(first.body.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    // Only the token's SHA-256 is in Redis, and it expires within 5 minutes.
    const key = mfaChallengeKey(system.prefix, createHash('sha256').update(first.body.mfaToken).digest('base64url'));
    const redis = system.redis();
    const ttl = await redis.pttl(key).finally(() => redis.disconnect());
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5 * 60 * 1000);
    expect(JSON.stringify(await system.dumpRedis())).not.toContain(first.body.mfaToken);

    const second = await http.post('/auth/login/mfa', { body: { mfaToken: first.body.mfaToken, totp: await enrolled.device.nextCode() } });
    expect(second.status).toBe(200);
    expect(Object.keys(second.body).sort()).toEqual(['csrfToken', 'expiresAt', 'user']);
    expect(cookieAttributes(second.setCookies, 'sid')).toMatchObject({ 'max-age': String(30 * 24 * 60 * 60), httponly: true });
    const me = await http.get('/auth/me', { cookie: `sid=${cookieValue(second.setCookies, 'sid')}` });
    expect(me.body.session.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(Date.now() - Date.parse(me.body.session.authenticatedAt)).toBeLessThan(60_000);
    // The token was spent by the step that passed.
    expect(
      (await http.post('/auth/login/mfa', { body: { mfaToken: first.body.mfaToken, totp: await enrolled.device.nextCode() } })).status,
    ).toBe(401);
    const [succeeded] = await audit(enrolled.id, 'login.succeeded');
    expect(succeeded.detail).toMatchObject({ method: 'session', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('accepts a code once: the same code again, and a code from two steps ago, are 401s that leave the token usable', async () => {
    const enrolled = await enrol('once');
    const used = await loginWithCode('once', { totp: await enrolled.device.nextCode() });
    expect(used.status).toBe(200);
    const again = await login('once');
    const replay = await http.post('/auth/login/mfa', { body: { mfaToken: again.body.mfaToken, totp: enrolled.device.lastCode() } });
    expect(replay.status).toBe(401);
    const old = await http.post('/auth/login/mfa', {
      body: { mfaToken: again.body.mfaToken, totp: totpAt(enrolled.device.secret, timeStep() - 2) },
    });
    expect(old.status).toBe(401);
    expect(cookieValue(old.setCookies, 'sid')).toBeUndefined();
    const [failed] = await audit(enrolled.id, 'mfa.failed');
    expect(failed.detail).toMatchObject({ method: 'totp', purpose: 'login' });
    const right = await http.post('/auth/login/mfa', { body: { mfaToken: again.body.mfaToken, totp: await enrolled.device.nextCode() } });
    expect(right.status).toBe(200);
  });

  it('lets exactly one of two parallel second steps with the same code through (TOTP and recovery code alike)', async () => {
    const enrolled = await enrol('parallel');
    const code = await enrolled.device.nextCode();
    const [first, second] = await Promise.all([login('parallel'), login('parallel')]);
    const answers = await Promise.all(
      [first, second].map((start) => http.post('/auth/login/mfa', { body: { mfaToken: start.body.mfaToken, totp: code } })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    const [third, fourth] = await Promise.all([login('parallel'), login('parallel')]);
    const recovery = await Promise.all(
      [third, fourth].map((start) =>
        http.post('/auth/login/mfa', { body: { mfaToken: start.body.mfaToken, recoveryCode: enrolled.recoveryCodes[0] } }),
      ),
    );
    expect(recovery.map((answer) => answer.status).sort()).toEqual([200, 401]);
  });

  it('takes a recovery code once (typed in any case, with or without dashes), and audits it', async () => {
    const enrolled = await enrol('recovery');
    const [code] = enrolled.recoveryCodes;
    const typed = code.toLowerCase().replace(/-/g, '');
    const loggedIn = await loginWithCode('recovery', { recoveryCode: typed });
    expect(loggedIn.status).toBe(200);
    const me = await http.get('/auth/me', { cookie: `sid=${cookieValue(loggedIn.setCookies, 'sid')}` });
    expect(me.body.session.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect((await loginWithCode('recovery', { recoveryCode: code })).status).toBe(401);
    const [used] = await audit(enrolled.id, 'mfa.recovery_code_used');
    expect(used.detail).toEqual({ left: 9 });
    expect((await loginWithCode('recovery', { recoveryCode: enrolled.recoveryCodes[1] })).status).toBe(200);
  });

  it('regenerates recovery codes (fresh): the old set is void, the new one works', async () => {
    const enrolled = await enrol('regen');
    await untilStale({ cookie: enrolled.cookie });
    const stale = await http.post('/auth/mfa/recovery-codes', { cookie: enrolled.cookie, csrf: enrolled.csrf });
    expect(stale.body.code).toBe('REAUTH_REQUIRED');
    await fresh(enrolled);
    const regenerated = await http.post('/auth/mfa/recovery-codes', { cookie: enrolled.cookie, csrf: enrolled.csrf });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.recoveryCodes).toHaveLength(10);
    expect(regenerated.body.recoveryCodes).not.toContain(enrolled.recoveryCodes[0]);
    expect((await loginWithCode('regen', { recoveryCode: enrolled.recoveryCodes[0] })).status).toBe(401);
    expect((await loginWithCode('regen', { recoveryCode: regenerated.body.recoveryCodes[0] })).status).toBe(200);
    expect(await audit(enrolled.id, 'mfa.recovery_codes_regenerated')).toHaveLength(1);
  });

  it('turns TOTP off (fresh, with a code): a wrong code is 403 and changes nothing; then the login is one step again', async () => {
    const enrolled = await enrol('disabler');
    await fresh(enrolled);
    const wrong = await http.delete('/auth/mfa/totp', {
      cookie: enrolled.cookie,
      csrf: enrolled.csrf,
      body: { totp: enrolled.device.lastCode() },
    });
    expect(wrong.status).toBe(403);
    expect((await login('disabler')).body.mfaRequired).toBe(true);
    const off = await http.delete('/auth/mfa/totp', {
      cookie: enrolled.cookie,
      csrf: enrolled.csrf,
      body: { totp: await enrolled.device.nextCode() },
    });
    expect(off.status).toBe(204);
    expect((await http.get('/auth/me', { cookie: enrolled.cookie })).body.user.mfa.totp).toBe(false);
    const plain = await login('disabler');
    expect(plain.body.user.username).toBe('disabler');
    expect(cookieValue(plain.setCookies, 'sid')).toBeDefined();
    expect(await selectRows(system.env.DATABASE_URL, 'select id from recovery_codes where user_id = ?', [enrolled.id])).toEqual([]);
    const [row] = await selectRows(system.env.DATABASE_URL, 'select totp_secret from users where id = ?', [enrolled.id]);
    expect(row.totp_secret).toBeNull();
    expect(await audit(enrolled.id, 'mfa.disabled')).toHaveLength(1);
  });

  it('asks the password grant for `totp`: 403 MFA_REQUIRED without, 401 wrong, tokens with auth_time and amr when right', async () => {
    const enrolled = await enrol('granted');
    const grant = (extra: Record<string, string> = {}): Promise<Answer> =>
      http.post('/auth/token', { body: { grant_type: 'password', username: 'granted', password: PASSWORD, ...extra } });
    const without = await grant();
    expect(without.status).toBe(403);
    expect(without.body.code).toBe('MFA_REQUIRED');
    expect((await grant({ totp: enrolled.device.lastCode() })).status).toBe(401);
    expect((await grant({ totp: 'abcdef' })).status).toBe(400);
    const right = await grant({ totp: await enrolled.device.nextCode() });
    expect(right.status).toBe(200);
    const claims = claimsOf(right.body.access_token);
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(Math.abs(Number(claims.auth_time) - Date.now() / 1000)).toBeLessThan(60);
    const me = await http.get('/auth/me', { bearer: right.body.access_token });
    expect(me.body.session).toMatchObject({ amr: ['pwd', 'otp', 'mfa'] });
    expect(Math.floor(Date.parse(me.body.session.authenticatedAt) / 1000)).toBe(claims.auth_time);
  });

  it('answers bad input with 400 and an unknown, foreign or dead mfaToken with 401, changing nothing', async () => {
    const enrolled = await enrol('badinput');
    const first = await login('badinput');
    const mfaToken = first.body.mfaToken as string;
    for (const body of [
      { mfaToken, totp: '12345' },
      { mfaToken, totp: '1234567' },
      { mfaToken, totp: 'abcdef' },
      { mfaToken, totp: 123456 },
      { mfaToken, recoveryCode: 'not-a-code' },
      { mfaToken, recoveryCode: `${enrolled.recoveryCodes[0]}-AAAA` },
      { mfaToken, totp: '123456', recoveryCode: enrolled.recoveryCodes[0] },
      { mfaToken },
      { mfaToken: 'short', totp: '123456' },
      { mfaToken, totp: '123456', extra: true },
    ]) {
      expect({ body, status: (await http.post('/auth/login/mfa', { body })).status }).toEqual({ body, status: 400 });
    }
    for (const body of [{ totp: '12345' }, { totp: 'abcdef' }, {}]) {
      expect((await http.post('/auth/mfa/totp/confirm', { cookie: enrolled.cookie, csrf: enrolled.csrf, body })).status).toBe(400);
    }
    const foreign = randomBytes(32).toString('base64url');
    const unknown = await http.post('/auth/login/mfa', { body: { mfaToken: foreign, totp: await enrolled.device.nextCode() } });
    expect(unknown.status).toBe(401);
    // Nothing was spent by the refusals: the token and a fresh code still log in.
    const right = await http.post('/auth/login/mfa', { body: { mfaToken, totp: await enrolled.device.nextCode() } });
    expect(right.status).toBe(200);
  });

  it('kills an mfaToken after 5 wrong codes, and counts them toward the username’s failed-login throttle', async () => {
    const enrolled = await enrol('wrongcodes');
    const first = await login('wrongcodes');
    const wrongCode = enrolled.device.lastCode();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await http.post('/auth/login/mfa', { body: { mfaToken: first.body.mfaToken, totp: wrongCode } })).status).toBe(401);
    }
    // The username has its 5 failures: even the right password is throttled now, and the dead token stays dead.
    const throttled = await login('wrongcodes');
    expect(throttled.status).toBe(429);
    const dead = await http.post('/auth/login/mfa', { body: { mfaToken: first.body.mfaToken, totp: await enrolled.device.nextCode() } });
    expect(dead.status).toBe(401);
    expect(cookieValue(dead.setCookies, 'sid')).toBeUndefined();
  });
});
