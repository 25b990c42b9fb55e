import { Answer, Http } from '../../../test/support/http';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';

jest.setTimeout(240_000);

const PASSWORD = 'second-Admin-pass-1';
const TRIALS = 10;

interface Admin {
  id: string;
  username: string;
  password: string;
  session: { cookie: string; csrf: string };
}

/**
 * Issue 20.2: "there is always an active admin" holds under concurrency. The only two admins change
 * each other at the same moment (both demote, or both disable): the auth-service locks the active admins
 * inside the transaction that makes the change, so one change wins and the other is refused.
 * Issue 13.1: one mapping for every read of a user: the listing's, the detail's and /auth/me's user agree.
 */
describe.each(DATABASES)('the last admin (%s)', (database) => {
  let system: TestSystem;
  let http: Http;
  let first: Admin;
  let second: Admin;

  const patch = (actor: Admin, target: Admin, body: Record<string, unknown>): Promise<Answer> =>
    http.patch(`/admin/users/${target.id}`, { body, cookie: actor.session.cookie, csrf: actor.session.csrf });

  async function activeAdmins(by: Admin): Promise<string[]> {
    const page = await http.get('/admin/users?limit=100', { cookie: by.session.cookie });
    expect(page.status).toBe(200);
    const admins = page.body.items.filter((user: { active: boolean; roles: string[] }) => user.active && user.roles.includes('admin'));
    return admins.map((user: { username: string }) => user.username).sort();
  }

  /** Makes `target` an active admin again through `by` (the one who kept the role), with a new session if it was disabled. */
  async function restore(by: Admin, target: Admin): Promise<void> {
    const restored = await patch(by, target, { active: true, roles: ['user', 'admin'] });
    expect(restored.status).toBe(200);
    target.session = await http.login(target.username, target.password);
  }

  beforeAll(async () => {
    system = await TestSystem.start({ database });
    http = new Http(system.baseUrl);
    const root = await http.login(ADMIN.username, ADMIN.password);
    first = { id: root.body.user.id, username: ADMIN.username, password: ADMIN.password, session: root };
    const id = (await http.register('deputy', PASSWORD, 'deputy@example.org')).id;
    second = { id, username: 'deputy', password: PASSWORD, session: { cookie: '', csrf: '' } };
    expect((await patch(first, second, { roles: ['user', 'admin'] })).status).toBe(200);
    second.session = await http.login(second.username, second.password);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it.each([
    ['demote each other', { roles: ['user'] }],
    ['disable each other', { active: false }],
  ])('two admins who %s at once: never zero admins, in 10 trials', async (_what, change) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const [one, two] = await Promise.all([patch(first, second, change), patch(second, first, change)]);
      const statuses = [one.status, two.status];
      // One change wins; the other is refused by the check (400), or by the guard if it already saw the loss (401/403).
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect([400, 401, 403]).toContain(statuses.find((status) => status !== 200));
      const winner = one.status === 200 ? first : second;
      const loser = winner === first ? second : first;
      expect(await activeAdmins(winner)).toEqual([winner.username]);
      await restore(winner, loser);
      expect(await activeAdmins(winner)).toEqual([ADMIN.username, second.username].sort());
    }
  });

  it('refuses with 400 a change that would leave no active admin', async () => {
    expect((await patch(first, second, { roles: ['user'] })).status).toBe(200);
    // The last admin cannot be demoted or disabled (by themselves: the self-demotion rule; the check backs it up).
    const refused = await patch(first, first, { roles: ['user'] });
    expect(refused.status).toBe(400);
    await restore(first, second);
  });

  it("the listing's user, the detail's user and the user's own /auth/me user are the same object", async () => {
    const detail = await http.get(`/admin/users/${second.id}`, { cookie: first.session.cookie });
    const listing = await http.get('/admin/users?query=deputy', { cookie: first.session.cookie });
    const me = await http.get('/auth/me', { cookie: second.session.cookie });
    expect([detail.status, listing.status, me.status]).toEqual([200, 200, 200]);
    expect(listing.body.items).toHaveLength(1);
    expect(listing.body.items[0]).toEqual(detail.body.user);
    expect(me.body.user).toEqual(detail.body.user);
    expect(detail.body.user).toMatchObject({ username: 'deputy', email: 'deputy@example.org', roles: ['user', 'admin'], active: true });
  });
});
