import { usernameFingerprint } from '@app/common';
import { Http } from '../../../test/support/http';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

const PASSWORD = 'roles-Strong-pass-1';
const AUDIT_USERNAME_KEY = 'roles-test-audit-username-key-of-32-bytes';

/**
 * Issue 20.8 (auth-service part): only the roles of KNOWN_ROLES can be granted, never none, and a user
 * always keeps `user`; a failed login never records the username as typed (it may be a password in the
 * wrong field): a known account by its id, an unknown name by a keyed fingerprint.
 */
describe.each(DATABASES)('known roles and the failed-login audit (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  let admin: { cookie: string; csrf: string };
  let userId: string;

  const setRoles = (roles: unknown) => http.patch(`/admin/users/${userId}`, { body: { roles }, cookie: admin.cookie, csrf: admin.csrf });
  const failedLogins = async (): Promise<Array<{ userId: string | null; detail: Record<string, unknown> }>> => {
    const answer = await http.get('/admin/audit?type=login.failed&limit=100', { cookie: admin.cookie });
    expect(answer.status).toBe(200);
    return answer.body.items;
  };

  beforeAll(async () => {
    system = await TestSystem.start({
      database,
      serviceEnv: { 'auth-service': { KNOWN_ROLES: 'user,admin,auditor', AUDIT_USERNAME_KEY } },
    });
    http = new Http(system.baseUrl);
    userId = (await http.register('role-holder', PASSWORD)).id;
    admin = await http.login(ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('refuses roles: [] and unknown roles with 400, and changes nothing', async () => {
    const empty = await setRoles([]);
    expect(empty.status).toBe(400);
    const unknown = await setRoles(['user', 'superuser']);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('superuser');
    const detail = await http.get(`/admin/users/${userId}`, { cookie: admin.cookie });
    expect(detail.body.user.roles).toEqual(['user']);
  });

  it('grants known roles and always keeps user', async () => {
    expect((await setRoles(['auditor'])).body.user.roles).toEqual(['user', 'auditor']);
    expect((await setRoles(['admin', 'user', 'admin'])).body.user.roles).toEqual(['user', 'admin']);
    expect((await setRoles(['user'])).body.user.roles).toEqual(['user']);
  });

  it('records a failed login of an unknown username only as a keyed fingerprint, and of a known one by user id', async () => {
    const typedByMistake = 'My-Password-In-The-Wrong-Field-1';
    expect((await http.post('/auth/login', { body: { username: typedByMistake, password: PASSWORD } })).status).toBe(401);
    expect((await http.post('/auth/login', { body: { username: 'Role-Holder', password: 'not-the-password-1' } })).status).toBe(401);
    const events = await failedLogins();
    expect(JSON.stringify(events).toLowerCase()).not.toContain('wrong-field');
    expect(JSON.stringify(events)).not.toContain('role-holder');
    expect(events).toContainEqual(
      expect.objectContaining({
        userId: null,
        detail: { usernameFingerprint: usernameFingerprint(typedByMistake, AUDIT_USERNAME_KEY), reason: 'credentials' },
      }),
    );
    expect(events).toContainEqual(expect.objectContaining({ userId, detail: { reason: 'credentials' } }));
  });
});
