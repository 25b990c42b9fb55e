import { Answer, Http, cookieAttributes, cookieValue } from '../../../test/support/http';
import { ADMIN, TestSystem } from '../../../test/support/system';

jest.setTimeout(60_000);

const PASSWORD = 'a-Strong-password-1';

/** The cookies a browser would hold: updated from every Set-Cookie, sent as one Cookie header. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(answer: Answer): Answer {
    for (const header of answer.setCookies) {
      const [pair, ...attributes] = header.split(';');
      const [name, ...rest] = pair.split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join('='));
    }
    return answer;
  }

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

function hiddenField(html: string, name: string): string | undefined {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  return match?.[1];
}

function headings(html: string): string[] {
  return [...html.matchAll(/<h1>([^<]*)<\/h1>/g)].map((match) => match[1]);
}

describe('the server-rendered pages', () => {
  let system: TestSystem;
  let http: Http;

  /** A fresh "browser": GETs a form page and answers its jar and the form's CSRF token. */
  async function formPage(path: '/login' | '/register', jar = new CookieJar()): Promise<{ jar: CookieJar; csrf: string; page: Answer }> {
    const page = jar.store(await http.get(path, { cookie: jar.header }));
    const csrf = hiddenField(page.text, '_csrf');
    if (!csrf) throw new Error(`${path} has no _csrf field: ${page.status} ${page.text}`);
    return { jar, csrf, page };
  }

  async function postForm(path: string, jar: CookieJar, form: Record<string, string>, headers?: Record<string, string>): Promise<Answer> {
    return jar.store(await http.post(path, { cookie: jar.header, form, headers }));
  }

  async function register(username: string, password = PASSWORD): Promise<Answer> {
    const { jar, csrf } = await formPage('/register');
    return postForm('/register', jar, { _csrf: csrf, username, password });
  }

  /** Logs in through the login form; answers the jar holding the session and the dashboard's CSRF token. */
  async function logIn(
    username: string,
    password = PASSWORD,
    extra: Record<string, string> = {},
  ): Promise<{ jar: CookieJar; answer: Answer }> {
    const { jar, csrf } = await formPage('/login');
    const answer = await postForm('/login', jar, { _csrf: csrf, username, password, ...extra });
    return { jar, answer };
  }

  async function dashboardCsrf(jar: CookieJar): Promise<string> {
    const dashboard = jar.store(await http.get('/dashboard', { cookie: jar.header }));
    expect(dashboard.status).toBe(200);
    return hiddenField(dashboard.text, '_csrf') as string;
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    http = new Http(system.baseUrl);
    expect((await register('alice')).status).toBe(303);
    expect((await register('bob')).status).toBe(303);
  });

  afterAll(async () => {
    await system?.stop();
  });

  describe('every page', () => {
    it.each(['/', '/login', '/register'])('%s is HTML with a title, one h1 and no-store', async (path) => {
      const page = await http.get(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.text).toMatch(/<title>[^<]+<\/title>/);
      expect(headings(page.text)).toHaveLength(1);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('content-security-policy') ?? '').toContain("default-src 'none'");
    });

    it.each(['/', '/register'])('%s has a script-free CSP and no script', async (path) => {
      const page = await http.get(path);
      expect(page.headers.get('content-security-policy') ?? '').not.toMatch(/script-src|unsafe-inline/);
      expect(page.text).not.toMatch(/<script/i);
    });

    it('/login loads only the passkey script, from this origin, with no inline script allowed', async () => {
      const page = await http.get('/login');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect([...page.text.matchAll(/<script[^>]*>/gi)].map((match) => match[0])).toEqual(['<script src="/static/passkeys.js" defer>']);
    });

    it('labels every visible input', async () => {
      for (const path of ['/login', '/register']) {
        const { text } = await http.get(path);
        const ids = [...text.matchAll(/<input id="([^"]+)"/g)].map((match) => match[1]);
        expect(ids.length).toBeGreaterThan(1);
        for (const id of ids) expect(text).toContain(`<label for="${id}">`);
      }
    });

    it('serves the stylesheet', async () => {
      const css = await http.get('/static/app.css');
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);
      expect(css.text).toContain('body');
    });

    it('serves the passkey script: @simplewebauthn/browser and the pages’ buttons in one file', async () => {
      const script = await http.get('/static/passkeys.js');
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(script.headers.get('x-content-type-options')).toBe('nosniff');
      expect(script.text).toContain('SimpleWebAuthnBrowser');
      expect(script.text).toContain('/auth/passkeys/authentication/options');
    });

    it('leaves the JSON API alone: /admin/users without a session is still a JSON 401', async () => {
      const answer = await http.get('/admin/users');
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    });
  });

  describe('login required', () => {
    it.each([
      ['/dashboard', '/login?next=/dashboard'],
      ['/admin', '/login?next=/admin'],
      ['/account', '/login?next=/account'],
      ['/dashboard?tab=sessions&x=1', '/login?next=/dashboard%3Ftab%3Dsessions%26x%3D1'],
    ])('GET %s without a session is a 302 to %s, and the login page says why', async (path, location) => {
      const jar = new CookieJar();
      const answer = jar.store(await http.get(path));
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe(location);
      expect(cookieAttributes(answer.setCookies, 'flash')).toMatchObject({ httponly: true, samesite: 'Lax', 'max-age': '60' });

      const login = jar.store(await http.get(location, { cookie: jar.header }));
      expect(login.status).toBe(200);
      expect(login.text).toContain('Please log in to access this page.');
      expect(hiddenField(login.text, 'next')).toBe(new URL(location, system.baseUrl).searchParams.get('next')?.replace(/&/g, '&amp;'));

      const again = await http.get('/login', { cookie: jar.header });
      expect(again.text).not.toContain('Please log in to access this page.');
    });

    it('a posted form without a session is a 303 to the login page for the page it came from', async () => {
      const answer = await http.post('/dashboard/sessions/abc/revoke', { form: { _csrf: 'x' } });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/login?next=/dashboard');
    });

    it('a forged or unsigned flash cookie shows nothing', async () => {
      const unsigned = await http.get('/login', { cookie: 'flash=login-required' });
      expect(unsigned.text).not.toContain('Please log in');
      const forged = await http.get('/login', { cookie: 'flash=s%3Alogin-required.forgedsignature' });
      expect(forged.text).not.toContain('Please log in');
    });

    it('a logged-in visit to /login or /register goes to /dashboard', async () => {
      const { jar } = await logIn('alice');
      for (const path of ['/login', '/register']) {
        const answer = await http.get(path, { cookie: jar.header });
        expect(answer.status).toBe(302);
        expect(answer.headers.get('location')).toBe('/dashboard');
      }
      const home = await http.get('/', { cookie: jar.header });
      expect(home.text).toContain('href="/dashboard"');
    });
  });

  describe('next after login', () => {
    it.each([
      ['/admin', '/admin'],
      ['/dashboard?tab=sessions', '/dashboard?tab=sessions'],
      ['//evil.com', '/dashboard'],
      ['https://evil.com', '/dashboard'],
      ['http://evil.com/dashboard', '/dashboard'],
      ['/\\evil.com', '/dashboard'],
      ['\\\\evil.com', '/dashboard'],
      ['/%2F%2Fevil.com', '/dashboard'],
      ['/%2f%2fevil.com', '/dashboard'],
      ['/%5Cevil.com', '/dashboard'],
      ['/%5cevil.com', '/dashboard'],
      ['/%252F%252Fevil.com', '/dashboard'],
      ['/\t/evil.com', '/dashboard'],
      ['/dashboard%0d%0aSet-Cookie:%20x=y', '/dashboard'],
      ['javascript:alert(1)', '/dashboard'],
      ['', '/dashboard'],
    ])('next=%j redirects to %s', async (next, location) => {
      const { answer } = await logIn('alice', PASSWORD, { next });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(location);
    });

    it('an off-site next in the login URL never reaches the form', async () => {
      for (const next of ['//evil.com', 'https://evil.com', '/\\evil.com', '/%2F%2Fevil.com', '/%5Cevil.com']) {
        const page = await http.get(`/login?next=${encodeURIComponent(next)}`);
        expect(page.status).toBe(200);
        expect(hiddenField(page.text, 'next')).toBeUndefined();
      }
    });
  });

  describe('login CSRF', () => {
    it.each([
      ['no form token', { field: false, cookie: true }],
      ['a wrong form token', { field: 'x'.repeat(43), cookie: true }],
      ['no cookie', { field: true, cookie: false }],
    ])('a login with %s is a 403 page and no session', async (_name, { field, cookie }) => {
      const { jar, csrf } = await formPage('/login');
      const form: Record<string, string> = { username: 'alice', password: PASSWORD };
      if (field) form._csrf = field === true ? csrf : field;
      const answer = await http.post('/login', { form, cookie: cookie ? jar.header : undefined });
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(headings(answer.text)).toEqual(['Access denied']);
      expect(cookieValue(answer.setCookies, 'sid')).toBeUndefined();
    });

    it('a register with a missing token is a 403 page and creates nobody', async () => {
      const { jar } = await formPage('/register');
      const answer = await http.post('/register', { form: { username: 'mallory', password: PASSWORD }, cookie: jar.header });
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await http.post('/auth/login', { body: { username: 'mallory', password: PASSWORD } })).status).toBe(401);
    });

    it('a cross-site post is refused even with a matching token', async () => {
      const { jar, csrf } = await formPage('/login');
      const answer = await http.post('/login', {
        form: { _csrf: csrf, username: 'alice', password: PASSWORD },
        cookie: jar.header,
        headers: { origin: 'https://evil.com' },
      });
      expect(answer.status).toBe(403);
    });
  });

  describe('failed forms', () => {
    it('a wrong password re-renders with 401, the username kept and the password dropped', async () => {
      const { jar, csrf } = await formPage('/login');
      const answer = await postForm('/login', jar, { _csrf: csrf, username: 'alice', password: 'wrong-password-9' });
      expect(answer.status).toBe(401);
      expect(answer.text).toContain('Invalid username or password');
      expect(answer.text).toContain('value="alice"');
      expect(answer.text).not.toContain('wrong-password-9');
      expect(cookieValue(answer.setCookies, 'sid')).toBeUndefined();
    });

    it('an unknown user gets the same 401 message', async () => {
      const { answer } = await logIn('nobody-here', 'whatever-password');
      expect(answer.status).toBe(401);
      expect(answer.text).toContain('Invalid username or password');
    });

    it('empty fields are a 400', async () => {
      const { answer } = await logIn('', '');
      expect(answer.status).toBe(400);
    });

    it('too many failures re-render with 429 and Retry-After', async () => {
      expect((await register('carol')).status).toBe(303);
      let answer: Answer | undefined;
      for (let attempt = 0; attempt < 6; attempt++) answer = (await logIn('carol', 'not-the-password')).answer;
      expect(answer?.status).toBe(429);
      expect(Number(answer?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answer?.text).toMatch(/Too many failed attempts/);
      expect((await logIn('carol')).answer.status).toBe(429);
    });

    it('registering a taken name is a 409 re-render; a bad password a 400; input is escaped', async () => {
      const taken = await register('ALICE');
      expect(taken.status).toBe(409);
      expect(taken.text).toContain('already taken');
      expect(taken.text).toContain('value="ALICE"');
      expect(taken.text).not.toContain(PASSWORD);

      const short = await register('dave', 'short');
      expect(short.status).toBe(400);
      expect(short.text).toContain('value="dave"');

      const hostile = await register('<script>alert(1)</script>');
      expect(hostile.status).toBe(400);
      expect(hostile.text).not.toContain('<script>alert(1)</script>');
      expect(hostile.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('registering succeeds with a 303 to /login and the flash', async () => {
      const { jar, csrf } = await formPage('/register');
      const answer = await postForm('/register', jar, { _csrf: csrf, username: 'erin', password: PASSWORD, email: 'erin@example.org' });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/login');
      const login = jar.store(await http.get('/login', { cookie: jar.header }));
      expect(login.text).toContain('Account created. Please log in.');
    });
  });

  describe('logged in', () => {
    it('remember me gives the cookie a Max-Age; without it the cookie ends with the browser', async () => {
      const remembered = await logIn('alice', PASSWORD, { remember: 'on' });
      expect(remembered.answer.status).toBe(303);
      expect(Number(cookieAttributes(remembered.answer.setCookies, 'sid')?.['max-age'])).toBeGreaterThan(24 * 3600);
      const plain = await logIn('alice');
      expect(cookieAttributes(plain.answer.setCookies, 'sid')).not.toHaveProperty('max-age');
    });

    it('the dashboard says who you are and revokes another session with a 303', async () => {
      const { jar } = await logIn('bob');
      const other = await http.login('bob', PASSWORD);
      const dashboard = await http.get('/dashboard', { cookie: jar.header });
      expect(dashboard.status).toBe(200);
      expect(headings(dashboard.text)).toHaveLength(1);
      expect(dashboard.text).toContain('You are logged in as <strong>bob</strong>');
      const csrf = hiddenField(dashboard.text, '_csrf') as string;
      const me = await http.get('/auth/me', { cookie: other.cookie });
      const otherId = me.body.session.id as string;
      expect(dashboard.text).toContain(`/dashboard/sessions/${otherId}/revoke`);

      const withoutToken = await http.post(`/dashboard/sessions/${otherId}/revoke`, { cookie: jar.header, form: {} });
      expect(withoutToken.status).toBe(403);
      expect(withoutToken.headers.get('content-type')).toMatch(/^text\/html/);

      const revoked = await http.post(`/dashboard/sessions/${otherId}/revoke`, { cookie: jar.header, form: { _csrf: csrf } });
      expect(revoked.status).toBe(303);
      expect(revoked.headers.get('location')).toBe('/dashboard');
      expect((await http.get('/auth/me', { cookie: other.cookie })).status).toBe(401);

      const unknown = await http.post('/dashboard/sessions/not-a-session/revoke', { cookie: jar.header, form: { _csrf: csrf } });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
    });

    it('revoking the session in use is a logout', async () => {
      const { jar } = await logIn('bob');
      const csrf = await dashboardCsrf(jar);
      const me = await http.get('/auth/me', { cookie: jar.header });
      const answer = jar.store(
        await http.post(`/dashboard/sessions/${me.body.session.id}/revoke`, { cookie: jar.header, form: { _csrf: csrf } }),
      );
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/login');
      expect(jar.has('sid')).toBe(false);
      expect((await http.get('/login', { cookie: jar.header })).text).toContain('You have been logged out.');
    });

    it('logging in through the form ends the session the browser had, as the JSON login does', async () => {
      const before = await logIn('bob');
      const oldSid = cookieValue(before.answer.setCookies, 'sid') as string;
      const { jar, csrf } = await formPage('/login');
      const answer = await http.post('/login', {
        cookie: `${jar.header}; sid=${oldSid}`,
        form: { _csrf: csrf, username: 'bob', password: PASSWORD },
      });
      expect(answer.status).toBe(303);
      const newSid = cookieValue(answer.setCookies, 'sid');
      expect(newSid).toBeDefined();
      expect(newSid).not.toBe(oldSid);
      expect((await http.get('/auth/me', { cookie: `sid=${oldSid}` })).status).toBe(401);
      expect((await http.get('/auth/me', { cookie: `sid=${newSid}` })).status).toBe(200);
    });

    it('logging out needs the token, then 303s to /login with the flash and ends the session', async () => {
      const { jar } = await logIn('bob');
      const csrf = await dashboardCsrf(jar);
      expect((await http.post('/logout', { cookie: jar.header, form: {} })).status).toBe(403);

      const logout = jar.store(await http.post('/logout', { cookie: jar.header, form: { _csrf: csrf } }));
      expect(logout.status).toBe(303);
      expect(logout.headers.get('location')).toBe('/login');
      expect(jar.has('sid')).toBe(false);
      const login = jar.store(await http.get('/login', { cookie: jar.header }));
      expect(login.text).toContain('You have been logged out.');
      const dashboard = await http.get('/dashboard', { cookie: jar.header });
      expect(dashboard.status).toBe(302);
    });
  });

  describe('admin', () => {
    it('is a 403 page for a user without the role', async () => {
      const { jar } = await logIn('alice');
      const page = await http.get('/admin', { cookie: jar.header });
      expect(page.status).toBe(403);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(headings(page.text)).toEqual(['Access denied']);
    });

    it('lists users and audit events, and disabling a user ends their session at once', async () => {
      expect((await register('frank')).status).toBe(303);
      const frank = await logIn('frank');
      const frankUser = (await http.get('/auth/me', { cookie: frank.jar.header })).body.user;

      const admin = await logIn(ADMIN.username, ADMIN.password);
      const page = await http.get('/admin', { cookie: admin.jar.header });
      expect(page.status).toBe(200);
      expect(headings(page.text)).toEqual(['Administration']);
      expect(page.text).toContain('data-username="frank"');
      expect(page.text).toContain('login.succeeded');
      const csrf = hiddenField(page.text, '_csrf') as string;

      const withoutToken = await http.post(`/admin/users/${frankUser.id}/active`, { cookie: admin.jar.header, form: { active: 'false' } });
      expect(withoutToken.status).toBe(403);
      const disabled = await http.post(`/admin/users/${frankUser.id}/active`, {
        cookie: admin.jar.header,
        form: { _csrf: csrf, active: 'false' },
      });
      expect(disabled.status).toBe(303);
      expect(disabled.headers.get('location')).toBe('/admin');

      const frankVisit = await http.get('/dashboard', { cookie: frank.jar.header });
      expect(frankVisit.status).toBe(302);
      expect(frankVisit.headers.get('location')).toBe('/login?next=/dashboard');
      const again = await logIn('frank');
      expect(again.answer.status).toBe(403);
      expect(again.answer.text).toContain('This account has been disabled.');

      const enabled = await http.post(`/admin/users/${frankUser.id}/active`, {
        cookie: admin.jar.header,
        form: { _csrf: csrf, active: 'true' },
      });
      expect(enabled.status).toBe(303);
      expect((await logIn('frank')).answer.status).toBe(303);
    });

    it('refuses an admin disabling themselves with a 400 page', async () => {
      const admin = await logIn(ADMIN.username, ADMIN.password);
      const me = (await http.get('/auth/me', { cookie: admin.jar.header })).body;
      const answer = await http.post(`/admin/users/${me.user.id}/active`, {
        cookie: admin.jar.header,
        form: { _csrf: me.csrfToken, active: 'false' },
      });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    });
  });

  describe('the account page', () => {
    const FIREFOX = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    const IPHONE =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

    /** Logs in through the form from a browser with this User-Agent; answers the jar and the account page's CSRF token. */
    async function logInAs(username: string, userAgent: string, password = PASSWORD): Promise<{ jar: CookieJar; csrf: string }> {
      const { jar, csrf } = await formPage('/login');
      const answer = await postForm('/login', jar, { _csrf: csrf, username, password }, { 'user-agent': userAgent });
      expect(answer.status).toBe(303);
      const page = jar.store(await http.get('/account', { cookie: jar.header, headers: { 'user-agent': userAgent } }));
      expect(page.status).toBe(200);
      return { jar, csrf: hiddenField(page.text, '_csrf') as string };
    }

    it('shows the profile, every section, and the sessions by browser and system, never the raw User-Agent', async () => {
      expect((await register('gina')).status).toBe(303);
      const { jar } = await logInAs('gina', FIREFOX);
      await logInAs('gina', IPHONE);
      const page = await http.get('/account', { cookie: jar.header });
      expect(headings(page.text)).toEqual(['Your account']);
      expect(page.headers.get('cache-control')).toBe('no-store');
      // Its one script is the passkey button's, from this origin (no inline script may run).
      expect([...page.text.matchAll(/<script[^>]*>/gi)].map((match) => match[0])).toEqual(['<script src="/static/passkeys.js" defer>']);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
      for (const heading of ['Profile', 'Password', 'Two-factor authentication', 'Passkeys', 'Where you are signed in']) {
        expect(page.text).toContain(`>${heading}</h2>`);
      }
      expect(page.text).toContain('<dd>gina</dd>');
      expect(page.text).toContain('No email address');
      expect(page.text).toContain('Firefox 128 on Ubuntu');
      expect(page.text).toContain('Mobile Safari 17 on iOS 17.5');
      expect(page.text).not.toContain('Gecko/20100101');
      expect(page.text).toContain('Sign out everywhere else');
      expect(page.text).toContain('href="/account"');
      const ids = [...page.text.matchAll(/<input id="([^"]+)"/g)].map((match) => match[1]);
      expect(ids.length).toBeGreaterThan(2);
      for (const id of ids) expect(page.text).toContain(`<label for="${id}">`);
    });

    it('shows the email with its verified state', async () => {
      const { jar, csrf } = await formPage('/register');
      await postForm('/register', jar, { _csrf: csrf, username: 'hank', password: PASSWORD, email: 'hank@example.org' });
      const page = await http.get('/account', { cookie: (await logInAs('hank', FIREFOX)).jar.header });
      expect(page.text).toContain('hank@example.org');
      expect(page.text).toContain('Not verified');
    });

    it('changes the password: refusals re-render with nothing changed, success rotates the session and signs out the others', async () => {
      expect((await register('iris')).status).toBe(303);
      const { jar, csrf } = await logInAs('iris', FIREFOX);
      const other = await http.login('iris', PASSWORD);
      const NEW = 'another-Strong-passw0rd';
      const change = (form: Record<string, string>) => postForm('/account/password', jar, { _csrf: csrf, ...form });

      const mismatch = await change({ currentPassword: PASSWORD, newPassword: NEW, confirmPassword: `${NEW}x` });
      expect(mismatch.status).toBe(400);
      expect(headings(mismatch.text)).toEqual(['Your account']);
      expect(mismatch.text).toContain('are not the same');
      const wrong = await change({ currentPassword: 'not-my-password-1', newPassword: NEW, confirmPassword: NEW });
      expect(wrong.status).toBe(403);
      expect(wrong.text).toContain('Your current password is not right.');
      const weak = await change({ currentPassword: PASSWORD, newPassword: 'password', confirmPassword: 'password' });
      expect(weak.status).toBe(400);
      expect(weak.text).not.toContain('not-my-password-1');
      expect((await http.get('/auth/me', { cookie: other.cookie })).status).toBe(200);

      const withoutToken = await http.post('/account/password', {
        cookie: jar.header,
        form: { currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW },
      });
      expect(withoutToken.status).toBe(403);

      const changed = await change({ currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW });
      expect(changed.status).toBe(303);
      expect(changed.headers.get('location')).toBe('/account');
      expect(cookieValue(changed.setCookies, 'sid')).toBeDefined();
      const after = jar.store(await http.get('/account', { cookie: jar.header }));
      expect(after.status).toBe(200);
      expect(after.text).toContain('Your password has been changed.');
      expect((await http.get('/auth/me', { cookie: other.cookie })).status).toBe(401);
      expect((await http.post('/auth/login', { body: { username: 'iris', password: PASSWORD } })).status).toBe(401);
      expect((await http.post('/auth/login', { body: { username: 'iris', password: NEW } })).status).toBe(200);
    });

    it('revokes one session, then signs out everywhere else, and revoking its own is a logout', async () => {
      expect((await register('jack')).status).toBe(303);
      const { jar, csrf } = await logInAs('jack', FIREFOX);
      const [first, second] = [await http.login('jack', PASSWORD), await http.login('jack', PASSWORD)];
      const firstId = (await http.get('/auth/me', { cookie: first.cookie })).body.session.id as string;

      const revoked = await postForm(`/account/sessions/${firstId}/revoke`, jar, { _csrf: csrf });
      expect(revoked.status).toBe(303);
      expect(revoked.headers.get('location')).toBe('/account');
      expect((await http.get('/auth/me', { cookie: first.cookie })).status).toBe(401);
      expect((await http.get('/auth/me', { cookie: second.cookie })).status).toBe(200);
      const unknown = await postForm('/account/sessions/not-a-session/revoke', jar, { _csrf: csrf });
      expect(unknown.status).toBe(404);

      const everywhere = await postForm('/account/sessions/revoke-others', jar, { _csrf: csrf });
      expect(everywhere.status).toBe(303);
      expect((await http.get('/auth/me', { cookie: second.cookie })).status).toBe(401);
      const page = jar.store(await http.get('/account', { cookie: jar.header }));
      expect(page.text).toContain('You have been signed out everywhere else.');
      expect(page.text).not.toContain('Sign out everywhere else</button>');

      const ownId = (await http.get('/auth/me', { cookie: jar.header })).body.session.id as string;
      const own = await postForm(`/account/sessions/${ownId}/revoke`, jar, { _csrf: csrf });
      expect(own.status).toBe(303);
      expect(own.headers.get('location')).toBe('/login');
      expect(jar.has('sid')).toBe(false);
    });
  });
});
