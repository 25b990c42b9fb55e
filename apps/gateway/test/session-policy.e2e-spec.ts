import { AdminPatterns, AuthPatterns, DomainError, ErrorCode } from '@app/common';
import { Http } from '../../../test/support/http';
import { ADMIN, TestSystem } from '../../../test/support/system';
import { adminServiceClient, authServiceClient } from '../../../test/support/transport';

jest.setTimeout(90_000);

const PASSWORD = 'a-Strong-password-1';

// The freshness and MFA-enrolment rules are made from the session hash alone (no table is read for
// them), so one database is enough here; each describe needs a system of its own configuration.

const codeOf = (promise: Promise<unknown>): Promise<ErrorCode | undefined> =>
  promise.then(
    () => undefined,
    (error: DomainError) => error.code,
  );

/** The `_csrf` of a logged-in page's form. */
function csrfField(html: string): string {
  const match = /<input type="hidden" name="_csrf" value="([^"]*)">/.exec(html);
  if (!match) throw new Error(`no _csrf field in: ${html.slice(0, 200)}`);
  return match[1];
}

describe('a session whose last credential check is older than REAUTH_MAX_AGE_SECONDS', () => {
  let system: TestSystem;
  let http: Http;
  let admin: { cookie: string; csrf: string };
  let bearer: string;
  let targetId: string;

  beforeAll(async () => {
    system = await TestSystem.start({ serviceEnv: { 'auth-service': { REAUTH_MAX_AGE_SECONDS: '1' } } });
    http = new Http(system.baseUrl);
    targetId = (await http.register('target', PASSWORD)).id;
    admin = await http.login(ADMIN.username, ADMIN.password);
    const grant = await http.post('/auth/token', { body: { grant_type: 'password', username: ADMIN.username, password: ADMIN.password } });
    bearer = grant.body.access_token;
    // Poll each session's own `authenticatedAt` until the clock is past its freshness (no fixed sleep).
    for (const credential of [{ cookie: admin.cookie }, { bearer }]) {
      for (;;) {
        const me = await http.get('/auth/me', credential);
        expect(me.status).toBe(200);
        if (Date.now() > Date.parse(me.body.session.authenticatedAt) + 1000) break;
        await new Promise((next) => setTimeout(next, 50));
      }
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('refuses the sensitive admin changes with 403 REAUTH_REQUIRED, and changes nothing', async () => {
    const patch = await http.patch(`/admin/users/${targetId}`, {
      cookie: admin.cookie,
      csrf: admin.csrf,
      body: { roles: ['user', 'auditor'] },
    });
    expect(patch.status).toBe(403);
    expect(patch.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String), code: 'REAUTH_REQUIRED' });
    const revoke = await http.delete(`/admin/users/${targetId}/sessions`, { cookie: admin.cookie, csrf: admin.csrf });
    expect(revoke.status).toBe(403);
    expect(revoke.body.code).toBe('REAUTH_REQUIRED');
    const withToken = await http.patch(`/admin/users/${targetId}`, { bearer, body: { active: false } });
    expect(withToken.status).toBe(403);
    expect(withToken.body.code).toBe('REAUTH_REQUIRED');

    const detail = await http.get(`/admin/users/${targetId}`, { cookie: admin.cookie });
    expect(detail.status).toBe(200);
    expect(detail.body.user).toMatchObject({ roles: ['user'], active: true });
  });

  it('still serves what is not sensitive, and answers other errors without a code', async () => {
    expect((await http.get('/admin/users', { cookie: admin.cookie })).status).toBe(200);
    expect((await http.get('/auth/sessions', { cookie: admin.cookie })).status).toBe(200);
    const missing = await http.get('/auth/me');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });

  it('is refused by the admin-service, and by the auth-service when asked directly (defence in depth)', async () => {
    const adminService = adminServiceClient(system.env.TRANSPORT_URL);
    const authService = authServiceClient(system.env.TRANSPORT_URL);
    try {
      const credential = { kind: 'session' as const, token: admin.cookie.slice('sid='.length) };
      const client = { ip: '10.0.0.9', userAgent: 'internal' };
      expect(await codeOf(adminService.send(AdminPatterns.UpdateUser, { credential, userId: targetId, roles: ['admin'], client }))).toBe(
        ErrorCode.ReauthRequired,
      );
      expect(await codeOf(authService.send(AuthPatterns.AdminUpdateUser, { credential, userId: targetId, roles: ['admin'], client }))).toBe(
        ErrorCode.ReauthRequired,
      );
      expect(await codeOf(authService.send(AuthPatterns.AdminRevokeUserSessions, { credential, userId: targetId, client }))).toBe(
        ErrorCode.ReauthRequired,
      );
      expect((await authService.send(AuthPatterns.AdminGetUser, { credential, userId: targetId })).user.roles).toEqual(['user']);
    } finally {
      await adminService.close();
      await authService.close();
    }
  });

  it('sends the admin page’s form to /reauthenticate, back to /admin afterwards', async () => {
    const page = await http.get('/admin', { cookie: admin.cookie });
    expect(page.status).toBe(200);
    const posted = await http.post(`/admin/users/${targetId}/active`, {
      cookie: admin.cookie,
      form: { _csrf: csrfField(page.text), active: 'false' },
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/reauthenticate?next=/admin');
    expect((await http.get(`/admin/users/${targetId}`, { cookie: admin.cookie })).body.user.active).toBe(true);
  });
});

describe('MFA_REQUIRED_ROLES=admin, for an admin without a second factor', () => {
  let system: TestSystem;
  let http: Http;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    system = await TestSystem.start({ serviceEnv: { 'auth-service': { MFA_REQUIRED_ROLES: 'admin' } } });
    http = new Http(system.baseUrl);
    await http.register('someone', PASSWORD);
    admin = await http.login(ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers /auth/me, and refuses everything else with 403 MFA_ENROLMENT_REQUIRED', async () => {
    const me = await http.get('/auth/me', { cookie: admin.cookie });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ roles: ['user', 'admin'], mfa: { totp: false, passkeys: 0 } });
    for (const path of ['/admin/users', '/auth/sessions']) {
      const refused = await http.get(path, { cookie: admin.cookie });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String), code: 'MFA_ENROLMENT_REQUIRED' });
    }
    const grant = await http.post('/auth/token', { body: { grant_type: 'password', username: ADMIN.username, password: ADMIN.password } });
    expect((await http.get('/auth/me', { bearer: grant.body.access_token })).status).toBe(200);
    expect((await http.get('/admin/users', { bearer: grant.body.access_token })).body.code).toBe('MFA_ENROLMENT_REQUIRED');
  });

  it('leaves users without such a role alone', async () => {
    const someone = await http.login('someone', PASSWORD);
    expect((await http.get('/auth/sessions', { cookie: someone.cookie })).status).toBe(200);
  });

  it('is refused by the admin-service and the auth-service too, when asked directly', async () => {
    const adminService = adminServiceClient(system.env.TRANSPORT_URL);
    const authService = authServiceClient(system.env.TRANSPORT_URL);
    try {
      const credential = { kind: 'session' as const, token: admin.cookie.slice('sid='.length) };
      expect(await codeOf(adminService.send(AdminPatterns.ListUsers, { credential }))).toBe(ErrorCode.MfaEnrolmentRequired);
      expect(await codeOf(authService.send(AuthPatterns.AdminListUsers, { credential }))).toBe(ErrorCode.MfaEnrolmentRequired);
    } finally {
      await adminService.close();
      await authService.close();
    }
  });

  it('sends its pages to /account, and lets it log out', async () => {
    for (const path of ['/dashboard', '/admin']) {
      const page = await http.get(path, { cookie: admin.cookie });
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toBe('/account');
    }
    const account = await http.get('/account', { cookie: admin.cookie });
    expect(account.status).toBe(200);
    expect(account.text).toContain('Your role requires a second factor');
    const logout = await http.post('/auth/logout', { cookie: admin.cookie, csrf: admin.csrf });
    expect(logout.status).toBe(204);
    expect((await http.get('/auth/me', { cookie: admin.cookie })).status).toBe(401);
  });
});
