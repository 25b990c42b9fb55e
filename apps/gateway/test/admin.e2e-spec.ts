import { AdminPatterns, AuthPatterns, DomainError, ErrorCode } from '@app/common';
import { Http } from '../../../test/support/http';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';
import { adminServiceClient, authServiceClient } from '../../../test/support/transport';

jest.setTimeout(90_000);

const PASSWORD = 'a-Strong-password-1';

describe.each(DATABASES)('administration (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  let admin: { cookie: string; csrf: string };
  let adminId: string;
  let user: { cookie: string; csrf: string };
  let userId: string;

  beforeAll(async () => {
    system = await TestSystem.start({ database });
    http = new Http(system.baseUrl);
    userId = (await http.register('plain', PASSWORD, 'plain@example.org')).id;
    user = await http.login('plain', PASSWORD);
    const adminLogin = await http.login(ADMIN.username, ADMIN.password);
    admin = adminLogin;
    adminId = adminLogin.body.user.id;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const routes = (id: () => string) =>
    [
      ['GET', () => '/admin/users'],
      ['GET', () => `/admin/users/${id()}`],
      ['PATCH', () => `/admin/users/${id()}`],
      ['GET', () => `/admin/users/${id()}/sessions`],
      ['DELETE', () => `/admin/users/${id()}/sessions`],
      ['GET', () => '/admin/audit'],
    ] as const;

  it.each(routes(() => userId))('%s is 401 anonymous and 403 for a non-admin', async (method, path) => {
    const body = method === 'PATCH' ? { roles: ['user'] } : undefined;
    expect((await http.request(method, path(), { body })).status).toBe(401);
    const forbidden = await http.request(method, path(), { body, cookie: user.cookie, csrf: user.csrf });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String) });
  });

  it('serves each route to an admin', async () => {
    const cookie = { cookie: admin.cookie, csrf: admin.csrf };
    const detail = await http.get(`/admin/users/${userId}`, cookie);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual({ user: expect.objectContaining({ id: userId, username: 'plain' }), activeSessions: 1 });
    const sessions = await http.get(`/admin/users/${userId}/sessions`, cookie);
    expect(sessions.status).toBe(200);
    expect(sessions.body.items).toHaveLength(1);
    expect(sessions.body.items[0]).toMatchObject({ id: expect.any(String), ip: expect.any(String), current: false });
    expect((await http.get('/admin/audit?limit=5', cookie)).status).toBe(200);
    expect((await http.get('/admin/users/00000000-0000-7000-8000-000000000000', cookie)).status).toBe(404);
    expect((await http.get('/admin/users/not-a-uuid', cookie)).status).toBe(404);
    expect((await http.get('/admin/users?limit=0', cookie)).status).toBe(400);
    expect((await http.get('/admin/users?limit=101', cookie)).status).toBe(400);
    expect((await http.get('/admin/users?limit=abc', cookie)).status).toBe(400);
    expect((await http.patch(`/admin/users/${userId}`, { ...cookie, body: {} })).status).toBe(400);
    expect((await http.patch(`/admin/users/${userId}`, { ...cookie, body: { roles: ['Bad Role'] } })).status).toBe(400);
  });

  it('walks every user exactly once with cursor pages while users are being added', async () => {
    for (let i = 0; i < 23; i++) await http.register(`walker${String(i).padStart(2, '0')}`);
    const everyone = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: any = await http.get(`/admin/users?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { cookie: admin.cookie });
      for (const item of page.body.items) everyone.add(item.id);
      cursor = page.body.nextCursor;
    } while (cursor);

    const seen: string[] = [];
    cursor = null;
    let added = 0;
    do {
      const page: any = await http.get(`/admin/users?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { cookie: admin.cookie });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
      await http.register(`latecomer${added++}`);
    } while (cursor);
    const firstPageIds = seen.slice(0, 4);
    const walked = seen.filter((id) => everyone.has(id) || firstPageIds.includes(id));
    expect(new Set(walked).size).toBe(walked.length);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of everyone) expect(seen).toContain(id);
    const times = [...seen];
    expect(times).toEqual([...times].sort().reverse());
  });

  it('searches a case-insensitive prefix of the username or the email, with LIKE wildcards taken literally', async () => {
    await http.register('Searchable_One', PASSWORD, 'Finder@Example.org');
    await http.register('searchableXtwo');
    const byName = await http.get('/admin/users?query=SEARCHABLE', { cookie: admin.cookie });
    expect(byName.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['searchable_one', 'searchablextwo']);
    const byEmail = await http.get('/admin/users?query=finder@', { cookie: admin.cookie });
    expect(byEmail.body.items.map((u: { username: string }) => u.username)).toEqual(['searchable_one']);
    const literal = await http.get('/admin/users?query=searchable_', { cookie: admin.cookie });
    expect(literal.body.items.map((u: { username: string }) => u.username)).toEqual(['searchable_one']);
    const wildcard = await http.get(`/admin/users?query=${encodeURIComponent('%')}`, { cookie: admin.cookie });
    expect(wildcard.body.items).toEqual([]);
  });

  it('disabling a user kills their cookie and bearer token at once and makes login 403 (after a right password only)', async () => {
    await http.register('doomed');
    const cookie = await http.login('doomed', PASSWORD);
    const bearer = (await http.post('/auth/token', { body: { grant_type: 'password', username: 'doomed', password: PASSWORD } })).body
      .access_token;
    const id = cookie.body.user.id;
    expect((await http.get('/auth/me', { cookie: cookie.cookie })).status).toBe(200);
    expect((await http.get('/auth/me', { bearer })).status).toBe(200);

    const disabled = await http.patch(`/admin/users/${id}`, { cookie: admin.cookie, csrf: admin.csrf, body: { active: false } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user.active).toBe(false);
    expect((await http.get('/auth/me', { cookie: cookie.cookie })).status).toBe(401);
    expect((await http.get('/auth/me', { bearer })).status).toBe(401);
    expect((await http.post('/auth/login', { body: { username: 'doomed', password: PASSWORD } })).status).toBe(403);
    expect((await http.post('/auth/login', { body: { username: 'doomed', password: 'wrong-password' } })).status).toBe(401);
    expect((await http.post('/auth/token', { body: { grant_type: 'password', username: 'doomed', password: PASSWORD } })).status).toBe(403);

    expect((await http.patch(`/admin/users/${id}`, { cookie: admin.cookie, csrf: admin.csrf, body: { active: true } })).status).toBe(200);
    expect((await http.post('/auth/login', { body: { username: 'doomed', password: PASSWORD } })).status).toBe(200);
  });

  it('applies a roles change to the user’s live session on the next request', async () => {
    await http.register('promoted');
    const session = await http.login('promoted', PASSWORD);
    expect((await http.get('/admin/users', { cookie: session.cookie })).status).toBe(403);
    const promoted = await http.patch(`/admin/users/${session.body.user.id}`, {
      cookie: admin.cookie,
      csrf: admin.csrf,
      body: { roles: ['user', 'admin'] },
    });
    expect(promoted.body.user.roles).toEqual(['user', 'admin']);
    expect((await http.get('/admin/users', { cookie: session.cookie })).status).toBe(200);
    expect((await http.get('/auth/me', { cookie: session.cookie })).body.user.roles).toEqual(['user', 'admin']);
    await http.patch(`/admin/users/${session.body.user.id}`, { cookie: admin.cookie, csrf: admin.csrf, body: { roles: ['user'] } });
    expect((await http.get('/admin/users', { cookie: session.cookie })).status).toBe(403);
  });

  it('does not let an admin disable themselves or drop their own admin role', async () => {
    const self = await http.patch(`/admin/users/${adminId}`, { cookie: admin.cookie, csrf: admin.csrf, body: { active: false } });
    expect(self.status).toBe(400);
    const demote = await http.patch(`/admin/users/${adminId}`, { cookie: admin.cookie, csrf: admin.csrf, body: { roles: ['user'] } });
    expect(demote.status).toBe(400);
    expect((await http.get('/admin/users', { cookie: admin.cookie })).status).toBe(200);
  });

  it('revokes all of a user’s sessions and records every action, newest first, with its actor', async () => {
    await http.register('audited');
    const own = await http.login('audited', PASSWORD);
    const id = own.body.user.id;
    await http.post('/auth/login', { body: { username: 'audited', password: 'wrong-password' } });
    expect((await http.delete(`/admin/users/${id}/sessions`, { cookie: admin.cookie, csrf: admin.csrf })).status).toBe(204);
    expect((await http.get('/auth/me', { cookie: own.cookie })).status).toBe(401);
    await http.patch(`/admin/users/${id}`, { cookie: admin.cookie, csrf: admin.csrf, body: { active: false } });

    const audit = await http.get(`/admin/audit?userId=${id}`, { cookie: admin.cookie });
    expect(audit.status).toBe(200);
    const events = audit.body.items.map((e: { type: string; actorId: string | null }) => [e.type, e.actorId]);
    expect(events).toEqual([
      ['user.updated', adminId],
      ['session.revoked', adminId],
      ['login.failed', null],
      ['login.succeeded', id],
      ['user.registered', id],
    ]);
    for (const event of audit.body.items)
      expect(event).toEqual(expect.objectContaining({ id: expect.any(String), at: expect.any(String), userId: id }));
    const typed = await http.get('/admin/audit?type=login.failed&limit=1', { cookie: admin.cookie });
    expect(typed.body.items).toHaveLength(1);
    expect(typed.body.nextCursor).toEqual(expect.any(String));
    const next = await http.get(`/admin/audit?type=login.failed&limit=1&cursor=${typed.body.nextCursor}`, { cookie: admin.cookie });
    expect(next.body.items[0]?.id).not.toBe(typed.body.items[0].id);
  });

  it('is refused by the services themselves without a valid admin credential (defence in depth)', async () => {
    const adminService = adminServiceClient(system.env.TRANSPORT_URL);
    const authService = authServiceClient(system.env.TRANSPORT_URL);
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (e: DomainError) => e.code,
      );
    try {
      const forged = { kind: 'session' as const, token: 'forged-token' };
      expect(await codeOf(adminService.send(AdminPatterns.ListUsers, { credential: forged }))).toBe(ErrorCode.Unauthenticated);
      const plain = { kind: 'session' as const, token: user.cookie.slice(4) };
      expect(await codeOf(adminService.send(AdminPatterns.ListUsers, { credential: plain }))).toBe(ErrorCode.Forbidden);
      const client = { ip: '10.0.0.9', userAgent: 'rogue' };
      expect(
        await codeOf(authService.send(AuthPatterns.AdminUpdateUser, { credential: plain, userId, roles: ['user', 'admin'], client })),
      ).toBe(ErrorCode.Forbidden);
      expect(await codeOf(authService.send(AuthPatterns.AdminUpdateUser, { credential: forged, userId, roles: ['admin'], client }))).toBe(
        ErrorCode.Unauthenticated,
      );
      const adminCredential = { kind: 'session' as const, token: admin.cookie.slice(4) };
      const extraField = { credential: adminCredential, extra: 1 } as never;
      expect(await codeOf(adminService.send(AdminPatterns.ListUsers, extraField))).toBe(ErrorCode.ValidationFailed);
    } finally {
      await adminService.close();
      await authService.close();
    }
  });
});
