import { Http, cookieAttributes } from '../../../test/support/http';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';

jest.setTimeout(60_000);

describe.each(DATABASES)('the walk through all three services (%s)', (database) => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({ database });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('registers, logs in, resolves, is kept out of admin, logs out, and the replayed cookie is refused', async () => {
    const registered = await http.post('/auth/register', {
      body: { username: 'Alice', password: 'correct horse battery', email: 'Alice@Example.org' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.user).toMatchObject({
      username: 'alice',
      email: 'alice@example.org',
      emailVerified: false,
      roles: ['user'],
      active: true,
      lastLoginAt: null,
      mfa: { totp: false, passkeys: 0 },
    });
    expect(registered.setCookies).toEqual([]);
    expect(registered.text).not.toMatch(/hash|\$2[aby]\$/i);

    const login = await http.post('/auth/login', { body: { username: 'alice', password: 'correct horse battery' } });
    expect(login.status).toBe(200);
    const attributes = cookieAttributes(login.setCookies, 'sid');
    expect(attributes).toMatchObject({ httponly: true, samesite: 'Lax', path: '/' });
    expect(attributes).not.toHaveProperty('max-age');
    expect(login.headers.get('cache-control')).toBe('no-store');
    const sid = login.setCookies[0].split(';')[0];
    expect(sid.length).toBeGreaterThanOrEqual('sid='.length + 22);
    const csrf = login.body.csrfToken as string;

    const me = await http.get('/auth/me', { cookie: sid });
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('alice');
    expect(me.body.csrfToken).toBe(csrf);
    expect(me.body.session.id).not.toBe(sid.slice(4));
    expect(Object.keys(me.body.session).sort()).toEqual(['amr', 'authenticatedAt', 'createdAt', 'expiresAt', 'id']);
    expect(me.body.session.amr).toEqual(['pwd']);
    // A login is the session's credential check: it was made when the session was created.
    expect(Math.abs(Date.parse(me.body.session.authenticatedAt) - Date.parse(me.body.session.createdAt))).toBeLessThan(1000);
    expect(me.body.user).toMatchObject({ emailVerified: false, mfa: { totp: false, passkeys: 0 } });

    const forbidden = await http.get('/admin/users', { cookie: sid });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String) });

    const admin = await http.login(ADMIN.username, ADMIN.password);
    const users = await http.get('/admin/users', { cookie: admin.cookie });
    expect(users.status).toBe(200);
    expect(users.body.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['alice', ADMIN.username]));

    const withoutCsrf = await http.post('/auth/logout', { cookie: sid });
    expect(withoutCsrf.status).toBe(403);
    const logout = await http.post('/auth/logout', { cookie: sid, csrf });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('clear-site-data')).toBe('"cookies"');
    expect(cookieAttributes(logout.setCookies, 'sid')).toHaveProperty('expires');

    const replay = await http.get('/auth/me', { cookie: sid });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });

  it('publishes the OpenAPI document of the JSON API, generated from the code', async () => {
    const openapi = await http.get('/docs/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/auth/register',
        '/auth/login',
        '/auth/me',
        '/auth/token',
        '/admin/users',
        '/admin/users/{id}',
        '/health/ready',
      ]),
    );
    expect(openapi.body.paths['/login']).toBeUndefined();
    expect(openapi.body.components.schemas.RegisterDto.required).toEqual(expect.arrayContaining(['username', 'password']));
    expect((await http.get('/docs')).status).toBe(200);
  });

  it('gives the same 401 for an unknown user and a wrong password, and 409 for a taken username', async () => {
    const unknown = await http.post('/auth/login', { body: { username: 'nobody', password: 'whatever-password' } });
    const wrong = await http.post('/auth/login', { body: { username: 'alice', password: 'wrong-password' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const taken = await http.post('/auth/register', { body: { username: 'ALICE', password: 'another good password' } });
    expect(taken.status).toBe(409);
  });
});
