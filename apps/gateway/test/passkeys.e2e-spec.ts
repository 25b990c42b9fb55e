import { Http, cookieValue } from '../../../test/support/http';
import { SoftAuthenticator } from '../../../test/support/soft-authenticator';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

const PASSWORD = 'a-Strong-password-1';

// Real passkey responses, made by a software authenticator (an ES256 key, "none" attestation) the way a
// browser would, including the ones a browser never would: replayed, from another origin or RP id.

describe.each(DATABASES)('passkeys over the API (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  /** PUBLIC_BASE_URL's default in the test system: localhost on the gateway's port (an IP is no RP id). */
  let origin: string;

  type Session = { cookie: string; csrf: string };

  async function addPasskey(session: Session, authenticator: SoftAuthenticator, name?: string): Promise<any> {
    const options = await http.post('/auth/passkeys/registration/options', session);
    expect(options.status).toBe(200);
    const response = authenticator.register(options.body, origin);
    const added = await http.post('/auth/passkeys/registration', { ...session, body: { response, ...(name ? { name } : {}) } });
    expect(added.status).toBe(201);
    return added.body.passkey;
  }

  async function signInOptions(): Promise<any> {
    const options = await http.post('/auth/passkeys/authentication/options');
    expect(options.status).toBe(200);
    return options.body;
  }

  /** A password login's cookie and CSRF token (what the passkey calls below carry). */
  async function logIn(username: string, password = PASSWORD): Promise<Session> {
    const { cookie, csrf } = await http.login(username, password);
    return { cookie, csrf };
  }

  function signIn(response: unknown) {
    return http.post('/auth/passkeys/authentication', { body: { response } });
  }

  beforeAll(async () => {
    system = await TestSystem.start({ database, serviceEnv: { 'auth-service': { MFA_REQUIRED_ROLES: 'admin' } } });
    http = new Http(system.baseUrl);
    origin = system.baseUrl.replace('127.0.0.1', 'localhost');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('registers a discoverable passkey, signs in with it without a username, and counts it as two factors', async () => {
    await http.register('ada', PASSWORD);
    const session = await logIn('ada');
    const authenticator = new SoftAuthenticator();

    const options = await http.post('/auth/passkeys/registration/options', session);
    expect(options.body).toMatchObject({
      rp: { id: 'localhost' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const passkey = await addPasskey(session, authenticator, 'Laptop');
    expect(passkey).toEqual({ id: expect.any(String), name: 'Laptop', createdAt: expect.any(String), lastUsedAt: null });
    const list = await http.get('/auth/passkeys', session);
    expect(list.body.items).toEqual([passkey]);
    expect((await http.get('/auth/me', session)).body.user.mfa).toEqual({ totp: false, passkeys: 1 });

    const request = await signInOptions();
    expect(request.allowCredentials ?? []).toEqual([]);
    expect(request.userVerification).toBe('required');
    const signedIn = await signIn(authenticator.authenticate(request, origin));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.username).toBe('ada');
    const sid = cookieValue(signedIn.setCookies, 'sid');
    expect(sid).toBeTruthy();
    expect(sid).not.toBe(session.cookie.slice('sid='.length));
    const me = await http.get('/auth/me', { cookie: `sid=${sid}` });
    expect(me.body.session.amr).toEqual(['hwk', 'mfa']);
    const [used] = (await http.get('/auth/passkeys', session)).body.items;
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('refuses a replayed sign-in response, one from another origin or RP id, and a registration challenge', async () => {
    await http.register('bob', PASSWORD);
    const session = await logIn('bob');
    const authenticator = new SoftAuthenticator();
    await addPasskey(session, authenticator);

    const first = authenticator.authenticate(await signInOptions(), origin);
    expect((await signIn(first)).status).toBe(200);
    const replayed = await signIn(first);
    expect(replayed.status).toBe(401);
    expect(replayed.setCookies).toEqual([]);

    const wrongOrigin = await signIn(authenticator.authenticate(await signInOptions(), 'https://evil.example.net'));
    expect(wrongOrigin.status).toBe(401);
    const wrongRp = await signIn(authenticator.authenticate(await signInOptions(), origin, { rpId: 'example.net' }));
    expect(wrongRp.status).toBe(401);
    const notVerified = await signIn(authenticator.authenticate(await signInOptions(), origin, { userVerified: false }));
    expect(notVerified.status).toBe(401);

    // A challenge issued for adding a passkey is not a sign-in challenge.
    const registration = await http.post('/auth/passkeys/registration/options', session);
    const foreign = await signIn(authenticator.authenticate({ challenge: registration.body.challenge, rpId: 'localhost' }, origin));
    expect(foreign.status).toBe(401);
    // An old counter (a cloned authenticator) is refused even with a fresh challenge.
    const cloned = await signIn(authenticator.authenticate(await signInOptions(), origin, { signCount: 1 }));
    expect(cloned.status).toBe(401);
    // And the real one still works afterwards.
    expect((await signIn(authenticator.authenticate(await signInOptions(), origin))).status).toBe(200);
  });

  it('refuses a replayed registration response, and one answering another session’s challenge', async () => {
    await http.register('cyd', PASSWORD);
    const session = await logIn('cyd');
    const other = await logIn('cyd');
    const options = await http.post('/auth/passkeys/registration/options', session);
    const response = new SoftAuthenticator().register(options.body, origin);
    const fromOther = await http.post('/auth/passkeys/registration', { ...other, body: { response } });
    expect(fromOther.status).toBe(401);
    // That attempt spent the challenge: the session it was issued to cannot use it either.
    expect((await http.post('/auth/passkeys/registration', { ...session, body: { response } })).status).toBe(401);

    const again = await http.post('/auth/passkeys/registration/options', session);
    const wrongOrigin = new SoftAuthenticator().register(again.body, 'https://evil.example.net');
    expect((await http.post('/auth/passkeys/registration', { ...session, body: { response: wrongOrigin } })).status).toBe(400);
    expect((await http.get('/auth/passkeys', session)).body.items).toEqual([]);
  });

  it('removes a passkey: it fails at once, the count follows, and someone else’s is 404', async () => {
    await http.register('dee', PASSWORD);
    const session = await logIn('dee');
    const authenticator = new SoftAuthenticator();
    const passkey = await addPasskey(session, authenticator);
    const request = await signInOptions();

    await http.register('eve', PASSWORD);
    const eve = await logIn('eve');
    expect((await http.delete(`/auth/passkeys/${passkey.id}`, eve)).status).toBe(404);
    expect((await http.delete('/auth/passkeys/not-a-uuid', eve)).status).toBe(404);

    expect((await http.delete(`/auth/passkeys/${passkey.id}`, session)).status).toBe(204);
    expect((await http.get('/auth/me', session)).body.user.mfa.passkeys).toBe(0);
    // A challenge asked for before the removal, answered after it: refused.
    expect((await signIn(authenticator.authenticate(request, origin))).status).toBe(401);
    expect((await signIn(authenticator.authenticate(await signInOptions(), origin))).status).toBe(401);
  });

  it('lets a role that needs a second factor add a passkey, and a passkey login satisfies it and freshness', async () => {
    const admin = await logIn(ADMIN.username, ADMIN.password);
    const blocked = await http.get('/admin/users', admin);
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('MFA_ENROLMENT_REQUIRED');
    const authenticator = new SoftAuthenticator();
    await addPasskey(admin, authenticator, 'Security key');
    expect((await http.get('/admin/users', admin)).status).toBe(200);

    const signedIn = await signIn(authenticator.authenticate(await signInOptions(), origin));
    const passkeySession = { cookie: `sid=${cookieValue(signedIn.setCookies, 'sid')}`, csrf: signedIn.body.csrfToken };
    const users = await http.get('/admin/users?query=dee', passkeySession);
    expect(users.status).toBe(200);
    const dee = users.body.items.find((user: any) => user.username === 'dee');
    // A @RequireFresh() admin change: the passkey login is fresh.
    const patched = await http.patch(`/admin/users/${dee.id}`, { ...passkeySession, body: { roles: ['user', 'auditor'] } });
    expect(patched.status).toBe(200);

    const audit = await http.get(`/admin/audit?type=login.succeeded&userId=${signedIn.body.user.id}`, passkeySession);
    expect(audit.body.items[0].detail).toMatchObject({ method: 'passkey' });
    const added = await http.get(`/admin/audit?type=passkey.added&userId=${signedIn.body.user.id}`, passkeySession);
    expect(added.body.items).toHaveLength(1);
  });

  it('lets exactly one of three concurrent sign-ins with the same response through', async () => {
    await http.register('fay', PASSWORD);
    const authenticator = new SoftAuthenticator();
    await addPasskey(await logIn('fay'), authenticator);
    const response = authenticator.authenticate(await signInOptions(), origin);
    const statuses = (await Promise.all([signIn(response), signIn(response), signIn(response)])).map((answer) => answer.status);
    expect(statuses.sort()).toEqual([200, 401, 401]);
  });

  it('refuses a sign-in from another site before anything else', async () => {
    const crossSite = await http.post('/auth/passkeys/authentication/options', { headers: { origin: 'https://evil.example.net' } });
    expect(crossSite.status).toBe(403);
  });
});

describe('passkey sign-in throttling', () => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({ serviceEnv: { 'auth-service': { LOGIN_MAX_FAILURES_PER_IP: '3' } } });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('counts refused passkey sign-ins against the IP, like failed logins, then answers 429 with Retry-After', async () => {
    const origin = system.baseUrl.replace('127.0.0.1', 'localhost');
    const stranger = new SoftAuthenticator();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const options = await http.post('/auth/passkeys/authentication/options');
      const refused = await http.post('/auth/passkeys/authentication', { body: { response: stranger.authenticate(options.body, origin) } });
      expect(refused.status).toBe(401);
    }
    const throttled = await http.post('/auth/passkeys/authentication/options');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // The password login from that IP is held back too: one budget per IP.
    await http.register('gus', PASSWORD).catch(() => undefined);
    expect((await http.post('/auth/login', { body: { username: 'gus', password: PASSWORD } })).status).toBe(429);
  });
});

describe('adding and removing a passkey with a stale session', () => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({ serviceEnv: { 'auth-service': { REAUTH_MAX_AGE_SECONDS: '3' } } });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('is refused with REAUTH_REQUIRED (the page form goes to /reauthenticate), and a passkey login is fresh again', async () => {
    const origin = system.baseUrl.replace('127.0.0.1', 'localhost');
    await http.register('hal', PASSWORD);
    const { cookie, csrf } = await http.login('hal', PASSWORD);
    const session = { cookie, csrf };
    const authenticator = new SoftAuthenticator();
    const options = await http.post('/auth/passkeys/registration/options', session);
    const added = await http.post('/auth/passkeys/registration', {
      ...session,
      body: { response: authenticator.register(options.body, origin) },
    });
    expect(added.status).toBe(201);
    // Poll the session's own authenticatedAt until it is past its freshness (no fixed sleep).
    for (;;) {
      const me = await http.get('/auth/me', session);
      if (Date.now() > Date.parse(me.body.session.authenticatedAt) + 3000) break;
      await new Promise((next) => setTimeout(next, 100));
    }

    const stale = await http.post('/auth/passkeys/registration/options', session);
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe('REAUTH_REQUIRED');
    const removal = await http.delete(`/auth/passkeys/${added.body.passkey.id}`, session);
    expect(removal.status).toBe(403);
    expect(removal.body.code).toBe('REAUTH_REQUIRED');
    const form = await http.post(`/account/passkeys/${added.body.passkey.id}/remove`, { cookie, form: { _csrf: csrf } });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/reauthenticate?next=/account');
    expect((await http.get('/auth/passkeys', session)).body.items).toHaveLength(1);

    const request = await http.post('/auth/passkeys/authentication/options');
    const signedIn = await http.post('/auth/passkeys/authentication', {
      body: { response: authenticator.authenticate(request.body, origin) },
    });
    const fresh = { cookie: `sid=${cookieValue(signedIn.setCookies, 'sid')}`, csrf: signedIn.body.csrfToken };
    expect((await http.delete(`/auth/passkeys/${added.body.passkey.id}`, fresh)).status).toBe(204);
  });
});
